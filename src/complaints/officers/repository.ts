import type { Kysely, Updateable } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { CaseStatus, ComplaintCasesTable } from '../tables.js'

// The officers' queries on cases (kysely only). Lists never select content, identity or the
// notify id; exclusions are applied in the query so an excluded officer never receives a row.

type Db = Kysely<Database>
export type CaseFilter = 'open' | 'closed' | 'all'

export function listCases(db: Db, orgId: string, adminId: string, filter: CaseFilter) {
  let q = db
    .selectFrom('complaint_cases as c')
    .select([
      'c.id',
      'c.code',
      'c.status',
      'c.outcome',
      'c.category',
      'c.channel',
      'c.identity',
      'c.received_on',
      'c.acknowledged_on',
      'c.closed_on',
      'c.ack_due',
      'c.feedback_due',
      'c.stub',
    ])
    .where('c.org_id', '=', orgId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('complaint_exclusions as x')
            .select('x.case_id')
            .whereRef('x.case_id', '=', 'c.id')
            .where('x.admin_id', '=', adminId),
        ),
      ),
    )
  if (filter === 'open') q = q.where('c.status', '<>', 'closed')
  if (filter === 'closed') q = q.where('c.status', '=', 'closed')
  return q.orderBy('c.feedback_due').orderBy('c.code').limit(500).execute()
}

export async function isExcluded(db: Db, caseId: string, adminId: string): Promise<boolean> {
  const row = await db
    .selectFrom('complaint_exclusions')
    .select('case_id')
    .where('case_id', '=', caseId)
    .where('admin_id', '=', adminId)
    .executeTakeFirst()
  return row !== undefined
}

/** Moves a case on only from the status the officer saw; false when it changed meanwhile. */
export async function updateCaseStatus(
  db: Db,
  orgId: string,
  id: string,
  from: CaseStatus,
  set: Updateable<ComplaintCasesTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('complaint_cases')
    .set(set)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** In this order evidence is numbered for officers (หลักฐาน-1, -2…): by day, then by id. */
export function listEvidenceMeta(db: Db, caseId: string) {
  return db
    .selectFrom('complaint_evidence')
    .select(['id', 'kind', 'mime', 'size_bytes', 'added_on'])
    .where('case_id', '=', caseId)
    .orderBy(sql`position nulls last`)
    .orderBy('added_on')
    .orderBy('id')
    .execute()
}

export function findEvidence(db: Db, orgId: string, caseId: string, id: string) {
  return db
    .selectFrom('complaint_evidence')
    .select(['id', 'mime', 'content', 'key_id'])
    .where('org_id', '=', orgId)
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export function listStatusLog(db: Db, caseId: string) {
  return (
    db
      .selectFrom('complaint_status_log as s')
      .leftJoin('admin_accounts as a', 'a.id', 's.officer_id')
      .select(['s.status', 's.outcome', 's.at', 's.officer_id', 'a.email'])
      .where('s.case_id', '=', caseId)
      // The order things happened in: entry rows carry a day only (complaints/service.ts), so
      // their "time" cannot order them against an officer's.
      .orderBy('s.id')
      .execute()
  )
}

/** Who handled each message, for the officers' view of the thread. */
export function listOfficerEmails(db: Db, orgId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('admin_accounts')
    .select(['id', 'email'])
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute()
}
