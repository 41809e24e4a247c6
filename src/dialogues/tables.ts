import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

export interface DialogueSessionsTable {
  org_id: string
  /** Daily-rotating HMAC of the LINE user id: never the id itself. */
  session_key: string
  form_id: string
  /** Index of the field being asked; fields.length means "confirm". */
  step: number
  /** AES-GCM sealed JSON of the answers so far. */
  answers: Uint8Array
  key_id: string
  expires_at: Timestamp
  updated_at: Timestamp
}

export interface DialogueTables {
  dialogue_sessions: DialogueSessionsTable
}

// These tables in kysely's Database (db/schema.ts: declaration merging).
declare module '../db/schema.js' {
  interface Database extends DialogueTables {}
}
