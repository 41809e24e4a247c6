import type { ColumnType } from 'kysely'

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export type QuestionKind = 'ask' | 'concern'
export type QuestionIdentity = 'named' | 'anonymous'
export type QuestionStatus = 'open' | 'answered'

export interface StaffQuestionsTable {
  id: string
  org_id: string
  /** The officers it goes to: 'budget'. */
  topic: string
  kind: QuestionKind
  identity: QuestionIdentity
  /** "Q-2569-7K3Q9M", shown to the asker and to officers. */
  code: string
  /** PBKDF2 of the follow-up secret; anonymous questions only. */
  secret_hash: string | null
  /** Sealed (AES-GCM) question text. */
  body: Uint8Array
  /** Sealed name the asker chose to give; named questions only. */
  asker_name: Uint8Array | null
  /** Sealed LINE user id to push the answer to; named only, cleared once answered. */
  reply_to: Uint8Array | null
  key_id: string
  asked_on: ColumnType<string, string, string>
  status: ColumnType<QuestionStatus, QuestionStatus | undefined, QuestionStatus>
  answer: Uint8Array | null
  answered_by: string | null
  answered_at: NullableTimestamp
  failed_checks: ColumnType<number, number | undefined, number>
  locked_until: NullableTimestamp
}

export interface QuestionTables {
  staff_questions: StaffQuestionsTable
}

// These tables in kysely's Database (db/schema.ts: declaration merging).
declare module '../db/schema.js' {
  interface Database extends QuestionTables {}
}
