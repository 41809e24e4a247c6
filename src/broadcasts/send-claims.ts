import type { Kysely } from 'kysely'
import { errorFields, type Logger } from '../core/logger.js'
import type { Database } from '../db/schema.js'
import { claimDeliveries, type HeldClaim, renewLeases } from './deliveries.js'
import type { DeliveryRow } from './tables.js'

export interface ClaimsOptions {
  leaseMs: number
  batchSize: number
  /** The workers: a batch is claimed ahead while fewer rows than this wait. */
  concurrency: number
  budgetMs: number
}

export interface ClaimsDeps {
  db: Kysely<Database>
  at(): Date
  stopping(): boolean
}

/**
 * What one pass holds: every row it claimed, from the claim until its outcome is written
 * (queued, being sent, or waiting in the outcome buffer), with the attempts value the claim
 * returned. That value is the fencing token: the lease renewal and the outcome's write only
 * touch a row still at it, so a row another instance has taken over is left to that instance.
 */
export interface Claims {
  /** The next row to send; null once nothing more is to be claimed and none is left. */
  next(): Promise<DeliveryRow | null>
  /** Claims all that is claimable of a run, whatever the batch size (its quota ran out). */
  claimRun(runId: string): Promise<void>
  /**
   * No longer held: its outcome is written, or it has none to write. Only that attempt: when the
   * row's lease ran out and this pass claimed it again, the newer claim stays held (renewed).
   */
  release(claim: HeldClaim): void
  /** Renews the leases held every `ms`, until the function it returns is called. */
  renewEvery(ms: number, log: Logger): () => Promise<void>
}

const keyOf = (runId: string, recipient: string) => `${runId}\n${recipient}`

export function createClaims(deps: ClaimsDeps, o: ClaimsOptions): Claims {
  const deadline = performance.now() + o.budgetMs
  const queue: DeliveryRow[] = []
  const held = new Map<string, HeldClaim>()
  let drained = false
  let claiming: Promise<void> | null = null
  /**
   * A failed claim ends the pass, in every worker at its next row. Kept here rather than left in
   * the claim's promise: a claim made ahead has no worker waiting on it, and its rejection would go
   * unhandled, which ends a Node process.
   */
  let failure: { error: unknown } | null = null

  const claim = async (limit: number, runId?: string) => {
    const t = deps.at()
    const rows = await claimDeliveries(deps.db, {
      now: t,
      leaseUntil: new Date(t.getTime() + o.leaseMs),
      limit,
      runId,
    })
    for (const d of rows)
      held.set(keyOf(d.run_id, d.recipient), { runId: d.run_id, recipient: d.recipient, claimed: d.attempts })
    queue.push(...rows)
    return rows.length
  }
  const claimBatch = async () => {
    // Past the deadline or stopping, what is queued is still sent (or handed back): only
    // claiming ends.
    if (performance.now() > deadline || deps.stopping()) {
      drained = true
      return
    }
    if ((await claim(o.batchSize)) === 0) drained = true
  }

  return {
    async next() {
      for (;;) {
        if (failure) throw failure.error
        // One claim at a time for all the workers, started while the queue still feeds them.
        if (queue.length <= o.concurrency && !drained) {
          claiming ??= claimBatch()
            .catch((error: unknown) => {
              failure = { error }
            })
            .finally(() => {
              claiming = null
            })
          if (queue.length === 0) await claiming
        }
        const d = queue.shift()
        if (d) return d
        if (drained) return null
      }
    },
    async claimRun(runId) {
      await claim(1e9, runId)
    },
    release(c) {
      const key = keyOf(c.runId, c.recipient)
      if (held.get(key)?.claimed === c.claimed) held.delete(key)
    },
    renewEvery(ms, log) {
      let failed = false
      return every(ms, async () => {
        if (held.size === 0) return
        try {
          await renewLeases(deps.db, [...held.values()], new Date(deps.at().getTime() + o.leaseMs))
        } catch (err) {
          // Said once per pass: the sends go on, and a lease that runs out only means another
          // instance re-sends with the same retry key (LINE answers 409, recorded as sent).
          if (!failed) log.warn('broadcast.lease_renew_failed', errorFields(err))
          failed = true
        }
      })
    },
  }
}

/** Runs `fn` every `ms` until stopped; stopping waits for a run in progress. */
function every(ms: number, fn: () => Promise<void>): () => Promise<void> {
  let stopped = false
  let running: Promise<void> = Promise.resolve()
  let timer: ReturnType<typeof setTimeout> | undefined
  const schedule = () => {
    timer = setTimeout(() => {
      running = fn().finally(() => {
        if (!stopped) schedule()
      })
    }, ms)
  }
  schedule()
  return async () => {
    stopped = true
    clearTimeout(timer)
    await running
  }
}
