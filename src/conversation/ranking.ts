import { type Compact, compactText, createFinder, featuresOf } from './analyse.js'
import type { PhraseKind, PhraseSource, Target } from './catalogue.js'
import type { Synonyms } from './synonyms.js'

/**
 * Scores every target for a message, from the phrases that point at it (catalogue.ts).
 * Per phrase, the best of:
 * - the message is the phrase: 1;
 * - the phrase occurs in the message as words: 0.8, up to 1 the more of the message it is.
 *   A phrase found only inside a longer keyword, question or title of another target that was
 *   found too ("ร้องเรียน" inside "ช่องทางร้องเรียน") is explained by it: fuzzy only;
 * - fuzzy: character 2/3-grams of a skeleton (tone marks dropped, like-sounding letters merged)
 *   and word segments, weighted by rarity (idf). A keyword scores by how much of it the message
 *   holds, at most 0.75 (a typo never beats a word found whole); a sentence (a FAQ question,
 *   a title, a step) by the overlap both ways.
 * Then times the phrase kind's weight and the target's rank.
 */

const KIND_WEIGHT: Readonly<Record<PhraseKind, number>> = {
  keyword: 1,
  question: 1,
  title: 0.9,
  summary: 0.75,
  body: 0.7,
  category: 0.85,
}

/**
 * Kinds whose whole match explains a shorter phrase inside it. Not a complaint category:
 * "ใช้ทรัพย์สินราชการ" names a complaint, yet "การใช้ทรัพย์สินของราชการ" asks about the rules.
 */
const EXPLAINS: ReadonlySet<PhraseKind> = new Set(['keyword', 'question', 'title'])

const THAI = /[\u0e00-\u0e7f]/

interface Phrase {
  target: Target
  kind: PhraseKind
  /** Compact, through the synonyms: compared with the message read the same way. */
  text: string
  /** Compact as written: a keyword typed exactly so is a command. */
  written: string
  features: string[]
  weight: number
  /** Long enough to be matched fuzzily: short keywords ("งบ", "hi") match as words only. */
  fuzzy: boolean
}

export interface Ranked {
  /** Best first; only targets with a score above 0. */
  scores: [Target, number][]
  /** The target of a keyword the whole message is, as typed: a command. */
  command: Target | undefined
}

export interface PhraseIndex {
  rank(original: Compact, message: Compact): Ranked
  targets: ReadonlyMap<string, Target>
}

export function createPhraseIndex(sources: PhraseSource[], synonyms: Synonyms): PhraseIndex {
  const targets = new Map<string, Target>()
  const seen = new Set<string>()
  const phrases: Phrase[] = []
  const commands = new Map<string, Target>()
  for (const p of sources) {
    const written = compactText(p.text)
    // Phrases are read in the same words as messages: both sides through the synonyms.
    const compact = synonyms.rewrite(written)
    const key = `${p.target.id}\u0000${p.kind}\u0000${compact.text}`
    if (compact.text.length === 0 || seen.has(key)) continue
    seen.add(key)
    targets.set(p.target.id, p.target)
    if (p.kind === 'keyword' && !commands.has(written.text)) commands.set(written.text, p.target)
    phrases.push({
      target: p.target,
      kind: p.kind,
      text: compact.text,
      written: written.text,
      features: [...featuresOf(compact.words)],
      weight: 0,
      fuzzy: compact.text.length >= (THAI.test(compact.text) ? 4 : 6),
    })
  }
  // Rarity of each feature across phrases: "ของขวัญ" says more than "ราชการ".
  const df = new Map<string, number>()
  for (const p of phrases) for (const f of p.features) df.set(f, (df.get(f) ?? 0) + 1)
  const idf = new Map<string, number>()
  for (const [f, n] of df) idf.set(f, Math.log(1 + phrases.length / n))
  const unknown = Math.log(1 + phrases.length)
  const postings = new Map<string, number[]>()
  phrases.forEach((p, i) => {
    p.weight = p.features.reduce((sum, f) => sum + (idf.get(f) ?? 0), 0)
    for (const f of p.features) {
      const list = postings.get(f) ?? []
      list.push(i)
      postings.set(f, list)
    }
  })
  // Whole-word matches of everything but long texts (a step's body is matched fuzzily only).
  const wordPhrases = phrases.flatMap((p, i) => (p.kind === 'body' ? [] : [i]))
  const find = createFinder(wordPhrases.map((i) => phrases[i]?.text ?? ''))

  /** Phrases found whole in the message, less those only found inside a longer one. */
  function foundWhole(message: Compact): Set<number> {
    const spans = find(message).map(({ index, at }) => {
      const i = wordPhrases[index] ?? 0
      return { i, start: at, end: at + (phrases[i]?.text.length ?? 0) }
    })
    const out = new Set<number>()
    for (const s of spans) {
      const target = phrases[s.i]?.target
      const explained = spans.some(
        (o) =>
          EXPLAINS.has(phrases[o.i]?.kind ?? 'body') &&
          o.end - o.start > s.end - s.start &&
          o.start <= s.start &&
          o.end >= s.end &&
          phrases[o.i]?.target !== target,
      )
      if (!explained) out.add(s.i)
    }
    // Not as typed: a synonym that took words in ("เงินโครงการไปใช้ส่วนตัว" is embezzlement)
    // meant them to say no more than its meaning (flows phrases are read through it too).
    return out
  }

  return {
    targets,
    rank(original, message) {
      let total = 0
      const shared = new Float64Array(phrases.length)
      for (const f of featuresOf(message.words)) {
        const w = idf.get(f)
        total += w ?? unknown
        if (w === undefined) continue
        for (const i of postings.get(f) ?? []) shared[i] = (shared[i] ?? 0) + w
      }
      const whole = foundWhole(message)
      const best = new Map<Target, number>()
      phrases.forEach((p, i) => {
        let q = 0
        const overlap = shared[i] ?? 0
        if (p.text === message.text || p.written === original.text) q = 1
        else if (whole.has(i)) q = 0.8 + 0.2 * Math.min(1, p.text.length / message.text.length)
        else if (p.fuzzy && overlap > 0 && p.weight > 0) {
          const covered = overlap / p.weight
          const both = (2 * overlap) / (p.weight + total)
          q = p.kind === 'keyword' ? 0.75 * covered * covered * (0.6 + (0.4 * overlap) / total) : both
        }
        q *= KIND_WEIGHT[p.kind] * p.target.rank
        if (q > (best.get(p.target) ?? 0)) best.set(p.target, q)
      })
      return {
        scores: [...best].filter(([, q]) => q > 0).sort((a, b) => b[1] - a[1]),
        command: commands.get(original.text),
      }
    },
  }
}
