import { normalizeForMatch } from '../conversation/normalize.js'
import type { Lang, Localized } from '../core/lang.js'
import { defineMessages } from '../core/messages.js'
import { dateExample, parseThaiDay } from '../core/time/index.js'
import type { FormField } from '../flows/schema-dialogues.js'

/** A refused answer says why in both languages; the prompt shows the person's one. */
export type Parsed = { ok: true; value: string } | { ok: false; error: Localized }

const checkWords = defineMessages({
  notNumber: ['กรุณาพิมพ์เป็นตัวเลข เช่น 2500', 'Please type a number, e.g. 2500.'],
  negative: ['จำนวนต้องไม่ติดลบ', 'The amount cannot be negative.'],
  outOfRange: ['กรุณาระบุระหว่าง {{range}}', 'Please give a number between {{range}}.'],
  // The example is written the way each language reads a date.
  notDate: [
    'อ่านวันที่ "{{typed}}" ไม่ได้ กรุณาพิมพ์ เช่น {{exampleTh}}',
    '"{{typed}}" is not a date I can read. Type it like {{exampleEn}}.',
  ],
  future: ['วันที่ต้องไม่เกินวันนี้', 'The date cannot be in the future.'],
  tooOld: ['ระบุได้ย้อนหลังไม่เกิน {{days}} วัน', 'At most {{days}} days back.'],
  pickOne: ['กรุณาเลือกจากปุ่มด้านล่าง', 'Please tap one of the buttons below.'],
  sendOrDone: ['กรุณาส่งรูปภาพหรือไฟล์ หรือแตะ "เสร็จ"', 'Send a photo or file, or tap "Done".'],
  empty: ['กรุณาพิมพ์ข้อความ', 'Please type your answer.'],
  tooLong: ['ข้อความยาว {{n}} ตัวอักษร เกิน {{max}}', '{{n}} characters, over the limit of {{max}}.'],
})

const fail = (said: Readonly<Record<Lang, string>>): Parsed => ({
  ok: false,
  error: { th: `⚠️ ${said.th}`, en: `⚠️ ${said.en}` },
})
const DAY_MS = 86_400_000

/** Thai digits typed on a Thai keyboard read as the same numbers. */
const arabic = (s: string) => s.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50))

function parseNumber(field: Extract<FormField, { type: 'number' }>, raw: string): Parsed {
  const cleaned = arabic(raw).replace(/[,\s]|บาท|baht|thb|฿/gi, '')
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) {
    return fail(checkWords.both('notNumber'))
  }
  const n = Number(cleaned)
  if (n < 0) return fail(checkWords.both('negative'))
  if (n < field.min || n > field.max) {
    const range = `${field.min.toLocaleString('en-US')}–${field.max.toLocaleString('en-US')}`
    return fail(checkWords.both('outOfRange', { range }))
  }
  return { ok: true, value: cleaned.replace(/^(-?)0+(?=\d)/, '$1') }
}

/** A typed day in any form Thai staff write one (src/core/time/thai-day.ts). */
export const parseDay = (raw: string, today?: string): string | null => parseThaiDay(raw, today)

function parseDate(field: Extract<FormField, { type: 'date' }>, raw: string, today: string): Parsed {
  const day = parseDay(raw, today)
  if (!day) {
    const examples = { exampleTh: dateExample(today, 'th'), exampleEn: dateExample(today, 'en') }
    return fail(checkWords.both('notDate', { typed: raw.trim().slice(0, 30), ...examples }))
  }
  if (day > today) return fail(checkWords.both('future'))
  const oldest = new Date(Date.parse(`${today}T00:00:00Z`) - field.maxAgeDays * DAY_MS)
    .toISOString()
    .slice(0, 10)
  if (day < oldest) {
    return fail(checkWords.both('tooOld', { days: field.maxAgeDays }))
  }
  return { ok: true, value: day }
}

function parseChoice(field: Extract<FormField, { type: 'choice' }>, raw: string): Parsed {
  const wanted = normalizeForMatch(raw)
  const index = Number(arabic(raw).trim())
  const found =
    field.choices.find(
      (c) =>
        c.value === raw.trim() ||
        (typeof c.label === 'string' ? [c.label] : [c.label.th, c.label.en ?? '']).some(
          (l) => normalizeForMatch(l) === wanted,
        ),
    ) ?? (Number.isInteger(index) ? field.choices[index - 1] : undefined)
  if (!found) return fail(checkWords.both('pickOne'))
  return { ok: true, value: found.value }
}

/** Checks one answer against its field; the error is said to the person, Thai first. */
export function parseAnswer(field: FormField, raw: string, today: string): Parsed {
  switch (field.type) {
    case 'number':
      return parseNumber(field, raw)
    case 'date':
      return parseDate(field, raw, today)
    case 'choice':
      return parseChoice(field, raw)
    case 'attachments':
      // Photos and files arrive as their own messages; typed text can only close the question.
      return DONE.has(normalizeForMatch(raw))
        ? { ok: true, value: 'done' }
        : fail(checkWords.both('sendOrDone'))
    case 'text': {
      const value = raw.trim()
      if (value.length === 0) return fail(checkWords.both('empty'))
      if (value.length > field.max) {
        return fail(checkWords.both('tooLong', { n: value.length, max: field.max }))
      }
      return { ok: true, value }
    }
  }
}

const DONE = new Set(['เสร็จ', 'เสร็จแล้ว', 'ไม่มี', 'ข้าม', 'done', 'none', 'skip'].map(normalizeForMatch))
const CANCEL = new Set(['ยกเลิก', 'cancel', 'stop', 'หยุด'].map(normalizeForMatch))
export const isCancel = (text: string) => CANCEL.has(normalizeForMatch(text))
