import { type Clock, systemClock } from './clock.js'
import { errorFields, type LogFields, type Logger } from './logger.js'

/**
 * Failures said once. Many waiters on one shared promise (every webhook request of a burst
 * waits on the same inbox drain) see one rejection, one error object: it is logged and counted
 * once. A cause that keeps failing (the database away for a minute) is logged once per window,
 * the next line saying how many times it repeated meanwhile, and counted every time, so
 * `/healthz` shows how often each cause failed since start.
 */
export interface FailureLog {
  report(event: string, err: unknown, fields?: LogFields): void
  /** Failures since start by cause (`event: ErrorClass`). */
  counts(): Record<string, number>
  /** Logs the repeats of causes whose window has passed (`/healthz` polls), or all (shutdown). */
  summarize(all?: boolean): void
}

interface Cause {
  loggedAt: number
  repeated: number
  since: number
  event: string
  fields: LogFields
}

/** Distinct causes kept; past it they count under one key (error class names are open-ended). */
const MAX_CAUSES = 50

export function createFailureLog(opts: { log: Logger; clock?: Clock; windowMs?: number }): FailureLog {
  const windowMs = opts.windowMs ?? 60_000
  const clock = opts.clock ?? systemClock
  const seen = new WeakSet<object>()
  const counts = new Map<string, number>()
  const causes = new Map<string, Cause>()

  const emit = (c: Cause, now: number) => {
    const repeats =
      c.repeated > 0 ? { repeated: c.repeated, repeatedSince: new Date(c.since).toISOString() } : {}
    opts.log.error(c.event, { ...c.fields, ...repeats })
    c.loggedAt = now
    c.repeated = 0
  }

  return {
    report(event, err, fields = {}) {
      if (typeof err === 'object' && err !== null) {
        if (seen.has(err)) return
        seen.add(err)
      }
      const ef = errorFields(err)
      let key = `${event}: ${String(ef.error)}`
      if (!counts.has(key) && counts.size >= MAX_CAUSES) key = 'other'
      counts.set(key, (counts.get(key) ?? 0) + 1)
      const now = clock.now().getTime()
      const c = causes.get(key)
      const all = { ...fields, ...ef }
      if (!c) {
        const fresh = { loggedAt: now, repeated: 0, since: now, event, fields: all }
        causes.set(key, fresh)
        emit(fresh, now)
        return
      }
      if (c.repeated === 0) c.since = now
      c.fields = all
      c.event = event
      if (now - c.loggedAt >= windowMs) emit(c, now)
      else c.repeated++
    },
    counts: () => Object.fromEntries(counts),
    summarize(all = false) {
      const now = clock.now().getTime()
      for (const c of causes.values()) {
        if (c.repeated > 0 && (all || now - c.loggedAt >= windowMs)) emit(c, now)
      }
    },
  }
}
