import type { Kysely } from 'kysely'
import type { Clock } from '../core/clock.js'
import type { Keyring } from '../core/keyring.js'
import type { Logger } from '../core/logger.js'
import type { Database } from '../db/schema.js'
import type { LineMessage, LinePort, SendResult } from '../line/port.js'
import { answerState, insertAnswer } from './answers-repository.js'
import { attemptAnswer, sealAnswer } from './answers-sender.js'
import { type BaseEvent, chatIdOf } from './events.js'

/**
 * How long after the event a reply token is still worth trying. LINE: "must be used within one
 * minute after receiving the webhook", single use, and the limit may change without notice; the
 * margin covers the webhook's own travel and a clock a little off.
 */
export const REPLY_TOKEN_TTL_MS = 50_000

/**
 * How long a call to LINE may be under way before its answer counts as unknown and another
 * instance may try it. Longer than a reply's one call (10 s, sdk-adapter.ts) so a live instance
 * is never overtaken mid-reply, and short enough that a dead instance's reply is tried again
 * while its token (REPLY_TOKEN_TTL_MS) can still say whether it went out. A push taken over
 * while still being retried carries the same retry key: LINE answers 409, never a second copy.
 */
export const ANSWER_LEASE_MS = 20_000

export interface Responder {
  /**
   * Answers the chat the event came from: reply token when fresh, else a push with a stable
   * retry key. The answer is recorded before LINE is called; one that could not go out yet
   * stays recorded and the inbox worker retries it.
   *
   * `privately`: to the person behind a group event, in their 1:1 chat (always a push), so a
   * group does not see an answer meant for one member (README "Quiet groups"). Nothing is
   * sent when LINE did not say who it was.
   */
  reply(messages: LineMessage[], opts?: { privately?: boolean }): Promise<SendResult | null>
}

const SUPPRESSED: SendResult = { kind: 'rejected', status: 0, detail: 'standby mode: nothing is sent' }
const SENT_BEFORE: SendResult = { kind: 'accepted', requestId: null, duplicate: true }
const QUEUED: SendResult = { kind: 'unavailable', status: null, detail: 'queued: the inbox worker sends it' }

export interface ResponderDeps {
  db: Kysely<Database>
  keyring: Keyring
  clock: Clock
  log: Logger
}

export function createResponder(opts: {
  event: BaseEvent & { replyToken?: string }
  orgId: string
  line: LinePort
  deps: ResponderDeps
}): Responder {
  const { event, line, deps } = opts
  const { log, clock } = deps
  let sequence = 0
  return {
    async reply(messages, how = {}) {
      if (messages.length === 0) return null
      // Standby: another channel owns this chat; LINE forbids us to answer (no reply token).
      if (event.mode === 'standby') {
        log.info('send.suppressed', { reason: 'standby', eventType: event.type })
        return SUPPRESSED
      }
      const privately = how.privately === true && event.source?.type !== 'user'
      const to = privately ? (event.source?.userId ?? null) : chatIdOf(event.source)
      if (privately && !to) return null
      const seq = sequence++
      // Only the first answer of an event can use its token (a private one never: the token
      // answers the group); the rest are pushes.
      const replyToken = seq === 0 && !privately ? (event.replyToken ?? null) : null
      const eventTs = new Date(event.timestamp)
      const replyUntil = replyToken ? new Date(event.timestamp + REPLY_TOKEN_TTL_MS) : null
      const now = clock.now()
      const via = replyUntil && now < replyUntil ? 'reply' : 'push'
      if (via === 'push' && !to) return null
      const state = await insertAnswer(deps.db, {
        event_id: event.webhookEventId,
        seq,
        org_id: opts.orgId,
        chat_key: to ? await deps.keyring.pseudonym('chat', to) : null,
        via,
        event_ts: eventTs,
        reply_until: replyUntil,
        next_attempt_at: now,
        lease_until: new Date(now.getTime() + ANSWER_LEASE_MS),
        payload: await sealAnswer(deps.keyring, { to, replyToken, messages }),
        key_id: deps.keyring.keyId,
      })
      if (state === null) {
        // Handled before (a crash, or the inbox's write failed after answering): that answer
        // stands, sent or on its way; sending this one could answer twice.
        const before = await answerState(deps.db, event.webhookEventId, seq)
        log.info('answer.recorded_before', { seq, state: before })
        return before === 'done' ? SENT_BEFORE : QUEUED
      }
      // An earlier answer of this chat is still open: this one waits behind it.
      if (state === 'pending') return QUEUED
      const attempt = {
        event_id: event.webhookEventId,
        seq,
        via,
        uncertain: false,
        attempts: 1,
        event_ts: eventTs,
        reply_until: replyUntil,
      } as const
      return attemptAnswer({ db: deps.db, line, log, clock }, attempt, { to, replyToken, messages }, 'forget')
    },
  }
}
