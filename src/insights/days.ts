import { localDay } from '../admin/thai-date.js'

// LINE counts by its own days (UTC+9); the agency's day is another zone's. Days are 'YYYY-MM-DD'.

const DAY_MS = 86_400_000
export const LINE_TIME_ZONE = 'Asia/Tokyo'

export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)

/** The LINE day a moment falls in. */
export const lineDayOf = (at: Date) => localDay(at, LINE_TIME_ZONE)

/** Midnight starting a LINE day. */
export const lineDayStart = (day: string) => new Date(`${day}T00:00:00+09:00`)

const hours = new Map<string, Intl.DateTimeFormat>()
/** The hour (0–23) on the clocks of `timeZone`. */
export function hourIn(at: Date, timeZone: string): number {
  let f = hours.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' })
    hours.set(timeZone, f)
  }
  return Number(f.formatToParts(at).find((p) => p.type === 'hour')?.value ?? 0)
}
