import { formatThaiDay } from '../admin/thai-date.js'
import type { LineMessage } from '../line/port.js'
import { both, data, th } from './flex.js'
import type { FormDef, FormField } from './schema-dialogues.js'

/**
 * Form prompts are plain text with quick replies: they read well on any phone and the
 * answer buttons disappear once used, so an old prompt cannot be answered twice by mistake.
 * Every button carries the form id and field, and the engine ignores buttons of another step.
 */
type QuickAction =
  | { type: 'postback'; label: string; data: string; displayText?: string }
  | { type: 'datetimepicker'; label: string; data: string; mode: 'date'; max: string; min: string }

const item = (action: QuickAction) => ({ type: 'action', action })
const cancel = (formId: string) =>
  item({
    type: 'postback',
    label: 'ยกเลิก Cancel',
    data: data('form-cancel', { id: formId }),
    displayText: 'ยกเลิก',
  })

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

function fieldActions(formId: string, field: FormField, today: string): QuickAction[] {
  const answer = (extra: Record<string, string>) => data('form-answer', { id: formId, f: field.id, ...extra })
  switch (field.type) {
    case 'choice':
      return field.choices.map((c) => ({
        type: 'postback',
        label: c.label,
        data: answer({ v: c.value }),
        displayText: c.label,
      }))
    case 'date':
      return [
        {
          type: 'datetimepicker',
          label: 'เลือกวันที่ Date',
          data: answer({}),
          mode: 'date',
          max: today,
          min: addDays(today, -field.maxAgeDays),
        },
        { type: 'postback', label: 'วันนี้ Today', data: answer({ v: today }), displayText: 'วันนี้' },
      ]
    case 'text':
      return field.optional
        ? [{ type: 'postback', label: 'ข้าม Skip', data: answer({ skip: '1' }), displayText: 'ข้าม' }]
        : []
    case 'number':
      return []
    case 'attachments':
      return [{ type: 'postback', label: 'เสร็จ Done', data: answer({ v: 'done' }), displayText: 'เสร็จ' }]
  }
}

function hint(field: FormField, count: number): string {
  switch (field.type) {
    case 'attachments':
      return `ส่งรูปภาพหรือไฟล์ได้สูงสุด ${field.max} รายการ (ได้รับแล้ว ${count}) เมื่อครบแล้วแตะ "เสร็จ" หากไม่มีให้แตะ "เสร็จ" · Send up to ${field.max} photos or files (${count} received), then tap "Done".`
    case 'choice':
      return 'เลือกจากปุ่มด้านล่าง · Tap a button below.'
    case 'date':
      return 'เลือกวันที่จากปุ่มด้านล่าง หรือพิมพ์ เช่น 15/11/2569 · Pick a date or type it, e.g. 15/11/2569.'
    case 'number':
      return `พิมพ์ตัวเลข${field.unit ? ` (${field.unit})` : ''} · Type a number.`
    case 'text':
      return `พิมพ์ข้อความไม่เกิน ${field.max.toLocaleString('en-US')} ตัวอักษร · Up to ${field.max.toLocaleString('en-US')} characters.`
  }
}

export function renderPrompt(
  formId: string,
  form: FormDef,
  index: number,
  opts: { today: string; error?: string; count?: number },
): LineMessage {
  const field = form.fields[index]
  if (!field) throw new RangeError(`form ${formId} has no field ${index}`)
  const head = `${th(form.title)} (${index + 1}/${form.fields.length})`
  const body = [opts.error, head, both(field.prompt), hint(field, opts.count ?? 0)].filter(Boolean).join('\n')
  const items = [...fieldActions(formId, field, opts.today).map(item), cancel(formId)]
  return { type: 'text', text: body, quickReply: { items } } as unknown as LineMessage
}

/** How a stored answer reads back to the person. */
export function displayAnswer(field: FormField, value: string | undefined): string {
  if (value === undefined || value === '') return '-'
  if (field.type === 'choice') return field.choices.find((c) => c.value === value)?.label ?? value
  if (field.type === 'date') return formatThaiDay(value)
  if (field.type === 'attachments') return `${value} รายการ (items)`
  if (field.type === 'number')
    return `${Number(value).toLocaleString('en-US')}${field.unit ? ` ${field.unit}` : ''}`
  return value
}

/** Whether a field is asked, given the answers so far. */
export const applies = (field: FormField, answers: Readonly<Record<string, string>>) =>
  !field.when || answers[field.when.field] === field.when.is

export function renderSummary(formId: string, form: FormDef, answers: Record<string, string>): LineMessage {
  const lines = form.fields
    .filter((f) => applies(f, answers))
    .map((f) => `• ${f.short ?? th(f.prompt).split('\n')[0]}: ${displayAnswer(f, answers[f.id])}`)
  const text = [`ตรวจสอบก่อนส่ง · Please check before sending`, th(form.title), ...lines].join('\n')
  const items = [
    item({
      type: 'postback',
      label: 'ส่ง Submit',
      data: data('form-submit', { id: formId }),
      displayText: 'ส่ง',
    }),
    ...(form.editable
      ? [
          item({
            type: 'postback',
            label: 'แก้ไข Edit',
            data: data('form-edit-menu', { id: formId }),
            displayText: 'แก้ไข',
          }),
        ]
      : []),
    item({
      type: 'postback',
      label: 'เริ่มใหม่ Start over',
      data: data('form', { id: formId, restart: '1' }),
      displayText: 'เริ่มใหม่',
    }),
    cancel(formId),
  ]
  // A long free-text answer must not push the summary over LINE's 5,000.
  return { type: 'text', text: text.slice(0, 4900), quickReply: { items } } as unknown as LineMessage
}

/** The questions a person can go back to from the summary, one button each. */
export function renderEditMenu(formId: string, form: FormDef, answers: Record<string, string>): LineMessage {
  const fields = form.fields.filter((f) => applies(f, answers)).slice(0, 12)
  const items = [
    ...fields.map((f) => {
      const name = f.short ?? th(f.prompt).slice(0, 20)
      return item({
        type: 'postback',
        label: name,
        data: data('form-edit', { id: formId, f: f.id }),
        displayText: name,
      })
    }),
    cancel(formId),
  ]
  return {
    type: 'text',
    text: 'เลือกข้อที่ต้องการแก้ไข · Which answer do you want to change?',
    quickReply: { items },
  } as unknown as LineMessage
}
