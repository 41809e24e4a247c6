import type { Kysely } from 'kysely'
import { fromUtf8, utf8 } from '../core/bytes.js'
import type { Clock } from '../core/clock.js'
import { uuidFromName } from '../core/ids.js'
import type { Keyring } from '../core/keyring.js'
import type { Logger } from '../core/logger.js'
import type { Database } from '../db/schema.js'
import type { LineMessage, LinePort, SendResult } from '../line/port.js'
import { finishAnswer, forgetAnswer, retryAnswer, switchToPush } from './answers-repository.js'
import type { AnswerRow } from './answers-tables.js'

/**
 * How long an answer is retried: 6 hours after its event, then dropped with a log line. LINE
 * remembers a retry key for 24 hours, so every retry of a push stays inside the window in which
 * LINE answers a repeat with 409; and the open answers are bounded by what arrives in 6 hours.
 */
export const ANSWER_MAX_AGE_MS = 6 * 3600_000

/** Backoff between attempts of an answer: 1 s, 2 s, 4 s … at most 30 s, to catch LINE's return. */
export function answerRetryDelayMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 30_000)
}

/** What the sealed payload holds: the chat (for a push), the reply token and the messages. */
export interface SealedAnswer {
  to: string | null
  replyToken: string | null
  messages: LineMessage[]
}

export async function sealAnswer(keyring: Keyring, a: SealedAnswer): Promise<Uint8Array<ArrayBuffer>> {
  return keyring.seal(utf8(JSON.stringify(a)))
}

export async function openAnswer(keyring: Keyring, row: AnswerRow): Promise<SealedAnswer | null> {
  if (!row.payload || !row.key_id) return null
  return JSON.parse(fromUtf8(await keyring.open(row.key_id, row.payload))) as SealedAnswer
}

/** The push's X-Line-Retry-Key: one per answer of an event, whichever instance or pass sends it. */
export const answerRetryKey = (eventId: string, seq: number) => uuidFromName(`reply:${eventId}:${seq}`)

export interface AnswerDeps {
  db: Kysely<Database>
  line: LinePort
  log: Logger
  clock: Clock
}

/** The answer's state as this attempt starts: what the row says, after the claim. */
export type AnswerAttempt = Pick<
  AnswerRow,
  'event_id' | 'seq' | 'via' | 'uncertain' | 'attempts' | 'event_ts' | 'reply_until'
>

const INVALID_REPLY_TOKEN = /invalid reply token/i
const DELIVERED_BEFORE: SendResult = { kind: 'accepted', requestId: null, duplicate: true }

/**
 * One attempt at an answer whose intent is recorded: reply while the token is fresh, else push
 * with the answer's stable retry key; the outcome is written back (finished, or pending with a
 * backoff). Never a push after a reply that may have gone out, never a second reply token.
 */
export async function attemptAnswer(
  d: AnswerDeps,
  row: AnswerAttempt,
  a: SealedAnswer,
  onThrow: 'forget' | 'retry',
): Promise<SendResult> {
  try {
    return await attempt(d, row, a)
  } catch (thrown) {
    if (!(thrown instanceof PortThrew)) throw thrown
    const err = thrown.cause
    // The port throws only for what is no outcome of LINE's (messages over LINE's limits, a
    // bug): nothing was sent. On a first attempt the handler fails and runs again from scratch;
    // a retried answer waits for the next attempt.
    if (onThrow === 'forget' && row.attempts <= 1 && !row.uncertain)
      await forgetAnswer(d.db, row.event_id, row.seq)
    else {
      const at = new Date(d.clock.now().getTime() + answerRetryDelayMs(row.attempts))
      await retryAnswer(d.db, row.event_id, row.seq, at, { via: row.via, uncertain: row.uncertain })
    }
    throw err
  }
}

/** What the LINE port threw, told apart from the database's failures around it. */
class PortThrew extends Error {
  constructor(override readonly cause: unknown) {
    super('the LINE port threw')
  }
}

const port = async (call: () => Promise<SendResult>): Promise<SendResult> => {
  try {
    return await call()
  } catch (err) {
    throw new PortThrew(err)
  }
}

async function attempt(d: AnswerDeps, row: AnswerAttempt, a: SealedAnswer): Promise<SendResult> {
  const { event_id: eventId, seq } = row
  const now = d.clock.now()
  const fields = { seq, attempts: row.attempts }
  const finish = async (r: SendResult) => {
    await finishAnswer(d.db, eventId, seq)
    return r
  }
  const drop = async (event: string, r: SendResult) => {
    d.log.warn(event, { ...fields, kind: r.kind, detail: 'detail' in r ? r.detail : null })
    return finish(r)
  }
  const retry = async (r: SendResult, via: 'reply' | 'push', uncertain: boolean) => {
    const at = new Date(now.getTime() + answerRetryDelayMs(row.attempts))
    await retryAnswer(d.db, eventId, seq, at, { via, uncertain })
    return r
  }
  if (row.event_ts && now.getTime() - row.event_ts.getTime() > ANSWER_MAX_AGE_MS) {
    return drop('answer.expired', { kind: 'unavailable', status: null, detail: 'not sent within 6 hours' })
  }
  if (row.via === 'reply') {
    const fresh = a.replyToken !== null && row.reply_until !== null && now < row.reply_until
    if (fresh && a.replyToken) {
      const token = a.replyToken
      const r = await port(() => d.line.reply(token, a.messages))
      if (r.kind === 'accepted') return finish(r)
      const tokenRefused = r.kind === 'rejected' && r.status === 400 && INVALID_REPLY_TOKEN.test(r.detail)
      if (tokenRefused && (row.attempts > 1 || row.uncertain)) {
        // Single use: an earlier attempt of ours (whose answer we lost) used it.
        d.log.info('answer.delivered_before', fields)
        return finish(DELIVERED_BEFORE)
      }
      if (r.kind === 'unavailable' || r.kind === 'rate_limited') {
        return retry(r, 'reply', row.uncertain || (r.kind === 'unavailable' && r.uncertain === true))
      }
      if (!tokenRefused) return drop('answer.rejected', r)
      // Refused although never used by us (expired early): the push below carries it.
    } else if (row.uncertain) {
      // A reply may have gone out and the token can no longer tell: a push could answer twice.
      d.log.warn('answer.outcome_unknown', fields)
      return finish(DELIVERED_BEFORE)
    }
    await switchToPush(d.db, eventId, seq)
  }
  if (!a.to) return drop('answer.no_chat', { kind: 'rejected', status: 0, detail: 'no chat to push to' })
  const to = a.to
  const retryKey = await answerRetryKey(eventId, seq)
  const r = await port(() => d.line.push(to, a.messages, { retryKey }))
  switch (r.kind) {
    case 'accepted':
      return finish(r)
    case 'unavailable':
    case 'rate_limited':
      return retry(r, 'push', row.uncertain)
    case 'quota_exhausted':
      // Not retried this month: one line, and the answer goes.
      return drop('answer.quota_exhausted', r)
    case 'rejected':
      return drop('answer.rejected', r)
  }
}
