import { Cron } from 'croner'

/**
 * Pure recurrence rules. Cron expressions are read in the broadcast's time zone (its row's
 * time_zone, set from TZ_DEFAULT when not given) and every instant they produce is a UTC Date for storage.
 */

export type CronCheck = { ok: true } | { ok: false; reason: string }

/** Five fields only (minute hour day month weekday): a seconds field would fire 60× a minute. */
export function checkCron(expression: string, timeZone: string): CronCheck {
  const fields = expression.trim().split(/\s+/)
  if (fields.length !== 5) return { ok: false, reason: `expected 5 fields, got ${fields.length}` }
  if (!isTimeZone(timeZone)) return { ok: false, reason: `unknown time zone ${timeZone}` }
  try {
    const next = new Cron(expression, { timezone: timeZone, paused: true }).nextRun(new Date())
    return next ? { ok: true } : { ok: false, reason: 'the expression never fires' }
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) }
  }
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

/** The first occurrence strictly after `after`, or null when the expression is invalid or exhausted. */
export function nextOccurrence(expression: string, timeZone: string, after: Date): Date | null {
  try {
    return new Cron(expression, { timezone: timeZone, paused: true }).nextRun(after)
  } catch {
    return null
  }
}

/** The first `n` occurrences after `after` (for previews: "next runs"). */
export function nextOccurrences(expression: string, timeZone: string, after: Date, n: number): Date[] {
  const out: Date[] = []
  let at = after
  for (let i = 0; i < n; i++) {
    const next = nextOccurrence(expression, timeZone, at)
    if (!next) break
    out.push(next)
    at = next
  }
  return out
}

export interface TimeOfDay {
  hour: number
  minute: number
}

export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const
export type Weekday = (typeof WEEKDAYS)[number]

/** Presets the console offers; anything else is a raw cron expression. */
export type Preset =
  | ({ kind: 'daily' } & TimeOfDay)
  | ({ kind: 'weekly'; weekday: Weekday } & TimeOfDay)
  | ({ kind: 'weekdays' } & TimeOfDay)
  | ({ kind: 'monthly'; day: number } & TimeOfDay)
  | ({ kind: 'monthly_last_day' } & TimeOfDay)

export type PresetResult = { ok: true; cron: string } | { ok: false; reason: string }

const inRange = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi

/** "monthly on day 1 at 09:00" → "0 9 1 * *". Day 29–31 would skip short months: use monthly_last_day. */
export function presetToCron(p: Preset): PresetResult {
  if (!inRange(p.hour, 0, 23) || !inRange(p.minute, 0, 59)) {
    return { ok: false, reason: `time ${p.hour}:${p.minute} is not a valid HH:MM` }
  }
  const hm = `${p.minute} ${p.hour}`
  switch (p.kind) {
    case 'daily':
      return { ok: true, cron: `${hm} * * *` }
    case 'weekdays':
      return { ok: true, cron: `${hm} * * 1-5` }
    case 'weekly':
      return { ok: true, cron: `${hm} * * ${WEEKDAYS.indexOf(p.weekday)}` }
    case 'monthly':
      if (!inRange(p.day, 1, 28)) return { ok: false, reason: `day ${p.day} must be 1–28 (or the last day)` }
      return { ok: true, cron: `${hm} ${p.day} * *` }
    case 'monthly_last_day':
      return { ok: true, cron: `${hm} L * *` }
  }
}
