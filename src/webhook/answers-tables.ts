import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

/**
 * - `sending`: a call to LINE may be under way (until `lease_until`); past the lease its outcome
 *   is unknown.
 * - `pending`: not sent yet; retried from `next_attempt_at`.
 * - `done`: sent, or given up with a log line; kept (without payload) only while its inbox row
 *   may still be handled again, so a second pass finds it instead of answering twice.
 */
export type AnswerState = 'sending' | 'pending' | 'done'

/** An answer on its way (migration 2026-12-08T0100). */
export interface AnswerOutboxTable {
  event_id: string
  /** Which answer of the event: the first takes the reply token, the rest are pushes. */
  seq: number
  org_id: string
  /** The inbox's pseudonym of the chat: a chat's answers go out in order. */
  chat_key: string | null
  state: AnswerState
  /** 'push' once the push path was entered: never a reply after a push may have gone out. */
  via: 'reply' | 'push'
  /** A reply attempt may have been delivered without our knowing: never followed by a push. */
  uncertain: Generated<boolean>
  /** Calls started (the one under way included). */
  attempts: Generated<number>
  event_ts: NullableTimestamp
  /** Until when the reply token is worth trying; null without a token. */
  reply_until: NullableTimestamp
  next_attempt_at: NullableTimestamp
  lease_until: NullableTimestamp
  /** Sealed { to, replyToken, messages }; null once done. */
  payload: Uint8Array | null
  key_id: string | null
}

export interface AnswerTables {
  answer_outbox: AnswerOutboxTable
}

export type AnswerRow = Selectable<AnswerOutboxTable>
export type NewAnswerRow = Insertable<AnswerOutboxTable>

// These tables in kysely's Database (db/schema.ts: declaration merging).
declare module '../db/schema.js' {
  interface Database extends AnswerTables {}
}
