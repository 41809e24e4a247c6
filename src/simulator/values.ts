// Readers for message JSON of unknown quality (the renderer also previews what an admin typed)
// and sanitizers for everything that ends up in an attribute, a URL or a style.

export type Obj = Record<string, unknown>

export const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {})
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
export const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined

const COLOR = /^#(?:[0-9a-f]{6}|[0-9a-f]{8})$/i
const LENGTH = /^\d{1,4}(?:\.\d{1,2})?(?:px|%)$/

/** Flex colors are #RRGGBB or #RRGGBBAA; anything else is dropped, so no CSS can be smuggled in. */
export const color = (v: unknown): string | undefined => {
  const s = str(v)
  return s && COLOR.test(s) ? s : undefined
}

/** A keyword from the table, or a plain px/% length. */
export function length(v: unknown, keywords: Record<string, string> = {}): string | undefined {
  const s = str(v)
  if (s === undefined) return undefined
  if (Object.hasOwn(keywords, s)) return keywords[s]
  return LENGTH.test(s) ? s : undefined
}

/** The table's value for a key it really has (never an inherited one such as "constructor"). */
export function pick(table: Record<string, string>, v: unknown): string | undefined {
  return typeof v === 'string' && Object.hasOwn(table, v) ? table[v] : undefined
}

/** One of the allowed enum values, else undefined. */
export function oneOf<T extends string>(v: unknown, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === v)
}

const LINK_SCHEMES = new Set(['http:', 'https:', 'tel:', 'mailto:', 'line:'])
const IMAGE_SCHEMES = new Set(['http:', 'https:'])

function safeUrl(v: unknown, schemes: Set<string>): string | undefined {
  const s = str(v)
  if (!s) return undefined
  try {
    const url = new URL(s)
    return schemes.has(url.protocol) ? url.href : undefined
  } catch {
    return undefined
  }
}

/** Links a uri action may open: web, phone, mail and line: links; never javascript: or data:. */
export const linkUrl = (v: unknown): string | undefined => safeUrl(v, LINK_SCHEMES)
export const imageUrl = (v: unknown): string | undefined => safeUrl(v, IMAGE_SCHEMES)

/** "20:13" → "20 / 13" for CSS aspect-ratio. */
export function aspectRatio(v: unknown): string | undefined {
  const m = /^(\d{1,5}(?:\.\d+)?):(\d{1,5}(?:\.\d+)?)$/.exec(str(v) ?? '')
  return m ? `${m[1]} / ${m[2]}` : undefined
}
