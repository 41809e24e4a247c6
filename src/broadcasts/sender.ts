import type { Kysely } from 'kysely'
import type { Clock } from '../core/clock.js'
import type { Keyring } from '../core/keyring.js'
import type { Logger } from '../core/logger.js'
import type { Database } from '../db/schema.js'
import { engagementChatKey } from '../engagement/events.js'
import type { LinePort, SendResult } from '../line/port.js'
import type { DeliveryOutcome } from './deliveries.js'
import { failed, type OutcomeContext, released, toOutcome } from './outcome.js'
import { pauseRun, setRunReason } from './repository.js'
import { createSendCache } from './send-cache.js'
import { createClaims } from './send-claims.js'
import { createOutcomes, type SendTally } from './send-outcomes.js'
import { ALL_FOLLOWERS, type DeliveryRow, type RunRow } from './tables.js'
import { aggregationUnitFor } from './units.js'

export interface SendOptions {
  /**
   * A claim's lease: short, so a dead sender's rows are taken over soon; a live sender renews
   * the leases of what it holds every `renewMs` (default a third of the lease), however long
   * LINE takes to answer.
   */
  leaseMs: number
  renewMs?: number
  batchSize: number
  /** Requests to LINE in flight at once. */
  concurrency: number
  /**
   * Pushes per second per organization (LINE's limit is 2,000 per channel), shared by every
   * instance through the database (pace.ts); null = unpaced.
   */
  maxPerSecond: number | null
  maxAttempts: number
  retryBaseMs: number
  rateBackoffMs: number
  /** Stop claiming new work after this long (a Workers scheduled handler has a time limit). */
  budgetMs: number
  flushSize: number
}

export interface SendDeps {
  db: Kysely<Database>
  lineFor(orgId: string): Promise<LinePort | null>
  keyring: Keyring
  clock: Clock
  log: Logger
  sleep(ms: number): Promise<void>
  /** True once the instance is shutting down: claim nothing more, hand back what is unsent. */
  stopping?: () => boolean
}

export type { SendTally }

const QUOTA_STOP = 'not sent: monthly quota exhausted'
const UNIT_REFUSED = /customAggregationUnit/i

/**
 * An organization without a channel looks again after this: a channel set up later is used
 * within a minute, and its rows are not claimed and handed back every second meanwhile.
 */
const NO_CHANNEL_RETRY_MS = 60_000

/** Claims due deliveries in batches and pushes each with its stored retry key; all state is local. */
export async function sendDue(deps: SendDeps, now: Date, o: SendOptions): Promise<SendTally> {
  const { db, clock } = deps
  const at = () => new Date(Math.max(now.getTime(), clock.now().getTime()))
  const paused = new Set<string>()
  const stopped = new Set<string>()
  /** Organizations whose pushes LINE refused over the aggregation unit, in this pass. */
  const untagged = new Set<string>()
  const stopping = deps.stopping ?? (() => false)
  const claims = createClaims({ db, at, stopping }, o)
  const cache = createSendCache(deps, o.maxPerSecond)
  const outcomes = createOutcomes(db, o.flushSize, (out) => claims.release(out))

  const send = async (port: LinePort, d: DeliveryRow, run: RunRow): Promise<SendResult> => {
    await cache.pace(run.org_id)
    const opts = { retryKey: d.retry_key }
    try {
      // LINE's broadcast takes no aggregation unit; its figures come by request id instead.
      if (d.recipient_type === 'all_followers') return await port.broadcast(run.messages, opts)
      if (untagged.has(run.org_id)) return await port.push(d.recipient, run.messages, opts)
      const units = [aggregationUnitFor(run.broadcast_id)]
      const r = await port.push(d.recipient, run.messages, { ...opts, customAggregationUnits: units })
      // LINE's spec reserves units for "corporate users who have submitted the required
      // applications": if this account is refused over the unit, the message still goes, untagged
      // (a 400 was not accepted, so the same retry key is fine).
      if (r.kind !== 'rejected' || r.status !== 400 || !UNIT_REFUSED.test(r.detail)) return r
      untagged.add(run.org_id)
      deps.log.warn('broadcast.units_refused', { run: run.id })
      await cache.pace(run.org_id)
      return await port.push(d.recipient, run.messages, opts)
    } catch (err) {
      // Only the adapter's limit checks throw; their messages name positions, never content.
      return {
        kind: 'rejected',
        status: 400,
        detail: err instanceof Error ? err.message.slice(0, 300) : 'error',
      }
    }
  }

  const handle = async (d: DeliveryRow): Promise<DeliveryOutcome | null> => {
    const run = await cache.run(d.run_id)
    if (!run) return null
    const port = await cache.port(run.org_id)
    const chatKey = d.recipient === ALL_FOLLOWERS ? null : await engagementChatKey(deps.keyring, d.recipient)
    const ctx = (): OutcomeContext => ({
      delivery: d,
      run,
      chatKey,
      now: at(),
      maxAttempts: o.maxAttempts,
      retryBaseMs: o.retryBaseMs,
    })
    if (stopped.has(run.id)) return failed(ctx(), null, QUOTA_STOP, 'quota_exhausted')
    if (paused.has(run.id)) return released(ctx(), at(), 'run paused by a rate limit')
    if (!port)
      return released(
        ctx(),
        new Date(at().getTime() + NO_CHANNEL_RETRY_MS),
        'organization has no LINE channel',
      )
    const result = await send(port, d, run)
    if (result.kind === 'rate_limited' && !paused.has(run.id)) {
      paused.add(run.id)
      await pauseRun(db, run.id, new Date(at().getTime() + o.rateBackoffMs))
      deps.log.warn('broadcast.rate_limited', { run: run.id })
    }
    if (result.kind === 'quota_exhausted' && !stopped.has(run.id)) {
      stopped.add(run.id)
      await setRunReason(db, run.id, 'monthly quota exhausted')
      deps.log.warn('broadcast.quota_exhausted', { run: run.id })
      // The rest of this run is claimed here and failed as not sent (retryable next month).
      await claims.claimRun(run.id)
    }
    return toOutcome(ctx(), result)
  }

  const worker = async () => {
    for (let d = await claims.next(); d; d = await claims.next()) {
      if (stopping()) {
        await outcomes.handBack(d, at())
        continue
      }
      const out = await handle(d)
      if (out) await outcomes.record(out)
      else claims.release({ runId: d.run_id, recipient: d.recipient })
    }
  }
  const stopRenewing = claims.renewEvery(o.renewMs ?? Math.floor(o.leaseMs / 3), deps.log)
  try {
    await Promise.all(Array.from({ length: o.concurrency }, worker))
    await outcomes.flush()
  } finally {
    await stopRenewing()
  }
  return outcomes.tally
}
