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
const EDGE_PUNCTUATION = /^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu

/**
 * Polite particles and softeners that do not change what is asked: "เมนูครับ" is still the
 * command "เมนู". Removed only at the end of a message and only as whole word segments, so
 * "ชนะ" keeps its "นะ".
 */
const TRAILING_PARTICLES = [
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
const LEADING_PARTICLES = ['please', 'pls', 'plz']

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

export interface Segment {
  text: string
  index: number
}

export function segments(text: string): Segment[] {
  return [...segmenter.segment(text)].map((s) => ({ text: s.segment, index: s.index }))
}

/** Indices where a word segment starts or ends: a match must begin and end on one of them. */
export function boundaries(text: string): Set<number> {
  const set = new Set<number>([text.length])
  for (const s of segmenter.segment(text)) set.add(s.index)
  return set
}

function stripEdges(text: string): string {
  let out = text.replace(EDGE_PUNCTUATION, '')
  for (let changed = true; changed && out.length > 0; ) {
    changed = false
    const cuts = boundaries(out)
    const tail = TRAILING_PARTICLES.find((p) => out.endsWith(p) && cuts.has(out.length - p.length))
    if (tail) {
      out = out.slice(0, out.length - tail.length).replace(EDGE_PUNCTUATION, '')
      changed = true
      continue
    }
    const head = LEADING_PARTICLES.find((p) => out.startsWith(p) && cuts.has(p.length))
    if (head) {
      out = out.slice(head.length).replace(EDGE_PUNCTUATION, '')
      changed = true
    }
  }
  return out
}

/** What the matcher compares: normalized text without edge punctuation or polite particles. */
export function normalizeForMatch(input: string): string {
  return stripEdges(normalizeText(input))
}
