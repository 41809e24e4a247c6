import type { Kysely } from 'kysely'
import type { Keyring } from '../core/keyring.js'
import type { Logger } from '../core/logger.js'
import type { Database } from '../db/schema.js'
import { engagementChatKey } from '../engagement/events.js'
import type { DeliveryOutcome } from './deliveries.js'
import { failed, type OutcomeContext, released, toOutcome } from './outcome.js'
import { pauseRun, setRunReason } from './repository.js'
import type { SendCache } from './send-cache.js'
import type { Claims } from './send-claims.js'
import { createPush } from './send-push.js'
import { ALL_FOLLOWERS, type DeliveryRow, type RunRow } from './tables.js'

const QUOTA_STOP = 'not sent: monthly quota exhausted'

/**
 * An organization without a channel looks again after this: a channel set up later is used
 * within a minute, and its rows are not claimed and handed back every second meanwhile.
 */
const NO_CHANNEL_RETRY_MS = 60_000

export interface DeliveryDeps {
  db: Kysely<Database>
  keyring: Keyring
  log: Logger
  at(): Date
  cache: SendCache
  claims: Pick<Claims, 'claimRun'>
}

export interface DeliveryOptions {
  maxAttempts: number
  retryBaseMs: number
  rateBackoffMs: number
}

/** The outcome of one claimed delivery; null when its run is gone and there is nothing to record. */
export type HandleDelivery = (d: DeliveryRow) => Promise<DeliveryOutcome | null>

export function createHandler(deps: DeliveryDeps, o: DeliveryOptions): HandleDelivery {
  const push = createPush((orgId) => deps.cache.pace(orgId), deps.log)
  /** Runs LINE rate-limited in this pass: the rest of their rows go back untried. */
  const paused = new Set<string>()
  /** Runs whose monthly quota ran out in this pass: the rest of their rows fail unsent. */
  const outOfQuota = new Set<string>()

  // Each once per run and pass, however many of the run's pushes in flight come back so.
  const pause = async (run: RunRow) => {
    if (paused.has(run.id)) return
    paused.add(run.id)
    await pauseRun(deps.db, run.id, new Date(deps.at().getTime() + o.rateBackoffMs))
    deps.log.warn('broadcast.rate_limited', { run: run.id })
  }
  const stopForQuota = async (run: RunRow) => {
    if (outOfQuota.has(run.id)) return
    outOfQuota.add(run.id)
    await setRunReason(deps.db, run.id, 'monthly quota exhausted')
    deps.log.warn('broadcast.quota_exhausted', { run: run.id })
    // The rest of this run is claimed here and failed as not sent (retryable next month).
    await deps.claims.claimRun(run.id)
  }

  return async (d) => {
    const run = await deps.cache.run(d.run_id)
    if (!run) return null
    const port = await deps.cache.port(run.org_id)
    const chatKey = d.recipient === ALL_FOLLOWERS ? null : await engagementChatKey(deps.keyring, d.recipient)
    // Built when needed: an outcome is dated when it is known, after its send.
    const ctx = (): OutcomeContext => ({
      delivery: d,
      run,
      chatKey,
      now: deps.at(),
      maxAttempts: o.maxAttempts,
      retryBaseMs: o.retryBaseMs,
    })
    if (outOfQuota.has(run.id)) return failed(ctx(), null, QUOTA_STOP, 'quota_exhausted')
    if (paused.has(run.id)) return released(ctx(), deps.at(), 'run paused by a rate limit')
    if (!port) {
      return released(
        ctx(),
        new Date(deps.at().getTime() + NO_CHANNEL_RETRY_MS),
        'organization has no LINE channel',
      )
    }
    const result = await push(port, d, run)
    if (result.kind === 'rate_limited') await pause(run)
    if (result.kind === 'quota_exhausted') await stopForQuota(run)
    return toOutcome(ctx(), result)
  }
}
