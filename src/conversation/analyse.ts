import { LEADING_PARTICLES, normalizeText, TRAILING_PARTICLES } from './normalize.js'

/**
 * A text cut into what the ranking compares (understanding.ts): the compact text for exact
 * and contained matches, the word boundaries inside it, and content features for fuzzy ones.
 * The same function reads flows phrases at load and messages at run time, so both sides are
 * always seen alike.
 */

const segmenter = new Intl.Segmenter('th', { granularity: 'word' })

/**
 * Words that frame a question rather than say what it is about ("ต้องทำยังไง", "ได้ไหม",
 * "อยากทราบ"): left out of the fuzzy features on both sides, so "ยืมโน้ตบุ๊กต้องทำยังไง" and
 * the guide keyword "โน้ตบุ๊ก" compare on what matters. They still count in exact matches.
 */
const FILLERS = new Set([
  'ครับ',
  'คับ',
  'ค่ะ',
  'คะ',
  'ค่า',
  'นะ',
  'จ้ะ',
  'จ้า',
  'หน่อย',
  'ด้วย',
  'ต้อง',
  'ทำ',
  'ยังไง',
  'ยังงัย',
  'ไง',
  'อย่างไร',
  'ได้',
  'ไหม',
  'มั้ย',
  'มั๊ย',
  'ป่าว',
  'เปล่า',
  'หรือ',
  'รึ',
  'คือ',
  'อะไร',
  'บ้าง',
  'อยาก',
  'ทราบ',
  'รู้',
  'ขอ',
  'จะ',
  'แล้ว',
  'มี',
  'the',
  'a',
  'an',
  'is',
  'to',
  'of',
  'my',
  'i',
  'how',
  'what',
  'can',
  'do',
])

/**
 * Marks people type loosely (tone marks, mai taikhu, thanthakhat) are dropped and letters that
 * sound alike are merged, for fuzzy features only: "โน๊ตบุค" and "โน้ตบุ๊ก", "งบประมาน" and
 * "งบประมาณ" then share their n-grams. Runs of one letter collapse ("ค่าาาา").
 */
const MARKS = /[\u0e47-\u0e4c]/g
const ALIKE: Readonly<Record<string, string>> = {
  ศ: 'ส',
  ษ: 'ส',
  ธ: 'ท',
  ฒ: 'ท',
  ฑ: 'ท',
  ณ: 'น',
  ฬ: 'ล',
  ฎ: 'ด',
  ฏ: 'ต',
  ฆ: 'ค',
  ภ: 'พ',
  ฐ: 'ถ',
}
export function skeleton(s: string): string {
  return s
    .replace(MARKS, '')
    .replace(/[ศษธฒฑณฬฎฏฆภฐ]/g, (c) => ALIKE[c] ?? c)
    .replace(/(.)\1+/gu, '$1')
}

/** Word-like segments of a text (no spaces, punctuation or emoji) in order. */
export function wordsOf(text: string): string[] {
  const out: string[] = []
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment)
  return out
}

export interface Compact {
  /** The words run together: spacing never matters ("ล็อก สเปก" is "ล็อกสเปก"). */
  text: string
  /** Where a word starts or ends inside `text`. */
  cuts: Set<number>
  words: string[]
}

export function compactOf(words: string[]): Compact {
  const cuts = new Set<number>([0])
  let at = 0
  for (const w of words) {
    at += w.length
    cuts.add(at)
  }
  return { text: words.join(''), cuts, words }
}

const PUNCTUATION = /[\p{P}\p{S}]+/gu
const TRAILING: ReadonlySet<string> = new Set(TRAILING_PARTICLES)
const LEADING: ReadonlySet<string> = new Set(LEADING_PARTICLES)

/**
 * The compact form of any text: normalized (normalize.ts), segmented once, punctuation and
 * spaces left out, polite particles at the ends dropped as whole words ("เมนูครับ" is "เมนู",
 * "ชนะ" keeps its "นะ").
 */
export function compactText(input: string): Compact {
  // Punctuation apart: the segmenter keeps a dot inside a word ("ผอ.ใช้", "ป.ป.ช"), so
  // abbreviations would never meet their undotted forms.
  const text = normalizeText(input)
    .replace(PUNCTUATION, ' ')
    // Drawn-out typing ("ครับบบ", "จ้าาา"): a vowel doubled or any letter tripled is one.
    // Not any double: "ธรรม", "จรรยาบรรณ".
    .replace(/([\u0e30-\u0e3a\u0e40-\u0e4c])\1+/g, '$1')
    .replace(/(\D)\1{2,}/gu, '$1')
    // Letters and digits apart: "งบ69" is "งบ 69".
    .replace(/(\p{L}\p{M}*)(?=\d)|(\d)(?=\p{L})/gu, '$1$2 ')
  const words = wordsOf(text)
  let start = 0
  let end = words.length
  for (;;) {
    const last = words[end - 1] ?? ''
    if (end > start && TRAILING.has(last)) end--
    else if (end - 1 > start && TRAILING.has(`${words[end - 2] ?? ''}${last}`)) end -= 2
    else break
  }
  while (start < end && LEADING.has(words[start] ?? '')) start++
  return compactOf(words.slice(start, end))
}

/** Character n-grams (2 and 3) of a skeleton, and the content words themselves. */
export function featuresOf(words: readonly string[]): Set<string> {
  const out = new Set<string>()
  const content = words.filter((w) => !FILLERS.has(w))
  for (const w of content) if (w.length > 1) out.add(`w:${skeleton(w)}`)
  const s = skeleton(content.join(''))
  for (let i = 0; i + 2 <= s.length; i++) out.add(s.slice(i, i + 2))
  for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3))
  return out
}

/**
 * Where `part` occurs as words: starting on a word boundary and, unless it is long, ending on
 * one. The segmenter is driven by a dictionary and may run a colloquial word or a typo into
 * the next one, while eight letters rarely end by chance inside another word; a start inside
 * a word ("ถามเรื่องงบ" in "คำถามเรื่องงบ") is another word.
 */
export function occursAt(whole: Compact, part: string, at: number): boolean {
  return whole.cuts.has(at) && (part.length >= 8 || whole.cuts.has(at + part.length))
}

export interface Found {
  /** Which of the parts given to createFinder. */
  index: number
  at: number
}

/**
 * Finds many parts at once where they occur as words (occursAt): only word starts are looked
 * at, and only the parts that begin with the letters found there, so a message costs a few
 * lookups per word rather than a scan per part.
 */
export function createFinder(parts: readonly string[]): (whole: Compact) => Found[] {
  const byHead = new Map<string, number[]>()
  parts.forEach((part, index) => {
    if (part.length === 0) return
    const head = part.slice(0, 2)
    byHead.set(head, [...(byHead.get(head) ?? []), index])
  })
  return (whole) => {
    const out: Found[] = []
    for (const at of whole.cuts) {
      const two = whole.text.slice(at, at + 2)
      const one = whole.text.slice(at, at + 1)
      const heads = two === one ? [one] : [two, one]
      for (const index of heads.flatMap((h) => byHead.get(h) ?? [])) {
        const part = parts[index] ?? ''
        if (whole.text.startsWith(part, at) && occursAt(whole, part, at)) out.push({ index, at })
      }
    }
    return out
  }
}
