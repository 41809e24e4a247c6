// One language at a time: every message goes out in Thai or in English, never both. flows/
// writes a text as `{ th, en }` wherever it has both, code as a [Thai, English] pair in a table
// of core/messages.ts; the loader and the renderers pick one. Thai is the default (groups,
// people who chose nothing and whose LINE is not in English).

/** The two languages the bot, the console and the web pages speak: Thai first. */
export type Lang = 'th' | 'en'

/** A text written once in each language: [Thai, English], an entry of defineMessages. */
export type Bilingual = readonly [th: string, en: string]

export const LANGS = ['th', 'en'] as const satisfies readonly Lang[]
export const DEFAULT_LANG: Lang = 'th'

/** A text in both languages; English may be missing (then Thai is said in English too). */
export interface Localized {
  th: string
  en?: string
}
export type Text = string | Localized

export const pick = (t: Text, lang: Lang): string =>
  typeof t === 'string' ? t : lang === 'en' ? (t.en ?? t.th) : t.th

/** A plain `{ th, en? }` object of strings, as flows writes a text in both languages. */
export function isLocalized(v: unknown): v is Localized {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false
  const keys = Object.keys(v)
  const o = v as Record<string, unknown>
  return (
    typeof o.th === 'string' &&
    keys.every((k) => k === 'th' || k === 'en') &&
    (o.en === undefined || typeof o.en === 'string')
  )
}

/** Replaces every `{ th, en }` leaf of a message tree by its text in `lang`. */
export function localize<T>(tree: T, lang: Lang): T {
  if (isLocalized(tree)) return pick(tree, lang) as T
  if (Array.isArray(tree)) return tree.map((t) => localize(t, lang)) as T
  if (tree && typeof tree === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(tree)) out[k] = localize(v, lang)
    return out as T
  }
  return tree
}

/** 'en…' (en, en-US, en-GB) is English; anything else, or nothing, is the default. */
export const langOfProfile = (language: string | null | undefined): Lang =>
  language && /^en\b/i.test(language) ? 'en' : DEFAULT_LANG
