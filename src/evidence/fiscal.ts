import { defineMessages } from '../core/messages.js'
import { MONTHS_EN, MONTHS_TH, yearOfMonth } from '../core/time/index.js'
import type { MeasurePeriod } from '../flows/schema-measures.js'
import type { ItaForm, Text } from './types.js'

// Fiscal years (1 October – 30 September, Buddhist era) as the evidence report counts them. The
// calendar itself (ranges, bounds in a zone, months) is the kernel's: src/core/time/fiscal.ts.

/** The first fiscal year a report may ask for: the bot keeps nothing older to show. */
export const MIN_FISCAL_YEAR = 2560
/** A range of years over this many is refused (the overview is one query per year). */
export const MAX_YEARS = 10

/** FY2566–67 are scored on the I/E/O form, FY2568 onward on the i/e/o form. */
export const formOf = (fy: number): ItaForm => (fy >= 2568 ? '2568' : '2566')

export const yearWords = defineMessages({
  outside: [
    'ปีงบประมาณ {{fy}} ไม่อยู่ในช่วงที่ออกรายงานได้ (พ.ศ. {{first}}–{{last}})',
    'Fiscal year {{fy}} is outside the years a report can cover ({{first}}–{{last}} BE)',
  ],
  backwards: [
    'ปีเริ่มต้น ({{from}}) ต้องไม่อยู่หลังปีสุดท้าย ({{to}})',
    'The first year ({{from}}) must not come after the last ({{to}})',
  ],
  tooMany: [
    'ขอได้ครั้งละไม่เกิน {{max}} ปีงบประมาณ (ขอมา {{asked}} ปี)',
    'At most {{max}} fiscal years at a time (asked for {{asked}})',
  ],
})

/** A fiscal year a report can be made for, or why not (Thai first). */
export function checkYear(fy: number, currentFy: number): Text | null {
  if (Number.isInteger(fy) && fy >= MIN_FISCAL_YEAR && fy <= currentFy + 1) return null
  return yearWords.both('outside', { fy, first: MIN_FISCAL_YEAR, last: currentFy + 1 })
}

/** "ต.ค. 2568 – ก.ย. 2569" for FY2569 and the whole year; a measure's own months otherwise. */
export function periodText(period: MeasurePeriod, fy: number): Text {
  const p = period === 'fiscal-year' ? { from: '10', to: '09' } : period
  const at = (mm: string, names: readonly string[]) =>
    `${names[Number(mm) - 1]} ${yearOfMonth(fy, Number(mm))}`
  return {
    th: `${at(p.from, MONTHS_TH)} – ${at(p.to, MONTHS_TH)}`,
    en: `${at(p.from, MONTHS_EN)} – ${at(p.to, MONTHS_EN)} BE`,
  }
}
