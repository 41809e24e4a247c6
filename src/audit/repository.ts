import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { AuditAction } from './actions.js'
import type { AdminAuditLogTable, AuditRow } from './tables.js'

// Kysely only: rows in, rows out. The audit log has insert and select, and nothing else; every
// read takes the org id, so no query can reach another organization's entries.
type Db = Kysely<Database>

/** Typed by AuditAction, so no caller can write an action the log does not know. */
export async function appendAudit(
  db: Db,
  row: Insertable<AdminAuditLogTable> & { action: AuditAction },
): Promise<void> {
  await db.insertInto('admin_audit_log').values(row).execute()
}

export const listAudit = (db: Db, orgId: string, limit: number, beforeId?: number): Promise<AuditRow[]> => {
  let q = db.selectFrom('admin_audit_log').selectAll().where('org_id', '=', orgId)
  if (beforeId !== undefined) q = q.where('id', '<', beforeId)
  return q.orderBy('id', 'desc').limit(limit).execute()
}
