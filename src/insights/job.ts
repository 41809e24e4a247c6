import type { Kysely } from 'kysely'
import { errorFields, type Logger } from '../core/logger.js'
import { addDays, hourIn, localDay } from '../core/time/index.js'
import type { Database } from '../db/schema.js'
import type { LinePort, LineResolver } from '../line/port.js'
import { takeSlot } from './budget.js'
import {
  claimRun,
  ensureInsightOrg,
  ensureRun,
  listRefusals,
  markAvailable,
  markUnavailable,
  settleRun,
} from './repository.js'
import { stepsFor } from './steps.js'
import type { InsightFeature } from './tables.js'

// Once a day per organization, LINE's own figures for yesterday: messages sent, followers, and
// how people used each broadcast of the last two weeks (through its aggregation unit). Called
// by the minute's housekeeping; from `fromHour` on, a minute with nothing due costs a few small
// queries per organization.

export interface InsightOptions {
  /** LINE publishes a day's figures late: ask from this hour, the agency's time. */
  fromHour: number
  windowDays: number
  /** LINE allows 60 insight requests an hour per channel. */
  perHour: number
  /** Calls in one minute's housekeeping, so the broadcast tick after it is not held up. */
  perTick: number
  leaseMs: number
  /** After 'unready', an error or LINE's own 429. */
  retryMs: number
  /** After a 403 (a plan without insight): ask again a week later, not every day. */
  accessRetryMs: number
  /** Claims of one day's run before it is given up as failed. */
  maxAttempts: number
  /** A run not finished within this many days is left alone. */
  keepDays: number
}

export const DEFAULT_INSIGHT_OPTIONS: InsightOptions = {
  fromHour: 10,
  windowDays: 14,
  perHour: 60,
  perTick: 15,
  // Longer than perTick calls at the adapter's 10 s timeout.
  leaseMs: 5 * 60_000,
  retryMs: 60 * 60_000,
  accessRetryMs: 7 * 86_400_000,
  maxAttempts: 48,
  keepDays: 7,
}

export interface InsightJobDeps {
  db: Kysely<Database>
  lines: LineResolver
  log: Logger
  /** The agency's time zone (TZ_DEFAULT). */
  timeZone: string
  options?: Partial<InsightOptions>
}

type Outcome =
  | { kind: 'done'; note: string | null }
  | { kind: 'not_available'; note: string }
  /** `paused`: stopped by the budget, not by LINE; such a pause is not a failed attempt. */
  | { kind: 'later'; at: Date; note: string; paused?: boolean }

const FEATURES: readonly InsightFeature[] = ['delivery', 'followers', 'units']

/**
 * Runs the steps in order, one budget slot each, until done or something says "later". A 403
 * blocks that statistic only (a plan may have delivery counts and not per-unit figures): it is
 * recorded once, its other steps are skipped, and the rest goes on.
 */
async function fetchDay(
  deps: InsightJobDeps,
  o: InsightOptions,
  scope: {
    line: LinePort
    orgId: string
    day: string
    now: Date
    blocked: Set<InsightFeature>
    /** Refused before: an answer now lifts the refusal. */
    recorded: ReadonlySet<InsightFeature>
  },
) {
  const { db } = deps
  const { orgId, now, blocked } = scope
  const steps = await stepsFor({ db, ...scope, windowDays: o.windowDays })
  const later = (note: string, at = new Date(now.getTime() + o.retryMs)): Outcome => ({
    kind: 'later',
    at,
    note,
  })
  const paused = (note: string, at: Date): Outcome => ({ kind: 'later', at, note, paused: true })
  const refused = new Set<InsightFeature>()
  let answered = 0
  let unready = false
  let calls = 0
  for (const step of steps) {
    if (blocked.has(step.feature)) continue
    if (calls >= o.perTick) return { outcome: paused('more next minute', now), calls }
    const slot = await takeSlot(db, orgId, now, o.perHour)
    if (!slot.ok) return { outcome: paused('hourly insight budget used', slot.freeAt), calls }
    calls++
    const r = await step.run()
    if (r.kind === 'not_available') {
      const retryAt = new Date(now.getTime() + o.accessRetryMs)
      await markUnavailable(db, orgId, step.feature, { at: now, retryAt, detail: r.detail })
      refused.add(step.feature)
      blocked.add(step.feature)
      continue
    }
    if (r.kind === 'rate_limited' || r.kind === 'error') {
      return { outcome: later(`${step.feature}: ${r.detail}`), calls }
    }
    answered++
    if (scope.recorded.has(step.feature)) await markAvailable(db, orgId, step.feature)
    if (r.kind === 'unready') unready = true
  }
  const note = refused.size > 0 ? `not available: ${[...refused].join(', ')}` : null
  if (unready) return { outcome: later('LINE has not counted the day yet'), calls }
  if (note && answered === 0) return { outcome: { kind: 'not_available', note } as Outcome, calls }
  return { outcome: { kind: 'done', note } as Outcome, calls }
}

async function forOrg(deps: InsightJobDeps, o: InsightOptions, orgId: string, day: string, now: Date) {
  const { db } = deps
  const line = await deps.lines(orgId)
  if (!line) return
  await ensureInsightOrg(db, orgId)
  // What LINE refused is recorded once and not asked again before its retry (a week later).
  const refusals = await listRefusals(db, orgId)
  const blocked = new Set(refusals.filter((r) => r.retry_at > now).map((r) => r.feature))
  if (FEATURES.every((f) => blocked.has(f))) return
  await ensureRun(db, orgId, day, now)
  const leaseUntil = new Date(now.getTime() + o.leaseMs)
  const run = await claimRun(db, { orgId, now, leaseUntil, oldestDay: addDays(day, -o.keepDays) })
  if (!run) return
  const recorded = new Set(refusals.map((r) => r.feature))
  const { outcome, calls } = await fetchDay(deps, o, { line, orgId, day: run.day, now, blocked, recorded })
  const claimed = { orgId, day: run.day, claimed: run.attempts }
  if (outcome.kind === 'later' && (outcome.paused === true || run.attempts < o.maxAttempts)) {
    await settleRun(db, claimed, {
      status: 'pending',
      nextAttemptAt: outcome.at,
      note: outcome.note,
      now,
      refund: outcome.paused === true,
    })
  } else {
    const status = outcome.kind === 'later' ? 'failed' : outcome.kind
    await settleRun(db, claimed, { status, note: outcome.note, now })
  }
  deps.log.info('insights.run', { org: orgId, day: run.day, outcome: outcome.kind, calls })
}

/** From `fromHour` on, yesterday's figures for each organization; failures are logged per organization. */
export async function collectLineStatistics(deps: InsightJobDeps, orgIds: Iterable<string>, now: Date) {
  const o = { ...DEFAULT_INSIGHT_OPTIONS, ...deps.options }
  if (hourIn(now, deps.timeZone) < o.fromHour) return
  const day = addDays(localDay(now, deps.timeZone), -1)
  for (const orgId of orgIds) {
    try {
      await forOrg(deps, o, orgId, day, now)
    } catch (err) {
      deps.log.error('insights.failed', { org: orgId, ...errorFields(err) })
    }
  }
}
