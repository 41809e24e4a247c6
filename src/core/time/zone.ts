// The agency's wall clock: days and times as they read in a time zone the caller passes (the
// configured TZ_DEFAULT, `config.timeZone` in src/config.ts; the kernel never reads config).
//
// One formatter per time zone and shape: building an Intl.DateTimeFormat costs far more than
// using one, and the day is asked for on every message (draft keys, the day's traces of handled
// events). README, "Benchmarks": the day's formatter kept per time zone.

const days = new Map<string, Intl.DateTimeFormat>()
const clocks = new Map<string, Intl.DateTimeFormat>()

function cached(cache: Map<string, Intl.DateTimeFormat>, tz: string, make: () => Intl.DateTimeFormat) {
  let f = cache.get(tz)
  if (!f) {
    f = make()
    cache.set(tz, f)
  }
  return f
}

const dayFormatter = (tz: string) =>
  cached(
    days,
    tz,
    () =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: tz,
        calendar: 'gregory',
        numberingSystem: 'latn',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
  )

const clockFormatter = (tz: string) =>
  cached(
    clocks,
    tz,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        calendar: 'gregory',
        numberingSystem: 'latn',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  )

export interface WallClockParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

/** The numbers on the wall clock of `tz` at `date` (Christian era, 24-hour). */
export function partsIn(date: Date, tz: string): WallClockParts {
  const parts = clockFormatter(tz).formatToParts(date)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? Number.NaN)
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') }
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The calendar day at `date` in the time zone `tz`, as 'YYYY-MM-DD' (Christian era, for storage). */
export function localDay(date: Date, tz: string): string {
  const parts: Record<string, string> = {}
  for (const p of dayFormatter(tz).formatToParts(date)) parts[p.type] = p.value
  return `${parts.year}-${parts.month}-${parts.day}`
}

/** The wall-clock time in `tz`, as 'HH:MM'. */
export function localTime(date: Date, tz: string): string {
  const p = partsIn(date, tz)
  return `${pad(p.hour)}:${pad(p.minute)}`
}

/** The hour (0–23) on the clocks of `tz`. */
export const hourIn = (date: Date, tz: string): number => partsIn(date, tz).hour

/** A reader of instants as the console's date and time fields show them: 'YYYY-MM-DD', 'HH:MM'. */
export function wallClockIn(tz: string): (d: Date) => { date: string; time: string } {
  return (d) => {
    const p = partsIn(d, tz)
    return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` }
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const HHMM = /^(\d{1,2}):(\d{2})$/

/**
 * The instant a wall-clock date ('YYYY-MM-DD') and time ('HH:MM') name in `tz`, or null when
 * either is malformed. Reads the guess back in the zone and corrects by the difference.
 */
export function zonedToUtc(date: string, time: string, tz: string): Date | null {
  const d = DATE.exec(date)
  const t = HHMM.exec(time)
  if (!d || !t) return null
  const guess = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]))
  if (Number.isNaN(guess)) return null
  const n = partsIn(new Date(guess), tz)
  const seen = Date.UTC(n.year, n.month - 1, n.day, n.hour, n.minute)
  return new Date(guess - (seen - guess))
}
