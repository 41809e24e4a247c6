import { parseDocument } from 'yaml'
import { normalizeForMatch } from '../conversation/normalize.js'
import { DEFAULT_LANG, LANGS, type Lang, localize } from '../core/lang.js'
import { hasStrayBraces, PLACEHOLDER } from '../core/messages.js'
import { checkMessages } from '../line/limits.js'
import { checkDialogueLimits, checkReferences, collectDialogues, valuesOf } from './load-dialogues.js'
import { checkMeasureItems, collectItaItems } from './load-measures.js'
import { collectSynonyms } from './load-synonyms.js'
import { at, type Located, type Parsed } from './located.js'
import { FlowsRenderError, renderTemplate, type Tree } from './render.js'
import {
  type FlowFile,
  flowFileSchema,
  formatIssues,
  type MessageDef,
  type QuickReplySet,
  REQUIRED_MESSAGES,
} from './schema.js'
import type { Flows, IntentDef, RichMenuDef } from './types.js'

/** Every problem found in flows/, each naming the file and the path inside it. */
export class FlowsError extends Error {
  constructor(readonly problems: string[]) {
    super(`flows/ cannot be loaded:\n${problems.map((p) => `  ${p}`).join('\n')}`)
    this.name = 'FlowsError'
  }
}

function protoKeyPath(value: unknown, path: string[]): string | null {
  if (!value || typeof value !== 'object') return null
  for (const [k, v] of Object.entries(value)) {
    if (k === '__proto__') return [...path, k].join('.')
    const found = protoKeyPath(v, [...path, k])
    if (found) return found
  }
  return null
}

function parseFile(file: string, source: string, problems: string[]): Parsed | null {
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true })
  // Warnings too (e.g. an unknown !tag): content that YAML only half understood is refused.
  const issues = [...doc.errors, ...doc.warnings]
  if (issues.length > 0) {
    // yaml's messages already say "at line L, column C"; the code frame after it is noise here.
    for (const e of issues) problems.push(`${file}: ${(e.message.split('\n')[0] ?? '').replace(/:$/, '')}`)
    return null
  }
  let raw: unknown
  try {
    raw = doc.toJS({ maxAliasCount: 100 })
  } catch (err) {
    problems.push(`${file}: ${err instanceof Error ? err.message : String(err)}`)
    return null
  }
  if (raw === null || raw === undefined) {
    problems.push(`${file}: the file is empty`)
    return null
  }
  const proto = protoKeyPath(raw, [])
  if (proto) {
    // Object code would treat it as the prototype; schemas and merges would silently drop it.
    problems.push(`${file}: ${proto}: "__proto__" is not allowed as a key`)
    return null
  }
  const result = flowFileSchema.safeParse(raw)
  if (!result.success) {
    for (const line of formatIssues(result.error.issues, raw)) problems.push(`${file}: ${line}`)
    return null
  }
  return { file, data: result.data }
}

/** Merges one keyed section across files; a key defined twice is an error naming both places. */
function merge<T>(
  files: Parsed[],
  section: 'messages' | 'quickReplies' | 'placeholders',
  get: (d: FlowFile) => Record<string, T> | undefined,
  problems: string[],
): Map<string, Located<T>> {
  const out = new Map<string, Located<T>>()
  for (const { file, data } of files) {
    for (const [key, value] of Object.entries(get(data) ?? {})) {
      const here = { value, file, path: `${section}.${key}` }
      const before = out.get(key)
      if (before) problems.push(`${at(here)}: already defined in ${at(before)}`)
      else out.set(key, here)
    }
  }
  return out
}

/** An intent as written in a file, or made from a guide's or FAQ's keywords. */
export interface IntentEntry {
  def: IntentDef
  where: string
}

function intentEntries(files: Parsed[]): IntentEntry[] {
  return files.flatMap(({ file, data }) =>
    (data.intents ?? []).map((intent, i) => ({
      where: `${file}: intents.${i}`,
      def: {
        id: intent.id,
        keywords: intent.keywords,
        priority: intent.priority,
        measure: intent.measure,
        questions: intent.questions,
      },
    })),
  )
}

function collectIntents(entries: IntentEntry[], problems: string[]): IntentDef[] {
  const ids = new Map<string, string>()
  const words = new Map<string, { intent: string; where: string }>()
  for (const { def: intent, where } of entries) {
    const before = ids.get(intent.id)
    if (before) problems.push(`${where}.id: intent "${intent.id}" is already defined at ${before}`)
    else ids.set(intent.id, where)
    for (const lang of ['th', 'en'] as const) {
      intent.keywords[lang].forEach((keyword, j) => {
        const here = `${where}.keywords.${lang}.${j}`
        // Compared as the matcher sees them: "เมนูครับ" and "เมนู" are the same keyword.
        const norm = normalizeForMatch(keyword)
        const seen = words.get(norm)
        if (norm.length === 0) {
          problems.push(`${here}: "${keyword}" is only punctuation or polite particles`)
        } else if (seen) {
          problems.push(
            `${here}: keyword "${keyword}" is already used by intent "${seen.intent}" (${seen.where})`,
          )
        } else {
          words.set(norm, { intent: intent.id, where: here })
        }
      })
    }
  }
  return entries.map((e) => e.def)
}

function walkStrings(value: unknown, path: string, visit: (s: string, path: string) => void): void {
  if (typeof value === 'string') visit(value, path)
  else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      walkStrings(v, `${path}.${i}`, visit)
    })
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walkStrings(v, `${path}.${k}`, visit)
  }
}

/** Placeholders must be declared (with a sample), so a typo fails loading, not a send. */
function checkPlaceholders(files: Parsed[], declared: Map<string, unknown>, problems: string[]): void {
  for (const { file, data } of files) {
    const visit = (s: string, path: string) => {
      for (const m of s.matchAll(PLACEHOLDER)) {
        const name = m[1] ?? ''
        if (!declared.has(name))
          problems.push(`${file}: ${path}: {{${name}}} is not declared under placeholders`)
      }
      if (hasStrayBraces(s)) {
        problems.push(`${file}: ${path}: "{{" or "}}" that is not a placeholder (write {{name}})`)
      }
    }
    walkStrings(data.messages, 'messages', visit)
    walkStrings(data.quickReplies, 'quickReplies', visit)
  }
}

/** One message in one language, as LINE takes it (plus the `groups` flags render() drops). */
function compile(
  def: MessageDef,
  lang: Lang,
  where: string,
  sets: Map<string, Located<QuickReplySet>>,
  problems: string[],
): Tree {
  let quickReply: QuickReplySet | undefined
  if (typeof def.quickReply === 'string') {
    quickReply = sets.get(def.quickReply)?.value
    // Said once, for the Thai copy: both copies share the set.
    if (!quickReply && lang === DEFAULT_LANG) {
      const known = [...sets.keys()].join(', ') || 'none'
      problems.push(`${where}.quickReply: no quick reply set "${def.quickReply}" (defined: ${known})`)
    }
  } else {
    quickReply = def.quickReply
  }
  const body =
    def.type === 'text'
      ? { type: 'text', text: def.text }
      : { type: 'flex', altText: def.altText, contents: def.contents }
  // Plain data from YAML, validated above: it is a Tree by construction.
  return localize(quickReply ? { ...body, quickReply } : body, lang) as unknown as Tree
}

/** A message key's templates, one copy per language. */
type Templates = Map<string, Located<Record<Lang, Tree[]>>>

/** Renders each template with the sample values, in each language, for 1:1 and group, and asks LINE's limits. */
function checkLimits(templates: Templates, samples: Record<string, string>, problems: string[]): void {
  for (const [key, t] of templates) {
    const found = new Map<Lang, Set<string>>(LANGS.map((l) => [l, new Set()]))
    for (const lang of LANGS) {
      const here = found.get(lang) ?? new Set()
      for (const chat of ['user', 'group'] as const) {
        try {
          for (const p of checkMessages(renderTemplate(key, t.value[lang], samples, { chat, lang })))
            here.add(p)
        } catch (err) {
          if (!(err instanceof FlowsRenderError)) throw err
          here.add(err.message)
        }
      }
    }
    // A problem of the Thai copy is said once; one only the English copy has is marked "(en)".
    const thai = found.get(DEFAULT_LANG) ?? new Set()
    for (const p of thai) problems.push(`${at(t)}: ${p}`)
    for (const lang of LANGS) {
      if (lang === DEFAULT_LANG) continue
      for (const p of found.get(lang) ?? []) if (!thai.has(p)) problems.push(`${at(t)}: (${lang}) ${p}`)
    }
  }
}

/**
 * Loads flows from file name → YAML text. Pure (no fs), so the Worker build can bundle the
 * files; src/runtime/flows-fs.ts reads them from disk on Node. Validates everything and throws
 * one FlowsError listing every problem: the bot never runs on half-loaded content.
 */
export function loadFlows(files: Record<string, string>): Flows {
  const problems: string[] = []
  const names = Object.keys(files).sort()
  if (names.length === 0) throw new FlowsError(['no flows files'])
  const parsed = names.flatMap((name) => parseFile(name, files[name] ?? '', problems) ?? [])
  if (problems.length > 0) throw new FlowsError(problems)

  const dialogues = collectDialogues(parsed, problems)
  const itaItems = collectItaItems(parsed, problems)
  checkMeasureItems(dialogues.measures, itaItems, problems)
  const intents = collectIntents([...intentEntries(parsed), ...dialogues.intents], problems)
  const synonyms = collectSynonyms(parsed, problems)
  const messages = merge(parsed, 'messages', (d) => d.messages, problems)
  const sets = merge(parsed, 'quickReplies', (d) => d.quickReplies, problems)
  const declared = merge(parsed, 'placeholders', (d) => d.placeholders, problems)
  checkPlaceholders(parsed, declared, problems)
  const samples = Object.fromEntries([...declared].map(([k, v]) => [k, v.value]))

  const templates: Templates = new Map()
  for (const [key, m] of messages) {
    const copy = (lang: Lang) => m.value.map((def, i) => compile(def, lang, `${at(m)}.${i}`, sets, problems))
    templates.set(key, { ...m, value: { th: copy('th'), en: copy('en') } })
  }
  for (const key of REQUIRED_MESSAGES) {
    if (!templates.has(key)) problems.push(`flows: messages.${key}: missing (the bot sends this message)`)
  }
  const menus = parsed.flatMap(({ file, data }) => (data.richMenu ? [{ file, menu: data.richMenu }] : []))
  if (menus.length === 0) problems.push('flows: richMenu: missing')
  if (menus.length > 1) problems.push(`flows: richMenu: defined in ${menus.map((m) => m.file).join(' and ')}`)
  checkReferences(dialogues, intents, new Set(templates.keys()), problems)
  if (problems.length === 0) {
    checkLimits(templates, samples, problems)
    checkDialogueLimits(dialogues, problems)
  }
  const richMenu: RichMenuDef | undefined = menus[0]?.menu
  if (problems.length > 0 || !richMenu) throw new FlowsError(problems)

  // The same content in each language; a view only changes what render() says by default.
  const views = new Map<Lang, Flows>()
  const view = (lang: Lang): Flows => {
    const known = views.get(lang)
    if (known) return known
    const flows: Flows = {
      ...shared,
      lang,
      inLang: view,
      render(key, vars = {}, opts = {}) {
        const t = templates.get(key)
        if (!t) throw new FlowsRenderError(`flows: no message "${key}"`)
        const chosen = opts.lang ?? lang
        return renderTemplate(key, t.value[chosen], vars, { ...opts, lang: chosen })
      },
    }
    views.set(lang, flows)
    return flows
  }
  const shared = {
    intents,
    richMenu,
    measures: dialogues.measures.map((m) => m.value),
    itaItems,
    guides: valuesOf(dialogues.guides),
    quizzes: valuesOf(dialogues.quizzes),
    forms: valuesOf(dialogues.forms),
    faqs: valuesOf(dialogues.faqs),
    calendar: dialogues.calendar.map((c) => c.value),
    synonyms,
    samples: Object.freeze(samples),
    has: (key: string) => templates.has(key),
    keys: () => [...templates.keys()].sort(),
  }
  return view(DEFAULT_LANG)
}
