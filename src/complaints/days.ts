import { MONTHS_EN, MONTHS_TH } from '../admin/thai-date.js'

// Calendar days as 'YYYY-MM-DD' (what complaint rows store: never a time of day).

const DAY_MS = 86_400_000
const at = (day: string) => Date.parse(`${day}T00:00:00Z`)

export const addDays = (day: string, n: number) => new Date(at(day) + n * DAY_MS).toISOString().slice(0, 10)

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round((at(to) - at(from)) / DAY_MS)

/** '2026-11-22' → '22 พ.ย. 2569' or '22 Nov 2569 BE': officials quote the Buddhist year in both. */
export function formatDay(day: string, lang: 'th' | 'en'): string {
  const [y, m, d] = day.split('-').map(Number)
  if (!y || !m || !d) return day
  return lang === 'th' ? `${d} ${MONTHS_TH[m - 1]} ${y + 543}` : `${d} ${MONTHS_EN[m - 1]} ${y + 543} BE`
}
