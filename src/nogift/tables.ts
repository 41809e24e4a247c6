import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export type GiftStatus = 'new' | 'reviewed'

export interface GiftReportsTable {
  id: string
  org_id: string
  /** Shown to the staff member ("GR-2569-0007") so the officer and they can refer to it. */
  reference: string
  giver_type: string
  /** numeric: both drivers return a string; never summed as a float. */
  value_baht: ColumnType<string, string, string>
  received_on: ColumnType<string, string, string>
  handling: string
  /** Sealed free text (what the gift was), optional. */
  details: Uint8Array | null
  key_id: string
  status: ColumnType<GiftStatus, GiftStatus | undefined, GiftStatus>
  reported_on: ColumnType<string, string, string>
  reviewed_by: string | null
  reviewed_at: NullableTimestamp
}

export interface CalendarRemindersTable {
  org_id: string
  entry_id: string
  occurs_on: ColumnType<string, string, string>
  broadcast_id: string
  created_at: Timestamp
}

export interface NoGiftTables {
  gift_reports: GiftReportsTable
  calendar_reminders: CalendarRemindersTable
}

// These tables in kysely's Database (db/schema.ts: declaration merging).
declare module '../db/schema.js' {
  interface Database extends NoGiftTables {}
}
