import { type Bilingual, LANGS, type Lang } from './lang.js'

// The one way code writes its wording: a table of [Thai, English] pairs made by
// defineMessages, read in one language as a translator, `t('saved')` or `t('maxChars', { n })`.
// Values go in through {{name}}, the placeholder flows/ YAML uses too, so staff and code write
// the same syntax. The types ask for exactly the values a message names; the table is checked
// when it is made, and a translator refuses a missing or unknown value, so a page never shows a
// bare "{{n}}".

/** A {{name}} placeholder (spaces inside the braces allowed), in code and in flows/ alike. */
export const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g

/** "{{" or "}}" left once the placeholders are taken out: a broken one, never meant as text. */
export const hasStrayBraces = (text: string): boolean => /\{\{|\}\}/.test(text.replace(PLACEHOLDER, ''))

type Trim<S extends string> = S extends ` ${infer R}` ? Trim<R> : S extends `${infer R} ` ? Trim<R> : S

/** The names of the {{placeholders}} in a text, as a union of string literals. */
export type Placeholders<S> = S extends `${string}{{${infer Name}}}${infer Rest}`
  ? Trim<Name> | Placeholders<Rest>
  : never

/** Code-side wording by key. */
export type Messages = Readonly<Record<string, Bilingual>>

/** Values for placeholders by name. */
export type Vars<Name extends string = string> = Readonly<Record<Name, string | number>>

type Needs<E> = E extends Bilingual ? Placeholders<E[0] | E[1]> : never
// A message without placeholders takes no values; one with them takes exactly those. Not
// distributed over a union of keys: a key that may be any of several needs every one's values.
type VarsArg<E> = [Needs<E>] extends [never] ? [] : [vars: Vars<Needs<E>>]

/** A table read in one language. */
export type Translator<T extends Messages> = <K extends keyof T & string>(
  key: K,
  ...vars: VarsArg<T[K]>
) => string

/** The keys of the messages that take no values: what a stored code or a reason may name. */
export type PlainKey<T extends Messages> = {
  [K in keyof T & string]: [Needs<T[K]>] extends [never] ? K : never
}[keyof T & string]

export interface MessageTable<T extends Messages> {
  /** The table read in `lang`. */
  (lang: Lang): Translator<T>
  /** Whether `key`, a code that arrived as a string, names a message here that takes no values. */
  has(key: string): key is PlainKey<T>
  /** A message in both languages, for a value that carries both (a refusal the CLI prints whole). */
  both<K extends keyof T & string>(key: K, ...vars: VarsArg<T[K]>): Readonly<Record<Lang, string>>
  /** Every key, in the order the table writes them. */
  readonly keys: readonly (keyof T & string)[]
}

export type KeyOf<M> = M extends MessageTable<infer T> ? keyof T & string : never
export type PlainKeyOf<M> = M extends MessageTable<infer T> ? PlainKey<T> : never
export type TranslatorOf<M> = M extends MessageTable<infer T> ? Translator<T> : never

export class MessageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MessageError'
  }
}

/** The placeholder names of both texts; a broken placeholder or the old `{name}` throws. */
function namesOf(key: string, pair: Bilingual): ReadonlySet<string> {
  const names = new Set<string>()
  for (const text of pair) {
    for (const m of text.matchAll(PLACEHOLDER)) names.add(m[1] ?? '')
    if (hasStrayBraces(text))
      throw new MessageError(`message "${key}": "{{" or "}}" that is not a placeholder (write {{name}})`)
    const single = /\{\s*[A-Za-z_]\w*\s*\}/.exec(text.replace(PLACEHOLDER, ''))
    if (single) throw new MessageError(`message "${key}": ${single[0]} is not a placeholder (write {{name}})`)
  }
  return names
}

function fill(key: string, text: string, names: ReadonlySet<string>, vars: Vars): string {
  for (const name of Object.keys(vars))
    if (!names.has(name)) throw new MessageError(`message "${key}" has no {{${name}}}`)
  // Every value of both languages, whichever is read: a test in Thai finds one English lacks.
  // Own properties only: "{{constructor}}" must not find Object.prototype.constructor.
  for (const name of names)
    if (!Object.hasOwn(vars, name)) throw new MessageError(`message "${key}" needs a value for {{${name}}}`)
  return text.replace(PLACEHOLDER, (_m, name: string) => String(vars[name]))
}

/**
 * A table of wording, `{ key: ['ไทย {{n}} รายการ', 'English {{n}} items'] }`, as a function of
 * the language. A placeholder may appear in one language only (a range English spells out, say);
 * the values asked for are those of both.
 */
export function defineMessages<const T extends Messages>(table: T): MessageTable<T> {
  const names = new Map<string, ReadonlySet<string>>()
  for (const [key, pair] of Object.entries(table)) names.set(key, namesOf(key, pair))
  const read = (lang: Lang) => {
    if (!LANGS.includes(lang)) throw new MessageError(`no wording in language "${String(lang)}"`)
    const i = lang === 'th' ? 0 : 1
    const t = (key: string, vars: Vars = {}): string => {
      const pair = Object.hasOwn(table, key) ? table[key] : undefined
      const needs = names.get(key)
      if (!pair || !needs) throw new MessageError(`no message "${key}"`)
      return fill(key, pair[i], needs, vars)
    }
    // The signature above is what the types already made sure of at every call.
    return t as Translator<T>
  }
  const has = (key: string): key is PlainKey<T> => names.get(key)?.size === 0 && Object.hasOwn(table, key)
  const both = <K extends keyof T & string>(key: K, ...vars: VarsArg<T[K]>) => ({
    th: read('th')(key, ...vars),
    en: read('en')(key, ...vars),
  })
  // Object.keys of T: the table's own keys, all strings, and no others.
  const keys = Object.keys(table) as (keyof T & string)[]
  return Object.assign(read, { has, both, keys })
}
