import type { Kysely } from 'kysely'
import { fromUtf8 } from '../core/bytes.js'
import type { Clock } from '../core/clock.js'
import type { Keyring } from '../core/keyring.js'
import { errorFields, type Logger } from '../core/logger.js'
import type { Database, InboxRow } from '../db/schema.js'
import type { Dispatch } from './dispatcher.js'
import {
  claimDue,
  completeEvents,
  deleteEvents,
  parkEvent,
  purgeFinished,
  scheduleRetry,
} from './inbox.repository.js'

export interface InboxWorkerOptions {
  db: Kysely<Database>
  keyring: Keyring
  dispatch: Dispatch
  clock: Clock
  log: Logger
  batchSize?: number
  leaseMs?: number
  maxAttempts?: number
  /**
   * True while webhook requests are being acknowledged. Handling then waits (up to
   * `maxDeferMs` per batch, so it never starves): LINE's 2-second acknowledgment comes first,
   * and a burst is absorbed by the inbox and handled right after.
   */
  busy?: () => boolean
  maxDeferMs?: number
  /** How long finished rows stay to recognise redeliveries. Default 7 days. */
  retentionMs?: number
}

export interface InboxWorker {
  /** Starts draining unless a drain is running; a running drain loops once more. */
  kick(): void
  /** Drains until nothing is due; resolves with the number of events handled. */
  drain(): Promise<number>
  /** Waits for in-flight work and refuses new kicks (graceful shutdown). */
  stop(): Promise<void>
  /** Deletes finished rows older than the retention (default 7 days); run from the minute tick. */
  purge(): Promise<number>
}

/** Whether LINE says the event happened in a person's 1:1 chat with the account. */
function isOneToOne(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || !('source' in raw)) return false
  const source = raw.source
  return typeof source === 'object' && source !== null && 'type' in source && source.type === 'user'
}

/** Backoff for failed handlers: 2 s, 4 s, 8 s … capped at 5 minutes. */
export function retryDelayMs(attempt: number): number {
  return Math.min(2 ** attempt * 1000, 5 * 60_000)
}

export function createInboxWorker(opts: InboxWorkerOptions): InboxWorker {
  const { db, keyring, dispatch, clock, log } = opts
  const batchSize = opts.batchSize ?? 32
  const leaseMs = opts.leaseMs ?? 60_000
  const maxAttempts = opts.maxAttempts ?? 6
  const busy = opts.busy ?? (() => false)
  const maxDeferMs = opts.maxDeferMs ?? 1000
  let running: Promise<number> | null = null
  let again = false
  let stopped = false

  type Done = { id: string; outcome: string; oneToOne: boolean }
  const handle = async (row: InboxRow): Promise<Done | null> => {
    try {
      if (!row.payload || !row.key_id) return { id: row.event_id, outcome: 'no payload', oneToOne: false }
      const raw: unknown = JSON.parse(fromUtf8(await keyring.open(row.key_id, row.payload)))
      return { id: row.event_id, outcome: await dispatch(row.org_id, raw), oneToOne: isOneToOne(raw) }
    } catch (err) {
      const reason = `${errorFields(err).error}: ${String(errorFields(err).reason ?? '')}`.slice(0, 300)
      const now = clock.now()
      if (row.attempts >= maxAttempts) {
        await parkEvent(db, row.event_id, reason, now)
        log.error('inbox.parked', { eventType: row.event_type, attempts: row.attempts, ...errorFields(err) })
      } else {
        await scheduleRetry(db, row.event_id, reason, new Date(now.getTime() + retryDelayMs(row.attempts)))
        log.warn('inbox.retry', { eventType: row.event_type, attempts: row.attempts, ...errorFields(err) })
      }
      return null
    }
  }

  const loop = async (): Promise<number> => {
    let total = 0
    do {
      again = false
      for (;;) {
        for (let waited = 0; busy() && waited < maxDeferMs && !stopped; waited += 5) {
          await new Promise((r) => setTimeout(r, 5))
        }
        const now = clock.now()
        const rows = await claimDue(db, now, new Date(now.getTime() + leaseMs), batchSize)
        if (rows.length === 0) break
        // One row per chat per claim, so running them together keeps each chat in order.
        const done = (await Promise.all(rows.map(handle))).filter((d) => d !== null)
        // A 1:1 chat's handled events leave no row at all: what a person did in their own chat
        // (a complaint's intake above all) must not stay as outcomes and times (README).
        await deleteEvents(
          db,
          done.filter((d) => d.oneToOne).map((d) => d.id),
        )
        const byOutcome = new Map<string, string[]>()
        for (const d of done.filter((x) => !x.oneToOne))
          byOutcome.set(d.outcome, [...(byOutcome.get(d.outcome) ?? []), d.id])
        for (const [outcome, ids] of byOutcome) await completeEvents(db, ids, outcome, clock.now())
        total += done.length
      }
    } while (again && !stopped)
    return total
  }

  const drain = (): Promise<number> => {
    if (stopped) return Promise.resolve(0)
    if (running) {
      again = true
      return running
    }
    running = loop().finally(() => {
      running = null
    })
    return running
  }

  return {
    kick() {
      if (stopped) return
      drain().catch((err) => log.error('inbox.drain_failed', errorFields(err)))
    },
    drain,
    purge() {
      const retentionMs = opts.retentionMs ?? 7 * 24 * 3600_000
      return purgeFinished(db, new Date(clock.now().getTime() - retentionMs))
    },
    async stop() {
      stopped = true
      while (running) await running.catch(() => 0)
    },
  }
}
