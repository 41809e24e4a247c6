import { describe, expect, it } from 'vitest'
import { FlowsError, loadFlows } from '../../src/flows/load.js'
import { shippedFlowFiles } from '../helpers/flows.js'

const shipped = shippedFlowFiles()

/** Loads the shipped files plus the given ones; returns every reported problem. */
function problems(files: Record<string, string>): string[] {
  try {
    loadFlows({ ...shipped, ...files })
  } catch (err) {
    expect(err).toBeInstanceOf(FlowsError)
    return (err as FlowsError).problems
  }
  throw new Error('expected loading to fail')
}

const extra = (body: string) => ({ 'flows/x-extra.yaml': `synonyms:\n${body}` })

describe('flows synonyms: every mistake names the file and the word', () => {
  it('refuses a word that already means something else, naming both places', () => {
    const p = problems(extra('  - { means: งบประมาณ, words: [ของหลวง] }\n'))
    expect(p).toHaveLength(1)
    expect(p[0]).toMatch(
      /synonyms\.0\.words\.0: "ของหลวง" already means "ทรัพย์สินราชการ" \(flows\/synonyms\.yaml: synonyms\.\d+\.words\.0\); a word means one thing$/,
    )
  })

  it('refuses words that are only particles or punctuation, and a word that is its own meaning', () => {
    expect(problems(extra('  - { means: เมนู, words: [ครับ, "!!", เมนู] }\n'))).toEqual([
      'flows/x-extra.yaml: synonyms.0.words.0: "ครับ" is only punctuation or polite particles',
      'flows/x-extra.yaml: synonyms.0.words.1: "!!" is only punctuation or polite particles',
      'flows/x-extra.yaml: synonyms.0.words.2: "เมนู" is what it means ("เมนู"); leave it out',
    ])
    expect(problems(extra('  - { means: ค่ะ, alone: [ช่วยที] }\n'))).toEqual([
      'flows/x-extra.yaml: synonyms.0.means: "ค่ะ" is only punctuation or polite particles',
    ])
  })

  it('refuses an entry with no words at all, and fields it does not know', () => {
    expect(problems(extra('  - { means: เมนู }\n'))).toEqual([
      'flows/x-extra.yaml: synonyms.0: give words or alone (or both)',
    ])
    expect(problems(extra('  - { means: เมนู, word: [ช่วย] }\n'))[0]).toMatch(
      /^flows\/x-extra\.yaml: synonyms\.0.*word/,
    )
  })

  it('takes the same word twice for the same meaning, in words and alone alike', () => {
    const flows = loadFlows({
      ...shipped,
      ...extra('  - { means: ทรัพย์สินราชการ, words: [ของหลวง], alone: [หลวง] }\n'),
    })
    expect(flows.synonyms.at(-1)).toEqual({ means: 'ทรัพย์สินราชการ', words: ['ของหลวง'], alone: ['หลวง'] })
  })
})

describe('flows questions and labels for free text', () => {
  const faq = (extra: string) => ({
    'flows/x-extra.yaml': `faqs:\n  x.test:\n    measure: assets\n    keywords: { th: [คำทดสอบพิเศษ] }\n    answer: คำตอบ\n${extra}`,
  })

  it('refuses a FAQ label longer than a LINE button allows', () => {
    expect(problems(faq('    label: ชื่อคำตอบที่ยาวเกินกว่ายี่สิบตัวอักษร\n'))[0]).toMatch(
      /^flows\/x-extra\.yaml: faqs\.x\.test\.label: too long \(\d+ characters, max 20\)/,
    )
  })

  it('refuses a question that is not text, or longer than 300 characters', () => {
    expect(problems(faq('    questions: [{ a: 1 }]\n'))[0]).toMatch(
      /^flows\/x-extra\.yaml: faqs\.x\.test\.questions\.0: /,
    )
    expect(problems(faq(`    questions: [${'ก'.repeat(301)}]\n`))[0]).toMatch(
      /^flows\/x-extra\.yaml: faqs\.x\.test\.questions\.0: too long \(301 characters, max 300\)/,
    )
  })
})
