import type { ColumnType, Generated, Selectable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

/** Append-only: the repository has no update or delete, and a trigger refuses them too. */
export interface AdminAuditLogTable {
  id: Generated<number>
  org_id: string | null
  at: Timestamp
  actor_id: string | null
  actor_email: string | null
  action: string
  target: string | null
  detail: string | null
}

export interface AuditTables {
  admin_audit_log: AdminAuditLogTable
}

export type AuditRow = Selectable<AdminAuditLogTable>

// These tables in kysely's Database (db/schema.ts: declaration merging).
declare module '../db/schema.js' {
  interface Database extends AuditTables {}
}
