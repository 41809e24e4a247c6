import type { Kysely } from 'kysely'
import { fromUtf8 } from '../core/bytes.js'
import type { Clock } from '../core/clock.js'
import type { Keyring } from '../core/keyring.js'
import { errorFields, type Logger } from '../core/logger.js'
import { localDay } from '../core/time/index.js'
import type { Database, InboxRow } from '../db/schema.js'
import type { LineResolver } from '../line/port.js'
import {
  type Completion,
  claimAnswers,
  finishAnswer,
  nextAnswerDue,
  sweepFinishedAnswers,
} from './answers-repository.js'
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
  /** Starts draining unless a drain is running; a running drain claims again. Open answers are looked at too. */
  kick(): void
  /** Drains until nothing is due, open answers included; resolves with the number of events handled. */
  drain(): Promise<number>
  /**
   * The webhook stored new events: drains them like `drain()`, but looks at open answers only
   * when this process left one open, or when it has not looked for a while (ANSWERS_LOOK_MS).
   */
  arrived(): Promise<number>
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

/**
 * How long a drain the webhook started goes without looking at open answers it did not leave:
 * half an answer's lease, so a call another instance left under way (it died) has its wake-up set
 * before that lease ends, while the reply token can still tell whether it went out.
 */
export const ANSWERS_LOOK_MS = ANSWER_LEASE_MS / 2

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
  let stopped = false
  let cancelWake: (() => void) | null = null

  // Each claim costs a round trip, so the loop claims only when something may be due that its last
  // claim could not see or take:
  // - `kicked`: a kick came after the last claim of events was sent. Its events were committed
  //   before the kick, but perhaps after that claim's snapshot. A kick while events are in flight
  //   is claimed at once, not after them (a reply LINE answers slowly holds its own chat only).
  // - `claimAgain`: the last claim took every free slot; or an event finished whose chat has
  //   another event waiting (its completion says so); or one failed (a parked event frees its
  //   chat); or a kick came while an event's completion was being written (the kick's event may
  //   be newer than that write's snapshot, and its claim may have found the chat still busy).
  let kicked = false
  let claimAgain = false
  let kicks = 0
  // Open answers: `answersDue` looks at them at the next claim; `answersOpen` says this process
  // may have left one open (or a full look was asked), so the loop looks once more before it
  // ends and sets the wake-up (`wakeDue`). A drain that left none costs no look at all.
  let answersDue = false
  let answersOpen = false
  let wakeDue = false
  // Nothing finished since the last look: another would find what that one found.
  let lookedSinceFinish = false
  let lastAnswersLook: number | null = null
  let wakeLoop: () => void = () => {}

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
    let completion: Completion | null = null
    try {
      const handled = await handle(row)
      if (!handled) return false
      const kicksBefore = kicks
      // If this write fails the row waits out its lease and is handled again; its answers are
      // recorded, so that second pass finds them instead of answering twice.
      completion = await completer.complete(handled)
      if (kicks !== kicksBefore) claimAgain = true
      return true
    } finally {
      // Without a completion (retried, parked, a failed write) nothing is known: look at both.
      if (completion?.waiting ?? true) claimAgain = true
      if (completion?.openAnswers ?? true) answersOpen = true
    }
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
        .finally(() => {
          inFlight.delete(p)
          lookedSinceFinish = false
        })
      inFlight.add(p)
    }
    try {
      for (;;) {
        // Claim when at least half the slots are free: a slow event holds its own chat only,
        // and claims still come in batches.
        const room = !stopped && inFlight.size <= batchSize / 2
        const lines = opts.lines
        if (room && (kicked || claimAgain || (lines && answersDue))) {
          await deferWhileBusy()
          let free = batchSize - inFlight.size
          const now = clock.now()
          if ((kicked || claimAgain) && !stopped) {
            kicked = false
            claimAgain = false
            const rows = await claimDue(db, now, new Date(now.getTime() + leaseMs), free)
            if (rows.length === free) claimAgain = true
            free -= rows.length
            for (const row of rows) {
              track(
                runEvent(row).then((ok) => {
                  if (ok) total++
                }),
                'inbox.event_failed',
              )
            }
          }
          if (lines && answersDue && free > 0) {
            answersDue = false
            wakeDue = true
            lookedSinceFinish = true
            const answers = await claimAnswers(db, now, new Date(now.getTime() + ANSWER_LEASE_MS), free)
            for (const a of answers) {
              track(
                // Its chat's next answer may be free now.
                runAnswer(a, lines).finally(() => {
                  answersDue = true
                }),
                'answer.retry_failed',
              )
            }
          }
          continue
        }
        if (inFlight.size > 0) {
          await Promise.race([
            ...inFlight,
            new Promise<void>((resolve) => {
              wakeLoop = resolve
            }),
          ])
          continue
        }
        // Nothing under way and nothing to claim.
        if (stopped) break
        if (lines && answersOpen) {
          // Once more: an answer queued behind one that has finished since can go now.
          answersOpen = false
          if (lookedSinceFinish) wakeDue = true
          else answersDue = true
          continue
        }
        if (wakeDue) {
          wakeDue = false
          await scheduleWake().catch((err) => log.warn('answer.wake_failed', errorFields(err)))
          continue
        }
        break
      }
    } finally {
      await Promise.allSettled([...inFlight])
      for (const [event, f] of failures) {
        if (f.count > 1) log.error(`${event}.repeated`, { times: f.count, error: f.fields.error })
      }
      failures.clear()
    }
    return total
  }

  /** Sets a wake-up for the next open answer, if any. */
  const scheduleWake = async () => {
    if (!opts.lines || stopped) return
    const due = await nextAnswerDue(db)
    lastAnswersLook = clock.now().getTime()
    cancelWake?.()
    cancelWake = null
    if (!due) return
    const ms = Math.max(MIN_WAKE_MS, due.getTime() - clock.now().getTime())
    cancelWake = wake(ms, () => {
      cancelWake = null
      worker.kick()
    })
  }

  const start = (): Promise<number> => {
    const run = loop().finally(() => {
      running = null
      // A kick that came after the loop's last look at it, as it was ending, is not lost.
      if (kicked && !stopped) start().catch((err) => log.error('inbox.drain_failed', errorFields(err)))
    })
    running = run
    return run
  }

  /**
   * A kick. `answers`: 'now' looks at open answers with the first claim, and again before the
   * drain ends if anything finished since (the tick, a wake-up, a caller of drain()); 'at end'
   * only before it ends; 'unless left open' only if this drain leaves an answer open.
   */
  const request = (answers: 'now' | 'at end' | 'unless left open'): Promise<number> => {
    if (stopped) return Promise.resolve(0)
    kicks++
    kicked = true
    if (answers === 'now') answersDue = true
    if (answers !== 'unless left open') answersOpen = true
    if (running) {
      wakeLoop()
      return running
    }
    return start()
  }

  const lookedLongAgo = () =>
    lastAnswersLook === null || clock.now().getTime() - lastAnswersLook >= ANSWERS_LOOK_MS

  const worker: InboxWorker = {
    kick() {
      request('now').catch((err) => log.error('inbox.drain_failed', errorFields(err)))
    },
    drain: () => request('now'),
    arrived: () => request(lookedLongAgo() ? 'at end' : 'unless left open'),
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
