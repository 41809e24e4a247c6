import type { Kysely } from 'kysely'
import type { Clock } from '../core/clock.js'
import type { Keyring } from '../core/keyring.js'
import type { Logger } from '../core/logger.js'
import type { Database } from '../db/schema.js'
import type { LinePort } from '../line/port.js'
import { createSendCache } from './send-cache.js'
import { createClaims } from './send-claims.js'
import { createHandler } from './send-delivery.js'
import { createOutcomes, type SendTally } from './send-outcomes.js'

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

/**
 * Claims due deliveries in batches and pushes each with its stored retry key, `concurrency` at a
 * time; all state is local to the pass. Each claim is held, and its lease renewed, until its
 * outcome is written: the pieces are send-claims.ts (what is held), send-delivery.ts (what
 * becomes of one row), send-outcomes.ts (writing it) and send-cache.ts (lookups).
 */
export async function sendDue(deps: SendDeps, now: Date, o: SendOptions): Promise<SendTally> {
  const { db, clock } = deps
  const at = () => new Date(Math.max(now.getTime(), clock.now().getTime()))
  const stopping = deps.stopping ?? (() => false)
  const claims = createClaims({ db, at, stopping }, o)
  const outcomes = createOutcomes(db, o.flushSize, (out) => claims.release(out))
  const cache = createSendCache(deps, o.maxPerSecond)
  const handle = createHandler({ db, keyring: deps.keyring, log: deps.log, at, cache, claims }, o)

  /**
   * The first failure of any worker: the others stop at their next row, and the pass fails once
   * they all have, so no worker goes on sending, unrenewed, after the pass is over (and the loop
   * has started the next one).
   */
  const pass: { failure: { error: unknown } | null } = { failure: null }
  const worker = async () => {
    try {
      while (!pass.failure) {
        const d = await claims.next()
        if (!d) return
        // Asked per row: an instance told to stop mid-pass hands back what it has not sent yet.
        if (stopping()) {
          await outcomes.handBack(d, at())
          continue
        }
        const out = await handle(d)
        if (out) await outcomes.record(out)
        else claims.release({ runId: d.run_id, recipient: d.recipient, claimed: d.attempts })
      }
    } catch (error) {
      pass.failure ??= { error }
    }
  }
  const stopRenewing = claims.renewEvery(o.renewMs ?? Math.floor(o.leaseMs / 3), deps.log)
  try {
    await Promise.all(Array.from({ length: o.concurrency }, worker))
    const failed = pass.failure
    if (failed) {
      // What was sent is written if the database takes it (fewer re-sends once the leases end);
      // the pass's own failure is what it reports.
      await outcomes.flush().catch(() => {})
      throw failed.error
    }
    await outcomes.flush()
  } finally {
    await stopRenewing()
  }
  return outcomes.tally
}
