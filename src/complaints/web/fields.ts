import { type Lang, pick } from '../../core/lang.js'
import { applies } from '../../flows/render-form.js'
import type { FormDef, FormField } from '../../flows/schema-dialogues.js'
import type { T } from './i18n.js'

// The web form asks the questions of flows/complaints.yaml (forms.complaint), in their words,
// and checks the answers as the LINE dialogue does. Only "notify me in LINE" is left out: the
// web never learns a LINE id.

export const FORM_ID = 'complaint'
const WEB_SKIPPED = new Set(['notify'])
const CATEGORY = 'category'

export type Values = Readonly<Record<string, string>>
export type FieldErrors = Record<string, string>

export interface ReportInput {
  category: string
  /** What, when, where, who: the questions asked of everyone. */
  content: Record<string, string>
  /** Only when the complainant chose to be named: the questions asked only then. */
  identity: Record<string, string> | null
}

export const webFields = (def: FormDef): FormField[] => def.fields.filter((f) => !WEB_SKIPPED.has(f.id))

/** How an error names a question: the form's short name in Thai, the prompt's head in English. */
export function fieldName(f: FormField, lang: Lang): string {
  if (lang === 'th') return f.short ? pick(f.short, 'th') : (pick(f.prompt, 'th').split('\n')[0] ?? f.id)
  return pick(f.prompt, 'en').split(/[?(]/)[0]?.trim() || f.id
}

/** Browsers send CRLF from a textarea; the limits count what the person sees. */
export const cleanText = (s: string) => s.replace(/\r\n?/g, '\n').trim()

export function validateReport(
  def: FormDef,
  values: Values,
  t: T,
  lang: Lang,
): { ok: true; input: ReportInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const answers: Record<string, string> = {}
  const fields = webFields(def)
  for (const f of fields) {
    if (f.type !== 'choice') continue
    const v = values[f.id] ?? ''
    if (f.choices.some((c) => c.value === v)) answers[f.id] = v
    else errors[f.id] = t('pickOne', { f: fieldName(f, lang) })
  }
  const content: Record<string, string> = {}
  const identity: Record<string, string> = {}
  for (const f of fields) {
    if (f.type !== 'text' || !applies(f, answers)) continue
    const v = cleanText(values[f.id] ?? '')
    if (v.length > f.max) errors[f.id] = t('tooLong', { f: fieldName(f, lang), n: v.length, max: f.max })
    else if (v.length === 0 && !f.optional) errors[f.id] = t('missing', { f: fieldName(f, lang) })
    else if (v.length > 0) (f.when ? identity : content)[f.id] = v
  }
  const category = answers[CATEGORY]
  if (Object.keys(errors).length > 0 || category === undefined) return { ok: false, errors }
  const named = fields.some((f) => f.when !== undefined && applies(f, answers))
  return { ok: true, input: { category, content, identity: named ? identity : null } }
}

/** The attachments question (evidence) and how many files it takes. */
export function evidenceField(def: FormDef): Extract<FormField, { type: 'attachments' }> | undefined {
  return def.fields.find((f): f is Extract<FormField, { type: 'attachments' }> => f.type === 'attachments')
}
