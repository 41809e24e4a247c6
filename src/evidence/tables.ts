import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

/** Public/aggregate class: one switch per organization (migration 2026-11-22T1300). */
export interface EvidencePublicTable {
  org_id: string
  enabled: boolean
  changed_at: Timestamp
  /** E-mail of the owner who last changed it (the audit log has the same). */
  changed_by: string | null
}

export interface EvidenceTables {
  evidence_public: EvidencePublicTable
}

// These tables in kysely's Database (db/schema.ts: declaration merging).
declare module '../db/schema.js' {
  interface Database extends EvidenceTables {}
}
