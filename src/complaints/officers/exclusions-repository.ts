import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

// Conflict of interest: who is kept out of a case, and who may still handle it (kysely only).

type Db = Kysely<Database>

/** The accounts that may handle complaints in an organization: its complaint officers only. */
export function listHandlers(db: Db, orgId: string) {
  return db
    .selectFrom('admin_accounts')
    .select(['id', 'email', 'role'])
    .where('org_id', '=', orgId)
    .where('role', '=', 'complaint_officer')
    .where('disabled_at', 'is', null)
    .orderBy('email')
    .execute()
}

export function listExclusions(db: Db, caseId: string) {
  return db
    .selectFrom('complaint_exclusions as x')
    .leftJoin('admin_accounts as a', 'a.id', 'x.admin_id')
    .leftJoin('admin_accounts as b', 'b.id', 'x.excluded_by')
    .select(['x.admin_id', 'x.at', 'a.email as email', 'b.email as by_email'])
    .where('x.case_id', '=', caseId)
    .orderBy('x.at')
    .execute()
}

/** True when the row is new (an officer already excluded stays so, once). */
export async function insertExclusion(
  db: Db,
  row: { case_id: string; admin_id: string; excluded_by: string; at: Date },
): Promise<boolean> {
  const r = await db
    .insertInto('complaint_exclusions')
    .values(row)
    .onConflict((oc) => oc.columns(['case_id', 'admin_id']).doNothing())
    .returning('case_id')
    .executeTakeFirst()
  return r !== undefined
}

export async function deleteExclusions(db: Db, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return
  await db.deleteFrom('complaint_exclusions').where('case_id', 'in', caseIds).execute()
}
