import { defineMessages, type TranslatorOf } from '../core/messages.js'
import { BE_OFFSET, yearOfMonth } from '../core/time/index.js'
import { FIRST_FISCAL_YEAR, periodKey } from './calendar.js'
import { bad, type Cell, cellText, ok, type Read } from './cells.js'

// Reading the fiscal-year and period columns in the forms agencies' reports use: "ไตรมาส 1",
// "ไตรมาสที่ 2", "Q3", "ต.ค.", "ตุลาคม 2568", "Oct 2025", or an Excel date in the month.

const TH_FULL = [
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
]
const TH_SHORT = ['มค', 'กพ', 'มีค', 'เมย', 'พค', 'มิย', 'กค', 'สค', 'กย', 'ตค', 'พย', 'ธค']
const EN = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

function monthOf(name: string): number | null {
  const n = name.replaceAll('.', '').toLowerCase()
  for (let i = 0; i < 12; i++) {
    const en = EN[i] ?? ''
    if (
      n === TH_FULL[i] ||
      n === TH_SHORT[i] ||
      n === en ||
      (n.length > 3 && en.length > 0 && n.startsWith(en))
    ) {
      return i + 1
    }
  }
  return null
}

/** A year written after a month: 2568 (BE), 2025 (CE) or 68 (BE, two digits). */
function beYear(text: string): number {
  const y = Number(text)
  if (text.length === 2) return 2500 + y
  return y < 2400 ? y + BE_OFFSET : y
}

const QUARTER = /^(?:ไตรมาส(?:ที่)?|quarter|qtr|q)\s*([1-4])(?:\s*(?:\/|ปี|ปีงบประมาณ|fy)?\s*(\d{4}))?$/i
const MONTH = /^([\p{L}\p{M}.]+?)\s*(?:(\d{4}|\d{2}))?$/u

const periodCellWords = defineMessages({
  // What a period may be, said after what is wrong with it.
  expected: [
    'ใช้ ไตรมาส 1–4, Q1–Q4 หรือชื่อเดือน เช่น ต.ค. หรือ ตุลาคม 2568',
    'use ไตรมาส 1–4, Q1–Q4 or a month such as ต.ค., Oct or ตุลาคม 2568',
  ],
  badDate: ['วันที่ไม่ถูกต้อง', 'is not a valid date'],
  empty: ['ว่าง {{expected}}', 'is empty: {{expected}}'],
  otherYear: ['ปี {{year}} ไม่ตรงกับปีงบประมาณ {{fy}}', 'year {{year}} is not fiscal year {{fy}}'],
  unknown: ['"{{text}}" ไม่ใช่งวดที่รู้จัก {{expected}}', '"{{text}}": {{expected}}'],
  outsideYear: [
    'เดือนนี้ของปี {{year}} ไม่อยู่ในปีงบประมาณ {{fy}} (1 ต.ค. {{before}} – 30 ก.ย. {{fy}})',
    'that month of {{year}} is outside fiscal year {{fy}} (1 Oct {{before}} – 30 Sep {{fy}})',
  ],
  emptyYear: ['ว่าง ต้องระบุปีงบประมาณ เช่น 2569', 'is empty: write the fiscal year, e.g. 2569'],
  notYear: ['"{{text}}" ไม่ใช่ปี พ.ศ.', '"{{text}}" is not a year'],
  ceYear: [
    '{{year}} เป็นปี ค.ศ. ใช้ปีงบประมาณ พ.ศ. เช่น {{be}}',
    '{{year}} is a CE year: use the Buddhist-era fiscal year, e.g. {{be}}',
  ],
  noSuchYear: [
    'ไม่มีปีงบประมาณ {{year}} (รับได้ {{first}}–{{latest}})',
    'fiscal year {{year}} does not exist ({{first}}–{{latest}} accepted)',
  ],
})

/** Refused, in words that name what a period may be in the same language. */
const badPeriod = (say: (t: TranslatorOf<typeof periodCellWords>, expected: string) => string) => {
  const said = (t: TranslatorOf<typeof periodCellWords>) => say(t, t('expected'))
  return bad({ th: said(periodCellWords('th')), en: said(periodCellWords('en')) })
}

/** The period of a row in fiscal year `fy`, as its stored key ('Q1', 'M10'). */
export function readPeriod(cell: Cell, fy: number): Read<string> {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return bad(periodCellWords.both('badDate'))
    return monthIn(cell.getUTCMonth() + 1, cell.getUTCFullYear() + BE_OFFSET, fy)
  }
  const text = cellText(cell)
  if (text === '') return badPeriod((t, expected) => t('empty', { expected }))
  const q = QUARTER.exec(text)
  if (q) {
    if (q[2] && beYear(q[2]) !== fy) {
      return bad(periodCellWords.both('otherYear', { year: q[2], fy }))
    }
    return ok(periodKey({ kind: 'quarter', n: Number(q[1]) }))
  }
  const m = MONTH.exec(text)
  const month = m?.[1] ? monthOf(m[1]) : null
  if (!m || month === null) {
    return badPeriod((t, expected) => t('unknown', { text: text.slice(0, 40), expected }))
  }
  return monthIn(month, m[2] ? beYear(m[2]) : null, fy)
}

function monthIn(month: number, year: number | null, fy: number): Read<string> {
  const expected = yearOfMonth(fy, month)
  if (year !== null && year !== expected) {
    return bad(periodCellWords.both('outsideYear', { year, fy, before: fy - 1 }))
  }
  return ok(periodKey({ kind: 'month', n: month }))
}

/** A fiscal year in the Buddhist era that exists: from 2540 to next year's. */
export function readFiscalYear(cell: Cell, latest: number): Read<number> {
  const text = cellText(cell)
  if (text === '') return bad(periodCellWords.both('emptyYear'))
  const year = /^\d{4}$/.test(text) ? Number(text) : Number.NaN
  if (Number.isNaN(year)) return bad(periodCellWords.both('notYear', { text: text.slice(0, 40) }))
  if (year >= 1900 && year < 2400) {
    return bad(periodCellWords.both('ceYear', { year, be: year + BE_OFFSET + 1 }))
  }
  if (year < FIRST_FISCAL_YEAR || year > latest) {
    return bad(periodCellWords.both('noSuchYear', { year, first: FIRST_FISCAL_YEAR, latest }))
  }
  return ok(year)
}
