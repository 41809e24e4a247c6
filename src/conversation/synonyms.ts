import { type Compact, compactOf, compactText, createFinder } from './analyse.js'

/** One line of flows `synonyms:`: the words staff type, and what they mean in flows' words. */
export interface SynonymDef {
  means: string
  /** Mean it anywhere in a message. */
  words: readonly string[]
  /** Mean it only as the whole message. */
  alone?: readonly string[]
}

interface Variant {
  text: string
  means: string[]
}

interface Span {
  start: number
  end: number
  words: string[]
}

export interface Synonyms {
  /** The message with every colloquial form replaced by its meaning (longest first). */
  rewrite(message: Compact): Compact
}

/** The message's words with each span's text replaced by its meaning's words. */
function replaced(message: Compact, spans: Span[]): Compact {
  const points = [...new Set([...message.cuts, ...spans.flatMap((s) => [s.start, s.end])])].sort(
    (a, b) => a - b,
  )
  const words: string[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] ?? 0
    const b = points[i + 1] ?? a
    const span = spans.find((s) => a >= s.start && a < s.end)
    if (!span) words.push(message.text.slice(a, b))
    else if (a === span.start) words.push(...span.words)
  }
  return compactOf(words)
}

/**
 * Synonyms from flows, read once: "ของหลวง" means "ทรัพย์สินราชการ", "เรื่องที่แจ้งไปถึงไหน
 * แล้ว" means "ติดตามเรื่องร้องเรียน". A message is rewritten in flows' own words before it is
 * ranked, so one list teaches every guide, FAQ and intent at once. Spacing never matters
 * (compact forms), and short words count only as whole words ("หาย" is not in "หายใจ");
 * `alone` words, and any word of one or two letters, only as the whole message.
 */
export function createSynonyms(defs: readonly SynonymDef[]): Synonyms {
  const variants: Variant[] = []
  const whole = new Map<string, string[]>()
  for (const def of defs) {
    const means = compactText(def.means).words
    if (means.length === 0) continue
    // The meaning itself stays as it is: "เรียกรับเงิน" is not "เรียกรับ" (a variant) + "เงิน".
    for (const word of [def.means, ...def.words]) {
      const text = compactText(word).text
      if (text.length > 0) variants.push({ text, means })
    }
    for (const word of def.alone ?? []) {
      const text = compactText(word).text
      if (text.length > 0 && !whole.has(text)) whole.set(text, means)
    }
  }
  const find = createFinder(variants.map((v) => v.text))

  return {
    rewrite(message) {
      const alone = whole.get(message.text)
      if (alone) return compactOf(alone)
      const spans: Span[] = []
      // Longest first: "เรียกรับเงิน" (a meaning) before "เรียกรับ" (one of its words).
      const found = find(message).sort(
        (a, b) =>
          (variants[b.index]?.text.length ?? 0) - (variants[a.index]?.text.length ?? 0) || a.at - b.at,
      )
      for (const { index, at } of found) {
        const v = variants[index]
        if (!v) continue
        // One or two letters ("ดี" of "ดีจ้า") say something only as the whole message.
        if (v.text.length <= 2 && v.text !== message.text) continue
        const end = at + v.text.length
        if (spans.some((s) => at < s.end && end > s.start)) continue
        spans.push({ start: at, end, words: v.means })
      }
      if (spans.length === 0) return message
      spans.sort((a, b) => a.start - b.start)
      return replaced(message, spans)
    },
  }
}
