import type { Clock, ClockSkew } from './clock.js'
import type { Logger } from './logger.js'

/**
 * A clock that tells the database's time: this machine's clock corrected by the offset measured
 * against the database. Every instance compares leases, due times and reply freshness against
 * the same clock, so one machine running a minute ahead neither steals live leases nor takes
 * fresh reply tokens for stale ones. Measured at start and then every minute (the scheduler's
 * tick); until the first measurement it is this machine's clock.
 */
export interface SyncedClock extends Clock {
  /** Measures the offset again; null (the last offset kept) when the database did not answer. */
  sync(): Promise<ClockSkew | null>
  skew(): ClockSkew | null
}

export interface SyncedClockOptions {
  /** The database's time in epoch ms (src/db/clock.ts). */
  reference(): Promise<number>
  log: Logger
  /** This machine's time in epoch ms; default Date.now. */
  local?: () => number
  /** A skew beyond this is logged and shown on /healthz; default 5 s. */
  toleranceMs?: number
  /** Round trips per measurement; the shortest one is kept (the least queueing in it). */
  samples?: number
}

export const DEFAULT_SKEW_TOLERANCE_MS = 5_000

export interface ClockSample {
  /** Local time before the request and after the answer, and the reference's time in between. */
  sentAt: number
  receivedAt: number
  reference: number
}

/**
 * Pure: the local clock minus the reference's, assuming the reference read its clock halfway
 * through the round trip (so the error is at most half the round trip).
 */
export function skewOf(s: ClockSample): { skewMs: number; roundTripMs: number } {
  const roundTripMs = Math.max(0, s.receivedAt - s.sentAt)
  return { skewMs: (s.sentAt + s.receivedAt) / 2 - s.reference, roundTripMs }
}

export function createSyncedClock(o: SyncedClockOptions): SyncedClock {
  const local = o.local ?? Date.now
  const toleranceMs = o.toleranceMs ?? DEFAULT_SKEW_TOLERANCE_MS
  const samples = Math.max(1, o.samples ?? 3)
  let current: ClockSkew | null = null
  /** The skew last warned about; null while within tolerance. */
  let warned: ClockSkew | null = null
  let syncing: Promise<ClockSkew | null> | null = null

  const measure = async (): Promise<ClockSkew | null> => {
    let best: { skewMs: number; roundTripMs: number } | null = null
    for (let i = 0; i < samples; i++) {
      const sentAt = local()
      let reference: number
      try {
        reference = await o.reference()
      } catch {
        // The database being away is reported by whatever needed it; the last offset stays.
        break
      }
      const s = skewOf({ sentAt, receivedAt: local(), reference })
      if (best === null || s.roundTripMs < best.roundTripMs) best = s
    }
    if (best === null) return null
    current = { ...best, toleranceMs, measuredAt: new Date(local() - best.skewMs) }
    report(current)
    return current
  }

  // Once when the skew goes beyond the tolerance, again only if it moves by another tolerance,
  // and once when it is back: a steady skew is not repeated every minute.
  const report = (s: ClockSkew) => {
    const fields = { skewMs: Math.round(s.skewMs), roundTripMs: Math.round(s.roundTripMs), toleranceMs }
    if (Math.abs(s.skewMs) > toleranceMs) {
      if (warned === null || Math.abs(s.skewMs - warned.skewMs) >= toleranceMs) {
        o.log.warn('clock.skew', { ...fields, note: 'this clock is off the database clock; corrected' })
        warned = s
      }
    } else if (warned !== null) {
      o.log.info('clock.skew_resolved', fields)
      warned = null
    }
  }

  return {
    now: () => new Date(local() - (current?.skewMs ?? 0)),
    skew: () => current,
    sync() {
      syncing ??= measure().finally(() => {
        syncing = null
      })
      return syncing
    },
  }
}

/** What /healthz says about this instance's clock. */
export function clockHealth(clock: Clock): { skewMs: number | null; toleranceMs?: number; warning?: string } {
  const s = clock.skew?.() ?? null
  if (s === null) return { skewMs: null }
  const skewMs = Math.round(s.skewMs)
  if (Math.abs(s.skewMs) <= s.toleranceMs) return { skewMs, toleranceMs: s.toleranceMs }
  const seconds = (Math.abs(s.skewMs) / 1000).toFixed(1)
  return {
    skewMs,
    toleranceMs: s.toleranceMs,
    warning: `this instance's clock is ${seconds} s ${s.skewMs > 0 ? 'ahead of' : 'behind'} the database's; coordination uses the database's time, fix the machine's time sync`,
  }
}
