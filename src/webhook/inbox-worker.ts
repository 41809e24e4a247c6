import type { Kysely } from 'kysely'
import { fromUtf8 } from '../core/bytes.js'
import type { Clock } from '../core/clock.js'
import type { Keyring } from '../core/keyring.js'
import { errorFields, type Logger } from '../core/logger.js'
import { localDay } from '../core/time/index.js'
import type { Database, InboxRow } from '../db/schema.js'
import type { LineResolver } from '../line/port.js'
import { claimAnswers, finishAnswer, nextAnswerDue, sweepFinishedAnswers } from './answers-repository.js'
import { attemptAnswer, openAnswer } from './answers-sender.js'
import type { AnswerRow } from './answers-tables.js'
import type { Dispatch } from './dispatcher.js'
import { createCompleter, type Handled } from './inbox-completion.js'
import { claimDue, parkEvent, purgeFinished, scheduleRetry } from './inbox-repository.js'
import { ANSWER_LEASE_MS } from './responder.js'
import { forgetSeenBefore } from './seen-repository.js'

export interface InboxWorkerOptions {
  db: Kysely<Database>
  keyring: Keyring
  dispatch: Dispatch
  clock: Clock
  log: Logger
  /** The channels answers are retried through; without it, answers left open wait for a worker that has it. */
  lines?: LineResolver
  /** Events (and retried answers) handled at once. */
  batchSize?: number
  leaseMs?: number
  maxAttempts?: number
  /**
   * True while webhook requests are being acknowledged. Handling then waits (up to
   * `maxDeferMs` per claim, so it never starves): LINE's 2-second acknowledgment comes first,
   * and a burst is absorbed by the inbox and handled right after.
   */
  busy?: () => boolean
  maxDeferMs?: number
  /** How long finished rows stay to recognise redeliveries. Default 7 days. */
  retentionMs?: number
  /** The agency's time zone (config.timeZone): a handled 1:1 event's trace is kept for its local day only. */
  timeZone: string
  /**
   * Calls `kick` after `ms`, for the next answer retry; returns a cancel. Default a timer that
   * does not hold the process open (the minute tick is the backstop where timers do not run).
   */
  wake?: (ms: number, kick: () => void) => () => void
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

const timerWake = (ms: number, kick: () => void) => {
  const t = setTimeout(kick, ms)
  ;(t as { unref?: () => void }).unref?.()
  return () => clearTimeout(t)
}

/** Never sooner: a due answer that cannot be claimed yet (its chat waits) must not spin. */
const MIN_WAKE_MS = 1000

export function createInboxWorker(opts: InboxWorkerOptions): InboxWorker {
  const { db, keyring, dispatch, clock, log } = opts
  const batchSize = opts.batchSize ?? 32
  const leaseMs = opts.leaseMs ?? 60_000
  const maxAttempts = opts.maxAttempts ?? 6
  const busy = opts.busy ?? (() => false)
  const maxDeferMs = opts.maxDeferMs ?? 1000
  const wake = opts.wake ?? timerWake
  const { timeZone } = opts
  const completer = createCompleter(db, clock, keyring, timeZone)
  let running: Promise<number> | null = null
  let again = false
  // A webhook's kick while events are in flight: the loop claims the new event at once instead
  // of waiting for one of them (a reply LINE answers slowly holds its own chat only).
  let poked = false
  let wakeLoop: () => void = () => {}
  const pokedOrDone = (inFlight: Set<Promise<void>>) =>
    poked
      ? Promise.resolve()
      : Promise.race([
          ...inFlight,
          new Promise<void>((resolve) => {
            wakeLoop = resolve
          }),
        ])
  let stopped = false
  let cancelWake: (() => void) | null = null

  // One line per kind of failure and drain, with how often it happened: a database outage
  // fails every event of the batch the same way.
  const failures = new Map<string, { count: number; fields: Record<string, string | number | null> }>()
  const failed = (event: string, err: unknown) => {
    const f = failures.get(event)
    if (f) f.count++
    else {
      const fields = errorFields(err)
      log.error(event, fields)
      failures.set(event, { count: 1, fields: { error: String(fields.error ?? ''), reason: null } })
    }
  }

  const handle = async (row: InboxRow): Promise<Handled | null> => {
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

  /** Handles one event and completes it; true when it was handled. */
  const runEvent = async (row: InboxRow): Promise<boolean> => {
    const handled = await handle(row)
    if (!handled) return false
    // If this write fails the row waits out its lease and is handled again; its answers are
    // recorded, so that second pass finds them instead of answering twice.
    await completer.complete(handled)
    return true
  }

  /** One more attempt at an answer that could not go out yet (or whose call's outcome is unknown). */
  const runAnswer = async (row: AnswerRow, lines: LineResolver) => {
    const line = await lines(row.org_id)
    const sealed = await openAnswer(keyring, row)
    if (!line || !sealed) {
      log.warn('answer.dropped', { seq: row.seq, reason: line ? 'no payload' : 'no LINE channel' })
      return finishAnswer(db, row.event_id, row.seq)
    }
    await attemptAnswer({ db, line, log, clock }, row, sealed, 'retry')
  }

  const deferWhileBusy = async () => {
    for (let waited = 0; busy() && waited < maxDeferMs && !stopped; waited += 5) {
      await new Promise((r) => setTimeout(r, 5))
    }
  }

  const loop = async (): Promise<number> => {
    let total = 0
    const inFlight = new Set<Promise<void>>()
    const track = (work: Promise<unknown>, event: string) => {
      const p: Promise<void> = work
        .then(
          () => {},
          (err) => failed(event, err),
        )
        .finally(() => inFlight.delete(p))
      inFlight.add(p)
    }
    try {
      do {
        again = false
        // Open answers are looked at when the drain starts, after an answer finished (its chat's
        // next one may be free) and once more before the drain ends.
        let answersDue = opts.lines !== undefined
        let lastLook = false
        for (;;) {
          // Claim when at least half the slots are free: a slow event holds its own chat only,
          // and claims still come in batches.
          let claimed = 0
          poked = false
          if (!stopped && inFlight.size <= batchSize / 2) {
            await deferWhileBusy()
            const free = batchSize - inFlight.size
            const now = clock.now()
            const rows = await claimDue(db, now, new Date(now.getTime() + leaseMs), free)
            claimed = rows.length
            for (const row of rows) {
              track(
                runEvent(row).then((ok) => {
                  if (ok) total++
                }),
                'inbox.event_failed',
              )
            }
            if (opts.lines && answersDue && claimed < free) {
              answersDue = false
              const lines = opts.lines
              const answers = await claimAnswers(
                db,
                now,
                new Date(now.getTime() + ANSWER_LEASE_MS),
                free - claimed,
              )
              claimed += answers.length
              for (const a of answers) {
                track(
                  runAnswer(a, lines).finally(() => {
                    answersDue = true
                  }),
                  'answer.retry_failed',
                )
              }
            }
          }
          if (inFlight.size > batchSize / 2) {
            await Promise.race(inFlight)
            continue
          }
          if (inFlight.size > 0 && claimed === 0) {
            await pokedOrDone(inFlight)
            continue
          }
          if (inFlight.size > 0 || claimed > 0) continue
          if (lastLook || !opts.lines || stopped) break
          lastLook = true
          answersDue = true
        }
      } while (again && !stopped)
    } finally {
      await Promise.allSettled([...inFlight])
      for (const [event, f] of failures) {
        if (f.count > 1) log.error(`${event}.repeated`, { times: f.count, error: f.fields.error })
      }
      failures.clear()
    }
    await scheduleWake().catch((err) => log.warn('answer.wake_failed', errorFields(err)))
    return total
  }

  /** Sets a wake-up for the next open answer, if any. */
  const scheduleWake = async () => {
    if (!opts.lines || stopped) return
    const due = await nextAnswerDue(db)
    cancelWake?.()
    cancelWake = null
    if (!due) return
    const ms = Math.max(MIN_WAKE_MS, due.getTime() - clock.now().getTime())
    cancelWake = wake(ms, () => {
      cancelWake = null
      worker.kick()
    })
  }

  const drain = (): Promise<number> => {
    if (stopped) return Promise.resolve(0)
    if (running) {
      again = true
      poked = true
      wakeLoop()
      return running
    }
    running = loop().finally(() => {
      running = null
    })
    return running
  }

  const worker: InboxWorker = {
    kick() {
      if (stopped) return
      drain().catch((err) => log.error('inbox.drain_failed', errorFields(err)))
    },
    drain,
    async purge() {
      const retentionMs = opts.retentionMs ?? 7 * 24 * 3600_000
      await sweepFinishedAnswers(db)
      await forgetSeenBefore(db, localDay(clock.now(), timeZone))
      return purgeFinished(db, new Date(clock.now().getTime() - retentionMs))
    },
    async stop() {
      stopped = true
      cancelWake?.()
      cancelWake = null
      while (running) await running.catch(() => 0)
    },
  }
  return worker
}
