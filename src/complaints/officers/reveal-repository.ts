import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema.js'

// Requests to reveal a named complainant's identity (kysely only). The table's check forbids
// the requester deciding their own request; a partial unique index allows one pending per case.

type Db = Kysely<Database>

export function listRevealRequests(db: Db, orgId: string, caseId: string) {
  return db
    .selectFrom('complaint_reveal_requests as r')
    .leftJoin('admin_accounts as a', 'a.id', 'r.requested_by')
    .leftJoin('admin_accounts as b', 'b.id', 'r.decided_by')
    .select([
      'r.id',
      'r.requested_by',
      'r.reason',
      'r.status',
      'r.decided_by',
      'r.requested_at',
      'r.decided_at',
      'r.complainant_told_at',
      'a.email as requester_email',
      'b.email as decider_email',
    ])
    .where('r.org_id', '=', orgId)
    .where('r.case_id', '=', caseId)
    .orderBy('r.requested_at')
    .execute()
}

export function findRevealRequest(db: Db, orgId: string, caseId: string, id: string) {
  return db
    .selectFrom('complaint_reveal_requests')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** False when another request of the case is already pending. */
export async function insertRevealRequest(
  db: Db,
  row: {
    id: string
    org_id: string
    case_id: string
    requested_by: string
    reason: string
    requested_at: Date
  },
): Promise<boolean> {
  const r = await db
    .insertInto('complaint_reveal_requests')
    .values(row)
    // A literal predicate: PostgreSQL infers the partial index only from the same expression.
    .onConflict((oc) => oc.column('case_id').where(sql<boolean>`status = 'pending'`).doNothing())
    .returning('id')
    .executeTakeFirst()
  return r !== undefined
}

/** Decides a pending request; false when it was decided meanwhile (or by its requester). */
export async function decideRevealRequest(
  db: Db,
  id: string,
  decision: { status: 'approved' | 'rejected'; decided_by: string; decided_at: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('complaint_reveal_requests')
    .set(decision)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('requested_by', '<>', decision.decided_by)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function markComplainantTold(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable('complaint_reveal_requests')
    .set({ complainant_told_at: at })
    .where('id', '=', id)
    .where('complainant_told_at', 'is', null)
    .execute()
}

export async function deleteRevealRequests(db: Db, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return
  await db.deleteFrom('complaint_reveal_requests').where('case_id', 'in', caseIds).execute()
}
