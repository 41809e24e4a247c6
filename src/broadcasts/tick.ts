import type { Kysely } from 'kysely'
import type { Clock } from '../core/clock.js'
import { uuidFromName } from '../core/ids.js'
import type { Keyring } from '../core/keyring.js'
import { type Logger, silentLogger } from '../core/logger.js'
import type { Database } from '../db/schema.js'
import type { LineMessage, LinePort } from '../line/port.js'
import { audienceGroups, countFollowers } from './audiences.js'
import { insertDeliveries, insertDeliveriesFrom } from './deliveries.js'
import {
  finishRuns,
  insertRun,
  lockDueBroadcasts,
  lockPendingRun,
  setRunReason,
  setRunSending,
  updateBroadcastIf,
} from './repository.js'
import { nextOccurrence } from './schedule.js'
import { type SendOptions, type SendTally, sendDue } from './sender.js'
import { ALL_FOLLOWERS, type BroadcastRow } from './tables.js'

export interface TickDeps {
  db: Kysely<Database>
  /** The LINE channel of an organization; null when it has none (its deliveries wait). */
  lineFor(orgId: string): Promise<LinePort | null>
  keyring: Keyring
  clock: Clock
  log?: Logger
  sleep?: (ms: number) => Promise<void>
  options?: Partial<SendOptions>
  /** Content rendered when a run is created (a budget summary current at run time). */
  renderRun?: RunRenderer
  /** True once the instance is shutting down (loop.ts): the pass hands back what it holds. */
  stopping?: () => boolean
}

/**
 * The messages a new run sends instead of the broadcast's own, which were frozen at compose
 * time; null keeps those. Runs inside the materialising transaction: read-only, and it must not
 * throw for content reasons (a failure keeps the frozen messages).
 */
export type RunRenderer = (
  db: Kysely<Database>,
  broadcast: BroadcastRow,
  now: Date,
) => Promise<LineMessage[] | null>

export const DEFAULT_SEND_OPTIONS: SendOptions = {
  // Short, so a crashed instance's rows are taken over within half a minute; the sender renews
  // the leases it holds every third of it, so the adapter's slowest push (4 attempts × 10 s
  // timeout + backoff) keeps its rows.
  leaseMs: 20_000,
  batchSize: 200,
  // In flight at once: at 1,900/s and ~50 ms a push, ~100 (a Worker queues beyond its 6 connections).
  concurrency: 100,
  // LINE's 2,000 pushes/s per channel less 5 %: the adapter's own retries of a 5xx are unpaced.
  maxPerSecond: 1_900,
  maxAttempts: 6,
  retryBaseMs: 30_000,
  rateBackoffMs: 1_000,
  budgetMs: 50_000,
  flushSize: 50,
}

export interface TickReport extends SendTally {
  runsCreated: number
  runsExpanded: number
  runsFinished: number
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** The run id of an occurrence is derived from it, so a second materialisation is the same row. */
export const runIdFor = (broadcastId: string, at: Date) =>
  uuidFromName(`broadcast-run:${broadcastId}:${at.toISOString()}`)
export const retryKeyFor = (runId: string, recipient: string) => uuidFromName(`${runId}:${recipient}`)

/**
 * The occurrence to run now and the next one. Occurrences missed while no instance ran
 * collapse into one run for the most recent of them, instead of a burst of stale messages.
 */
function dueOccurrence(
  due: Date,
  cron: string | null,
  tz: string,
  now: Date,
): { at: Date; next: Date | null } {
  if (cron === null) return { at: due, next: null }
  let at = due
  let next = nextOccurrence(cron, tz, at)
  for (let i = 0; next !== null && next.getTime() <= now.getTime() && i < 10_000; i++) {
    at = next
    next = nextOccurrence(cron, tz, at)
  }
  return { at, next }
}

/** (1) Turns due broadcasts into runs; a one-off broadcast becomes 'sending'. */
async function materialise(db: Kysely<Database>, now: Date, renderRun?: RunRenderer): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let created = 0
    for (const b of await lockDueBroadcasts(trx, now, 50)) {
      const { at, next } = dueOccurrence(b.next_run_at ?? b.run_at, b.recurrence, b.time_zone, now)
      const messages = renderRun ? await renderRun(trx, b, now) : null
      const run = { id: await runIdFor(b.id, at), broadcast: b, scheduled_for: at, now, messages }
      if (await insertRun(trx, run)) created++
      await updateBroadcastIf(trx, b.org_id, b.id, ['scheduled'], {
        next_run_at: next,
        ...(b.recurrence ? {} : { status: 'sending' as const }),
        now,
      })
    }
    return created
  })
}

/**
 * (2)+(3) Claims one pending run and writes all its deliveries, retry keys included, in one
 * transaction: the row lock is the lease, and a process killed here rolls everything back.
 * Group audiences expand inside the database (insertDeliveriesFrom): thousands of recipients
 * cost one statement, not a round trip of their ids and a hash each in JavaScript.
 */
async function expandOne(db: Kysely<Database>, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const run = await lockPendingRun(trx)
    if (!run) return false
    const inserted = await expandRun(trx, run.org_id, run.id, run.audience, now)
    await setRunSending(trx, run.id, now)
    if (inserted === 0) await setRunReason(trx, run.id, 'the audience has no recipients')
    return true
  })
}

async function expandRun(
  trx: Kysely<Database>,
  orgId: string,
  runId: string,
  audience: string,
  now: Date,
): Promise<number> {
  if (audience !== ALL_FOLLOWERS) {
    return insertDeliveriesFrom(trx, orgId, runId, audienceGroups(trx, orgId, audience), now)
  }
  if ((await countFollowers(trx, orgId)) === 0) return 0
  const retryKey = await retryKeyFor(runId, ALL_FOLLOWERS)
  await insertDeliveries(
    trx,
    orgId,
    runId,
    [{ recipient: ALL_FOLLOWERS, type: 'all_followers', retryKey }],
    now,
  )
  return 1
}

/** One scheduler pass, shared by node-cron and the Workers scheduled handler. Safe to run anywhere, any number of times. */
export async function tick(deps: TickDeps, now: Date): Promise<TickReport> {
  const log = deps.log ?? silentLogger
  const options = { ...DEFAULT_SEND_OPTIONS, ...deps.options }
  const runsCreated = await materialise(deps.db, now, deps.renderRun)
  let runsExpanded = 0
  while (runsExpanded < 20 && (await expandOne(deps.db, now))) runsExpanded++
  const tally = await sendDue({ ...deps, log, sleep: deps.sleep ?? realSleep }, now, options)
  const later = new Date(Math.max(now.getTime(), deps.clock.now().getTime()))
  const finished = await finishRuns(deps.db, later)
  const report = { runsCreated, runsExpanded, runsFinished: finished.length, ...tally }
  if (runsCreated + runsExpanded + tally.sent + tally.failed + tally.retried + finished.length > 0) {
    log.info('broadcast.tick', { ...report })
  }
  return report
}

/**
 * A single pass where nothing follows it (the Workers scheduled handler, a "send now" without
 * Node's loop): a failed tick (database down, say) is logged and left to the next one; leases and
 * retry keys make the next tick pick up exactly where it was. Node's loop (loop.ts) calls tick
 * itself: it tries again within seconds and says its failures once.
 */
export async function safeTick(deps: TickDeps, now: Date): Promise<TickReport | null> {
  try {
    return await tick(deps, now)
  } catch (err) {
    ;(deps.log ?? silentLogger).error('broadcast.tick_failed', {
      error: err instanceof Error ? err.name : 'unknown',
    })
    return null
  }
}
