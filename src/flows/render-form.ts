import { type Lang, pick, type Text } from '../core/lang.js'
import { defineMessages } from '../core/messages.js'
import { addDays, dateExample, formatDay } from '../core/time/index.js'
import type { LineMessage } from '../line/port.js'
import { data } from './flex.js'
import type { FormDef, FormField } from './schema-dialogues.js'

/**
 * Form prompts are plain text with quick replies: they read well on any phone and the
 * answer buttons disappear once used, so an old prompt cannot be answered twice by mistake.
 * Every button carries the form id and field, and the engine ignores buttons of another step.
 */
type QuickAction =
  | { type: 'postback'; label: string; data: string; displayText?: string }
  | { type: 'datetimepicker'; label: string; data: string; mode: 'date'; max: string; min: string }

const formWords = defineMessages({
  cancel: ['ยกเลิก', 'Cancel'],
  pickDate: ['เลือกวันที่', 'Pick a date'],
  today: ['วันนี้', 'Today'],
  skip: ['ข้าม', 'Skip'],
  done: ['เสร็จ', 'Done'],
  attachmentsHint: [
    'ส่งรูปภาพหรือไฟล์ได้สูงสุด {{max}} รายการ (ได้รับแล้ว {{count}}) เมื่อครบแล้วหรือหากไม่มี แตะ "เสร็จ"',
    'Send up to {{max}} photos or files ({{count}} received), then tap "Done"; tap it too if you have none.',
  ],
  choiceHint: ['เลือกจากปุ่มด้านล่าง', 'Tap a button below.'],
  dateHint: ['เลือกวันที่จากปุ่มด้านล่าง หรือพิมพ์ เช่น {{example}}', 'Pick a date below, or type it, e.g. {{example}}.'],
  // `unit` is " (baht)" or nothing.
  numberHint: ['พิมพ์ตัวเลข{{unit}}', 'Type a number{{unit}}.'],
  textHint: ['พิมพ์ข้อความไม่เกิน {{max}} ตัวอักษร', 'Up to {{max}} characters.'],
  items: ['{{n}} รายการ', '{{n}} item(s)'],
  checkFirst: ['ตรวจสอบก่อนส่ง', 'Please check before sending'],
  submit: ['ส่ง', 'Submit'],
  edit: ['แก้ไข', 'Edit'],
  startOver: ['เริ่มใหม่', 'Start over'],
  whichToEdit: ['เลือกข้อที่ต้องการแก้ไข', 'Which answer do you want to change?'],
})

const item = (action: QuickAction) => ({ type: 'action', action })
const cancel = (formId: string, lang: Lang) => {
  const label = formWords(lang)('cancel')
  return item({ type: 'postback', label, data: data('form-cancel', { id: formId }), displayText: label })
}

function fieldActions(formId: string, field: FormField, today: string, lang: Lang): QuickAction[] {
  const answer = (extra: Record<string, string>) => data('form-answer', { id: formId, f: field.id, ...extra })
  const tap = (label: string, extra: Record<string, string>): QuickAction => ({
    type: 'postback',
    label,
    data: answer(extra),
    displayText: label,
  })
  const t = formWords(lang)
  switch (field.type) {
    case 'choice':
      return field.choices.map((c) => tap(pick(c.label, lang), { v: c.value }))
    case 'date':
      return [
        {
          type: 'datetimepicker',
          label: t('pickDate'),
          data: answer({}),
          mode: 'date',
          max: today,
          min: addDays(today, -field.maxAgeDays),
        },
        tap(t('today'), { v: today }),
      ]
    case 'text':
      return field.optional ? [tap(t('skip'), { skip: '1' })] : []
    case 'number':
      return []
    case 'attachments':
      return [tap(t('done'), { v: 'done' })]
  }
}

function hint(field: FormField, count: number, today: string, lang: Lang): string {
  const t = formWords(lang)
  switch (field.type) {
    case 'attachments':
      return t('attachmentsHint', { max: field.max, count })
    case 'choice':
      return t('choiceHint')
    case 'date':
      return t('dateHint', { example: dateExample(today, lang) })
    case 'number':
      return t('numberHint', { unit: field.unit ? ` (${pick(field.unit, lang)})` : '' })
    case 'text':
      return t('textHint', { max: field.max.toLocaleString('en-US') })
  }
}

/** Whether a field is asked, given the answers so far. */
export const applies = (field: FormField, answers: Readonly<Record<string, string>>) =>
  !field.when || answers[field.when.field] === field.when.is

/**
 * "3/8": this question's place among the questions that apply given the answers so far. A
 * question whose condition is not met (yet) is not counted, so the counter never jumps from
 * 7/10 to 10/10; choosing to give one's name adds the questions that choice asks.
 */
export function position(form: FormDef, index: number, answers: Readonly<Record<string, string>>) {
  const asked = (f: FormField) => applies(f, answers)
  const at = form.fields.slice(0, index + 1).filter(asked).length
  return { at: Math.max(1, at), total: Math.max(at, form.fields.filter(asked).length) }
}

export interface PromptOptions {
  lang: Lang
  /** Today in the agency's time zone, 'YYYY-MM-DD': the date picker's bounds and examples. */
  today: string
  /** Said above the question: why the last answer was not taken. */
  error?: Text
  /** Photos or files received so far (attachments). */
  count?: number
  /** The answers so far, to count only the questions this person is asked. */
  answers?: Readonly<Record<string, string>>
}

export function renderPrompt(formId: string, form: FormDef, index: number, opts: PromptOptions): LineMessage {
  const { lang } = opts
  const field = form.fields[index]
  if (!field) throw new RangeError(`form ${formId} has no field ${index}`)
  const { at, total } = position(form, index, opts.answers ?? {})
  const head = `${pick(form.title, lang)} (${at}/${total})`
  const error = opts.error === undefined ? undefined : pick(opts.error, lang)
  const body = [error, head, pick(field.prompt, lang), hint(field, opts.count ?? 0, opts.today, lang)]
    .filter(Boolean)
    .join('\n')
  const items = [...fieldActions(formId, field, opts.today, lang).map(item), cancel(formId, lang)]
  return { type: 'text', text: body, quickReply: { items } } as unknown as LineMessage
}

/** How a stored answer reads back to the person. */
export function displayAnswer(field: FormField, value: string | undefined, lang: Lang): string {
  if (value === undefined || value === '') return '-'
  if (field.type === 'choice') {
    const choice = field.choices.find((c) => c.value === value)
    return choice ? pick(choice.label, lang) : value
  }
  if (field.type === 'date') return formatDay(value, lang)
  if (field.type === 'attachments') return formWords(lang)('items', { n: value })
  if (field.type === 'number')
    return `${Number(value).toLocaleString('en-US')}${field.unit ? ` ${pick(field.unit, lang)}` : ''}`
  return value
}

/** A question's short name: its `short`, or the first line of its prompt. */
const shortName = (f: FormField, lang: Lang) =>
  f.short ? pick(f.short, lang) : (pick(f.prompt, lang).split('\n')[0] ?? '')

export function renderSummary(
  formId: string,
  form: FormDef,
  answers: Record<string, string>,
  lang: Lang,
): LineMessage {
  const lines = form.fields
    .filter((f) => applies(f, answers))
    .map((f) => `• ${shortName(f, lang)}: ${displayAnswer(f, answers[f.id], lang)}`)
  const t = formWords(lang)
  const text = [t('checkFirst'), pick(form.title, lang), ...lines].join('\n')
  const tap = (label: string, d: string) => item({ type: 'postback', label, data: d, displayText: label })
  const items = [
    tap(t('submit'), data('form-submit', { id: formId })),
    ...(form.editable ? [tap(t('edit'), data('form-edit-menu', { id: formId }))] : []),
    tap(t('startOver'), data('form', { id: formId, restart: '1' })),
    cancel(formId, lang),
  ]
  // A long free-text answer must not push the summary over LINE's 5,000.
  return { type: 'text', text: text.slice(0, 4900), quickReply: { items } } as unknown as LineMessage
}

/** The questions a person can go back to from the summary, one button each. */
export function renderEditMenu(
  formId: string,
  form: FormDef,
  answers: Record<string, string>,
  lang: Lang,
): LineMessage {
  const fields = form.fields.filter((f) => applies(f, answers)).slice(0, 12)
  const items = [
    ...fields.map((f) => {
      const name = shortName(f, lang).slice(0, 20)
      return item({
        type: 'postback',
        label: name,
        data: data('form-edit', { id: formId, f: f.id }),
        displayText: name,
      })
    }),
    cancel(formId, lang),
  ]
  return {
    type: 'text',
    text: formWords(lang)('whichToEdit'),
    quickReply: { items },
  } as unknown as LineMessage
}
