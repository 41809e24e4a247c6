import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
/** 'YYYY-MM-DD' from both drivers (src/db/pg.ts). */
type Day = ColumnType<string, string, string>
type NullableDay = ColumnType<string | null, string | null | undefined, string | null>

export const CASE_STATUSES = ['received', 'acknowledged', 'under_review', 'investigating', 'closed'] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]
export const OUTCOMES = ['substantiated', 'unsubstantiated', 'referred'] as const
export type Outcome = (typeof OUTCOMES)[number]
export type Channel = 'line' | 'web'
export type EvidenceKind = 'image' | 'file' | 'video' | 'audio'

export interface ComplaintCasesTable {
  id: string
  org_id: string
  /** "C-2569-7K3Q9M": what the complainant and officers quote. */
  code: string
  /** PBKDF2 of the follow-up secret. */
  secret_hash: string
  channel: Channel
  category: string
  identity: 'anonymous' | 'named'
  /** Sealed JSON of the answers (what, when, where, who); null once retention made it a stub. */
  content: Uint8Array | null
  /** Sealed identity a named complainant gave; revealed only through an approved request. */
  identity_sealed: Uint8Array | null
  /** Sealed LINE user id, only when the complainant asked to be notified; deleted at close. */
  notify_to: Uint8Array | null
  key_id: string
  status: ColumnType<CaseStatus, CaseStatus | undefined, CaseStatus>
  outcome: Outcome | null
  received_on: Day
  acknowledged_on: NullableDay
  closed_on: NullableDay
  ack_due: Day
  feedback_due: Day
  expires_on: NullableDay
  stub: ColumnType<boolean, boolean | undefined, boolean>
  failed_checks: ColumnType<number, number | undefined, number>
  locked_until: NullableTimestamp
}

export interface ComplaintMessagesTable {
  id: string
  org_id: string
  case_id: string
  seq: number
  author: 'complainant' | 'officer'
  officer_id: string | null
  body: Uint8Array
  key_id: string
  sent_on: Day
}

export interface ComplaintEvidenceTable {
  id: string
  org_id: string
  case_id: string | null
  /** The draft's session key while the complaint is being written; null once filed. */
  draft_key: string | null
  /** LINE message id while in a draft, so `unsend` can remove it; null once filed. */
  source_message: string | null
  kind: EvidenceKind
  mime: string
  size_bytes: number
  name: Uint8Array | null
  content: Uint8Array
  key_id: string
  added_on: Day
  draft_expires_at: NullableTimestamp
  /** 1, 2, 3… in the order the complainant sent them; null only for rows from before it. */
  position: ColumnType<number | null, number | null | undefined, number | null>
}

export interface ComplaintStatusLogTable {
  id: Generated<string>
  org_id: string
  case_id: string
  status: CaseStatus
  outcome: Outcome | null
  officer_id: string | null
  at: Timestamp
}

export interface ComplaintExclusionsTable {
  case_id: string
  admin_id: string
  excluded_by: string
  at: Timestamp
}

export interface ComplaintRevealRequestsTable {
  id: string
  org_id: string
  case_id: string
  requested_by: string
  reason: string
  status: ColumnType<
    'pending' | 'approved' | 'rejected',
    'pending' | 'approved' | 'rejected' | undefined,
    'pending' | 'approved' | 'rejected'
  >
  decided_by: string | null
  requested_at: Timestamp
  decided_at: NullableTimestamp
  complainant_told_at: NullableTimestamp
}

export interface ComplaintRemindersTable {
  case_id: string
  kind: string
  sent_at: Timestamp
}

/** A filed complaint waiting, sealed whole, for the day's entry (complaints/filings.ts). */
export interface ComplaintFilingsTable {
  id: string
  org_id: string
  sealed: Uint8Array
  key_id: string
}

/** A filing's evidence: already cleaned and sealed, moved to the case at entry. */
export interface ComplaintFilingFilesTable {
  id: string
  filing_id: string
  /** The file's place in its filing, in the order sent. */
  seq: number
  kind: EvidenceKind
  mime: string
  size_bytes: number
  content: Uint8Array
  key_id: string
}

/**
 * Evidence sent while a LINE draft is open. `message_key` is an HMAC of the LINE message id,
 * enough for unsend to find it; the rows are deleted on submit, cancel or expiry.
 */
export interface ComplaintDraftFilesTable {
  id: string
  org_id: string
  draft_key: string
  message_key: string
  /** The file's place in its draft, in the order sent. */
  seq: number
  kind: EvidenceKind
  mime: string
  size_bytes: number
  content: Uint8Array
  key_id: string
  expires_at: Timestamp
}

export interface ComplaintEntriesTable {
  day: Day
  entered: number
  held: number
}

export interface ComplaintTables {
  complaint_draft_files: ComplaintDraftFilesTable
  complaint_entries: ComplaintEntriesTable
  complaint_filings: ComplaintFilingsTable
  complaint_filing_files: ComplaintFilingFilesTable
  complaint_cases: ComplaintCasesTable
  complaint_messages: ComplaintMessagesTable
  complaint_evidence: ComplaintEvidenceTable
  complaint_status_log: ComplaintStatusLogTable
  complaint_exclusions: ComplaintExclusionsTable
  complaint_reveal_requests: ComplaintRevealRequestsTable
  complaint_reminders: ComplaintRemindersTable
}

// These tables in kysely's Database (db/schema.ts: declaration merging).
declare module '../db/schema.js' {
  interface Database extends ComplaintTables {}
}
