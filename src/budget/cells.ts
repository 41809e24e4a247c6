import { defineMessages } from '../core/messages.js'
import { bahtToSatang, numberToSatang } from './money.js'

/** One cell as a reader hands it over: CSV gives text, a spreadsheet also numbers and dates. */
export type Cell = string | number | boolean | Date | null

/** Why a cell was refused, Thai first, English beside it. */
export interface Why {
  th: string
  en: string
}
export type Read<T> = { ok: true; value: T } | { ok: false; why: Why }

export const ok = <T>(value: T): Read<T> => ({ ok: true, value })
export const bad = (why: Why): Read<never> => ({ ok: false, why })

// A cell's problem, said after its column's name ("แผนงาน (C): ว่าง ต้องระบุ").
const cellWords = defineMessages({
  emptyName: ['ว่าง ต้องระบุ', 'is empty'],
  longName: ['ยาวเกิน 200 ตัวอักษร', 'is over 200 characters'],
  badAmount: ['ไม่ใช่จำนวนเงินที่ถูกต้อง', 'is not a valid amount'],
  negative: ['ติดลบ จำนวนเงินต้องไม่น้อยกว่า 0', 'is negative'],
  notNumber: ['ไม่ใช่ตัวเลข', 'is not a number'],
  emptyAmount: ['ว่าง ต้องระบุจำนวนเงิน (ใส่ 0 หากไม่มี)', 'is empty (write 0 if none)'],
  notNumberText: ['"{{text}}" ไม่ใช่ตัวเลข', '"{{text}}" is not a number'],
  decimals: ['มีทศนิยมเกิน 2 ตำแหน่ง', 'has more than two decimals'],
  huge: ['มากเกินจริง', 'is implausibly large'],
  notPercent: ['"{{text}}" ไม่ใช่ร้อยละที่ถูกต้อง', '"{{text}}" is not a percentage'],
  over100: ['เกินร้อยละ 100', 'is over 100%'],
})

const THAI_DIGITS = /[๐-๙]/g

/** Text as people type it: NFC, Thai digits as Arabic ones, single spaces, no ends. */
export function clean(text: string): string {
  return text
    .normalize('NFC')
    .replace(THAI_DIGITS, (d) => String(d.charCodeAt(0) - 0x0e50))
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim()
}

export function cellText(cell: Cell): string {
  if (cell === null) return ''
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10)
  return clean(String(cell))
}

export const isBlank = (cell: Cell) => cellText(cell) === ''

/** A name (unit, plan): non-empty, at most 200 characters. */
export function readName(cell: Cell): Read<string> {
  const text = cellText(cell)
  if (text === '') return bad(cellWords.both('emptyName'))
  if (text.length > 200) return bad(cellWords.both('longName'))
  return ok(text)
}

const CURRENCY = /\s*(บาท|baht|thb|฿)\s*$/i

/** An amount of baht ≥ 0: "1,234,567.50", "1234567", ๑,๐๐๐ บาท, or a spreadsheet number. */
export function readAmount(cell: Cell): Read<bigint> {
  if (typeof cell === 'number') {
    const satang = numberToSatang(cell)
    if (satang === null) return bad(cellWords.both('badAmount'))
    return satang < 0n ? bad(cellWords.both('negative')) : ok(satang)
  }
  if (typeof cell === 'boolean' || cell instanceof Date) return bad(cellWords.both('notNumber'))
  const raw = cellText(cell)
  if (raw === '' || raw === '-') return bad(cellWords.both('emptyAmount'))
  let text = raw.replace(CURRENCY, '')
  // Accounting style "(1,000)" is a negative number.
  const parenthesised = /^\((.*)\)$/.exec(text)
  if (parenthesised) text = `-${parenthesised[1]}`
  if (!/^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$/.test(text)) {
    return bad(cellWords.both('notNumberText', { text: raw.slice(0, 40) }))
  }
  const satang = bahtToSatang(text.replaceAll(',', ''))
  if (satang === null) return bad(cellWords.both('decimals'))
  if (satang < 0n) return bad(cellWords.both('negative'))
  if (satang > 10n ** 15n) return bad(cellWords.both('huge'))
  return ok(satang)
}

/** The disbursement target: an amount, or a share of the allocation ("30%", "ร้อยละ 30"). */
export type Target = { kind: 'amount'; satang: bigint } | { kind: 'percent'; hundredths: number }

const PERCENT = /^(?:ร้อยละ\s*)?(\d{1,3}(?:\.\d{1,2})?)\s*%?$/

export function readTarget(cell: Cell): Read<Target> {
  // Excel stores a cell shown as "30%" as 0.3; a target of under one baht is not a target.
  if (typeof cell === 'number' && cell > 0 && cell <= 1) {
    return ok({ kind: 'percent', hundredths: Math.round(cell * 10_000) })
  }
  const text = typeof cell === 'string' ? cellText(cell) : ''
  const percent = /%|ร้อยละ/.test(text) ? PERCENT.exec(text) : null
  if (/%|ร้อยละ/.test(text)) {
    if (!percent) return bad(cellWords.both('notPercent', { text: text.slice(0, 40) }))
    const hundredths = Math.round(Number(percent[1]) * 100)
    if (hundredths > 10_000) return bad(cellWords.both('over100'))
    return ok({ kind: 'percent', hundredths })
  }
  const amount = readAmount(cell)
  return amount.ok ? ok({ kind: 'amount', satang: amount.value }) : amount
}
