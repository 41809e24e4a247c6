import { addDays } from './days.js'
import { BE_OFFSET } from './thai.js'
import { localDay, zonedToUtc } from './zone.js'

// The Thai fiscal year runs 1 October – 30 September and is named, in the Buddhist era, after
// the year it ends in: FY2570 = 1 Oct 2026 – 30 Sep 2027 (CE). It turns at midnight on the
// agency's clock, so an instant's fiscal year depends on the zone the caller passes.

/** Fiscal year (Buddhist era) → its first and last day: FY2570 = 1 Oct 2026 – 30 Sep 2027. */
export function fiscalYearRange(beYear: number): { from: string; to: string } {
  const ce = beYear - BE_OFFSET
  return { from: `${ce - 1}-10-01`, to: `${ce}-09-30` }
}

/** The fiscal year (BE) a day 'YYYY-MM-DD' falls in. */
export function fiscalYearOfDay(day: string): number {
  const [y, m] = day.split('-').map(Number)
  return (y ?? 0) + BE_OFFSET + ((m ?? 0) >= 10 ? 1 : 0)
}

/** The fiscal year (BE) of an instant on the wall clock of `tz`. */
export const fiscalYearOf = (date: Date, tz: string): number => fiscalYearOfDay(localDay(date, tz))

/** The instants a fiscal year covers in `tz`: [start, end). */
export function fiscalBounds(fy: number, tz: string): { start: Date; end: Date } {
  const { from, to } = fiscalYearRange(fy)
  const start = zonedToUtc(from, '00:00', tz)
  const end = zonedToUtc(addDays(to, 1), '00:00', tz)
  if (!start || !end) throw new Error(`fiscal year ${fy} has no range`)
  return { start, end }
}

/** The twelve months of a fiscal year as 'YYYY-MM', October first. */
export function fiscalMonths(fy: number): string[] {
  const { from } = fiscalYearRange(fy)
  return Array.from({ length: 12 }, (_, i) => {
    const [y, m] = from.split('-').map(Number)
    const month = ((m ?? 10) - 1 + i) % 12
    const year = (y ?? 0) + Math.floor(((m ?? 10) - 1 + i) / 12)
    return `${year}-${String(month + 1).padStart(2, '0')}`
  })
}

/** October is the fiscal year's month 1, September its month 12. */
export const fiscalMonth = (calendarMonth: number) => ((calendarMonth + 2) % 12) + 1

/** The calendar year (Buddhist era) a month (1–12) of a fiscal year falls in. */
export const yearOfMonth = (fiscalYear: number, calendarMonth: number) =>
  calendarMonth >= 10 ? fiscalYear - 1 : fiscalYear
