import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TOPICS } from '../../src/conversation/topics.js'
import { createTextUnderstanding, type Understanding } from '../../src/conversation/understanding.js'
import { shippedFlows } from '../helpers/flows.js'

/**
 * Everyday staff questions (questions.th.tsv: question, expected topic, optional expected
 * target) through the shipped flows. The suite prints the accuracy and requires 90 % on topic.
 */

const MIN_TOPIC = 0.9
/** Targets are optional in the file; where one is given, most should be hit too. */
const MIN_TARGET = 0.8

interface Row {
  line: number
  question: string
  topic: string
  target?: string
}

function readRows(path: string): Row[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text.trim() !== '' && !text.startsWith('#'))
    .map(({ text, line }) => {
      const [question = '', topic = '', target, ...extra] = text.split('\t')
      if (!question.trim() || !topic || extra.length > 0) {
        throw new Error(
          `questions.th.tsv line ${line}: want "question<TAB>topic[<TAB>target]", got "${text}"`,
        )
      }
      return { line, question, topic, ...(target ? { target } : {}) }
    })
}

interface Score {
  topic: number
  target: number
  targets: number
  misses: string[]
}

/** Accuracy of an understanding over rows; a miss lists what was expected and what came. */
function score(rows: Row[], understand: (text: string) => Understanding): Score {
  let topic = 0
  let target = 0
  let targets = 0
  const misses: string[] = []
  for (const row of rows) {
    const u = understand(row.question)
    const topicOk = u.topic === row.topic
    if (topicOk) topic++
    if (row.target) {
      targets++
      if (u.target === row.target) target++
    }
    if (!topicOk || (row.target && u.target !== row.target)) {
      misses.push(
        `line ${row.line} "${row.question}": want ${row.topic} ${row.target ?? ''}, got ${u.topic} ${u.target}`,
      )
    }
  }
  return { topic: topic / rows.length, target: targets ? target / targets : 1, targets, misses }
}

const rows = readRows('test/conversation/questions.th.tsv')
const flows = shippedFlows()

describe('everyday staff questions (questions.th.tsv)', () => {
  it('holds at least 150 distinct questions, each with a known topic and target', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150)
    const seen = new Map<string, number>()
    const u = createTextUnderstanding(flows)
    for (const row of rows) {
      expect(TOPICS, `line ${row.line}: unknown topic "${row.topic}"`).toContain(row.topic)
      if (row.target)
        expect(u.target(row.target), `line ${row.line}: no target "${row.target}"`).toBeDefined()
      expect(
        seen.get(row.question),
        `line ${row.line} repeats line ${seen.get(row.question)}`,
      ).toBeUndefined()
      seen.set(row.question, row.line)
    }
  })

  it(`reaches the right topic for at least ${MIN_TOPIC * 100} % of them`, () => {
    const u = createTextUnderstanding(flows)
    const s = score(rows, (t) => u.understand(t))
    console.log(
      `understanding: topic ${(s.topic * 100).toFixed(1)} % of ${rows.length}, ` +
        `target ${(s.target * 100).toFixed(1)} % of ${s.targets}` +
        (s.misses.length ? `\n  ${s.misses.join('\n  ')}` : ''),
    )
    expect(s.topic, s.misses.join('\n')).toBeGreaterThanOrEqual(MIN_TOPIC)
    expect(s.target, s.misses.join('\n')).toBeGreaterThanOrEqual(MIN_TARGET)
  })

  it('fails an understanding that knows only the keywords (no FAQs, guides or synonyms)', () => {
    // What the bot had before: the gate is not a formality.
    const keywordsOnly = createTextUnderstanding({ intents: flows.intents })
    const s = score(rows, (t) => keywordsOnly.understand(t))
    console.log(`keywords only: topic ${(s.topic * 100).toFixed(1)} %`)
    expect(s.topic).toBeLessThan(MIN_TOPIC)
  })

  it('names a malformed line of the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'questions-'))
    const bad = join(dir, 'bad.tsv')
    writeFileSync(bad, 'ขอดูงบ\n')
    try {
      expect(() => readRows(bad)).toThrow(/line 1: want "question<TAB>topic/)
    } finally {
      rmSync(dir, { recursive: true })
    }
  })
})
