/**
 * Text normalization shared by the intent matcher and the flows loader (which normalizes
 * keywords the same way, so a keyword and a message typed alike always compare equal).
 */

const segmenter = new Intl.Segmenter('th', { granularity: 'word' })

// Zero-width space/joiners, word joiner, BOM and soft hyphen: invisible, but they split words.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g
// Nikhahit + sara aa, as some keyboards and PDF copies produce it, is one sara am to a reader;
// the segmenter sees a different word ("คําร้อง" splits as คํา|ร้อง, "คำร้อง" stays whole).
const SPLIT_SARA_AM = /\u0e4d\u0e32/g

/**
 * Polite particles and softeners that do not change what is asked: "เมนูครับ" is still the
 * command "เมนู". Removed only at the end of a message and only as whole word segments, so
 * "ชนะ" keeps its "นะ".
 */
export const TRAILING_PARTICLES = [
  'ครับผม',
  'นะครับ',
  'นะคะ',
  'ครับ',
  'คับ',
  'ค้าบ',
  'ค่ะ',
  'คะ',
  'ค่า',
  'นะ',
  'จ้ะ',
  'จ้า',
  'จ๊ะ',
  'หน่อย',
  'please',
  'pls',
  'plz',
]
export const LEADING_PARTICLES = ['please', 'pls', 'plz']

/** NFC, invisible characters removed, sara am repaired, lowercase, single spaces, trimmed. */
export function normalizeText(input: string): string {
  return input
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(SPLIT_SARA_AM, '\u0e33')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** Indices where a word segment starts or ends: a match must begin and end on one of them. */
export function boundaries(text: string): Set<number> {
  const set = new Set<number>([text.length])
  for (const s of segmenter.segment(text)) set.add(s.index)
  return set
}

const LEADING_SKIP = /^[\p{P}\p{S}\s]+/u
const TRAILING_SKIP = /[\p{P}\p{S}\s]+$/u

/** A message ready to match: its core text and the word boundaries inside it. */
export interface Prepared {
  text: string
  cuts: Set<number>
}

/**
 * Normalizes, segments once, then trims edge punctuation and polite particles by moving the
 * ends inward over whole segments (one segmentation per message keeps matching cheap).
 */
export function prepare(input: string): Prepared {
  const full = normalizeText(input)
  const cuts = boundaries(full)
  let start = 0
  let end = full.length
  const trim = () => {
    start += full.slice(start, end).match(LEADING_SKIP)?.[0].length ?? 0
    end -= full.slice(start, end).match(TRAILING_SKIP)?.[0].length ?? 0
  }
  trim()
  for (let changed = true; changed && end > start; ) {
    const tail = TRAILING_PARTICLES.find(
      (p) => end - p.length >= start && full.endsWith(p, end) && cuts.has(end - p.length),
    )
    const head = tail
      ? undefined
      : LEADING_PARTICLES.find((p) => full.startsWith(p, start) && cuts.has(start + p.length))
    if (tail) end -= tail.length
    if (head) start += head.length
    changed = tail !== undefined || head !== undefined
    trim()
  }
  const inside = [...cuts].filter((c) => c >= start && c <= end).map((c) => c - start)
  return { text: full.slice(start, end), cuts: new Set([0, end - start, ...inside]) }
}

/** What the matcher compares: normalized text without edge punctuation or polite particles. */
export function normalizeForMatch(input: string): string {
  return prepare(input).text
}
