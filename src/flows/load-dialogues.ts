import { DEFAULT_LANG, LANGS } from '../core/lang.js'
import { checkMessages } from '../line/limits.js'
import type { LineMessage } from '../line/port.js'
import { at, type Located, type Parsed } from './located.js'
import { renderPrompt, renderSummary } from './render-form.js'
import { renderFaq, renderGuide } from './render-guide.js'
import { renderAnswer, renderQuestion } from './render-quiz.js'
import type { FlowFile } from './schema.js'
import type { CalendarEntry, FaqDef, FormDef, GuideDef, MeasureDef, QuizDef } from './schema-dialogues.js'
import { FAQ_INTENT, GUIDE_INTENT, type IntentDef } from './types.js'

export interface Dialogues {
  measures: Located<MeasureDef>[]
  guides: Map<string, Located<GuideDef>>
  quizzes: Map<string, Located<QuizDef>>
  forms: Map<string, Located<FormDef>>
  faqs: Map<string, Located<FaqDef>>
  calendar: Located<CalendarEntry>[]
  /** Intents made from guide and FAQ keywords, checked with the others for clashes. */
  intents: { def: IntentDef; where: string }[]
}

function keyed<T>(
  files: Parsed[],
  section: string,
  get: (d: FlowFile) => Record<string, T> | undefined,
  problems: string[],
) {
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

function listed<T extends { id: string }>(
  files: Parsed[],
  section: string,
  get: (d: FlowFile) => T[] | undefined,
  problems: string[],
) {
  const out: Located<T>[] = []
  const seen = new Map<string, string>()
  for (const { file, data } of files) {
    ;(get(data) ?? []).forEach((value, i) => {
      const here = { value, file, path: `${section}.${i}` }
      const before = seen.get(value.id)
      if (before) problems.push(`${at(here)}.id: "${value.id}" is already defined at ${before}`)
      else seen.set(value.id, at(here))
      out.push(here)
    })
  }
  return out
}

export function collectDialogues(files: Parsed[], problems: string[]): Dialogues {
  const guides = keyed(files, 'guides', (d) => d.guides, problems)
  const faqs = keyed(files, 'faqs', (d) => d.faqs, problems)
  const intents: Dialogues['intents'] = []
  for (const [id, g] of guides) {
    const keywords = g.value.keywords
    if (keywords) {
      intents.push({ def: { id: `${GUIDE_INTENT}${id}`, keywords, measure: g.value.measure }, where: at(g) })
    }
  }
  for (const [id, f] of faqs) {
    intents.push({
      def: {
        id: `${FAQ_INTENT}${id}`,
        keywords: f.value.keywords,
        measure: f.value.measure,
        priority: 'high',
      },
      where: at(f),
    })
  }
  return {
    measures: listed(files, 'measures', (d) => d.measures, problems),
    calendar: listed(files, 'calendar', (d) => d.calendar, problems),
    guides,
    quizzes: keyed(files, 'quizzes', (d) => d.quizzes, problems),
    forms: keyed(files, 'forms', (d) => d.forms, problems),
    faqs,
    intents,
  }
}

/** Every name one piece uses for another must exist: a typo fails loading, not a tap. */
export function checkReferences(
  d: Dialogues,
  intents: IntentDef[],
  messages: ReadonlySet<string>,
  problems: string[],
): void {
  const measures = new Set(d.measures.map((m) => m.value.id))
  const known = [...measures].join(', ') || 'none'
  const measure = (id: string | undefined, where: string) => {
    if (id !== undefined && !measures.has(id))
      problems.push(`${where}.measure: no measure "${id}" (defined: ${known})`)
  }
  for (const map of [d.guides, d.quizzes, d.forms, d.faqs] as Map<string, Located<{ measure: string }>>[]) {
    for (const l of map.values()) measure(l.value.measure, at(l))
  }
  intents.forEach((intent) => {
    if (!intent.id.includes(':')) measure(intent.measure, `flows: intents[${intent.id}]`)
  })
  for (const g of d.guides.values()) {
    if (g.value.quiz && !d.quizzes.has(g.value.quiz))
      problems.push(`${at(g)}.quiz: no quiz "${g.value.quiz}"`)
  }
  for (const f of d.faqs.values()) {
    if (f.value.guide && !d.guides.has(f.value.guide))
      problems.push(`${at(f)}.guide: no guide "${f.value.guide}"`)
  }
  for (const c of d.calendar) {
    if (!messages.has(c.value.message)) problems.push(`${at(c)}.message: no message "${c.value.message}"`)
  }
  for (const f of d.forms.values()) {
    const fields = new Set(f.value.fields.map((x) => x.id))
    f.value.fields.forEach((field, i) => {
      const earlier = new Set([...f.value.presets, ...f.value.fields.slice(0, i).map((x) => x.id)])
      if (field.when && !earlier.has(field.when.field)) {
        problems.push(`${at(f)}.fields.${i}.when.field: no earlier question or preset "${field.when.field}"`)
      }
    })
    f.value.presets.forEach((p, i) => {
      if (fields.has(p))
        problems.push(`${at(f)}.presets.${i}: "${p}" is also a question; a preset is set by the button`)
    })
  }
}

function check(where: string, messages: LineMessage[], problems: string[]): void {
  for (const p of checkMessages(messages)) problems.push(`${where}: ${p}`)
}

/**
 * Renders every guide, question and form prompt as the bot will, in each language and for 1:1
 * and groups, and asks LINE's limits. A problem seen only in English is marked "(en)".
 */
export function checkDialogueLimits(d: Dialogues, problems: string[]): void {
  for (const lang of LANGS) {
    const tag = (where: string) => (lang === DEFAULT_LANG ? where : `${where} (${lang})`)
    for (const chat of ['user', 'group'] as const) {
      for (const g of d.guides.values()) check(tag(at(g)), renderGuide(g.value, { lang, chat }), problems)
    }
    const guides = new Map([...d.guides].map(([k, v]) => [k, v.value]))
    for (const f of d.faqs.values()) check(tag(at(f)), renderFaq(f.value, guides, lang), problems)
    for (const [id, q] of d.quizzes) {
      q.value.questions.forEach((_, i) => {
        const where = tag(`${at(q)}.questions.${i}`)
        // A round id at least as long as the real ones (src/dialogues/quiz-round.ts).
        const round = 'r'.repeat(32)
        const next = i + 1 < q.value.questions.length ? i + 1 : null
        const opts = { lang }
        check(where, [renderQuestion(id, q.value, i, round, opts)], problems)
        check(where, renderAnswer(id, q.value, i, 0, { round, score: i, next }, opts).messages, problems)
      })
    }
    for (const [id, f] of d.forms) {
      const today = '2026-01-01'
      const error = { th: 'x'.repeat(200), en: 'x'.repeat(200) }
      f.value.fields.forEach((_, i) => {
        check(tag(`${at(f)}.fields.${i}`), [renderPrompt(id, f.value, i, { lang, today, error })], problems)
      })
      check(tag(at(f)), [renderSummary(id, f.value, {}, lang)], problems)
    }
  }
}

export function valuesOf<T>(map: Map<string, Located<T>>): ReadonlyMap<string, T> {
  return new Map([...map].map(([k, v]) => [k, v.value]))
}
