import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

// Deadline reminders (kysely only): open cases near or past a deadline, the reminders already
// claimed, the officers' groups, and the insert-first claim that makes each reminder once.

type Db = Kysely<Database>

/** Open cases, every organization, whose acknowledgement or feedback deadline is near or past. */
export function listCasesNearDeadline(db: Db, ackHorizon: string, feedbackHorizon: string) {
  return db
    .selectFrom('complaint_cases')
    .select(['id', 'org_id', 'code', 'status', 'ack_due', 'feedback_due'])
    .where('status', '<>', 'closed')
    .where('stub', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'received'), eb('ack_due', '<=', ackHorizon)]),
        eb('feedback_due', '<=', feedbackHorizon),
      ]),
    )
    .orderBy('feedback_due')
    .limit(500)
    .execute()
}

export function listClaimedReminders(db: Db, caseIds: string[]) {
  if (caseIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('complaint_reminders')
    .select(['case_id', 'kind'])
    .where('case_id', 'in', caseIds)
    .execute()
}

/** True for the one caller that inserted the row; a second instance gets false and sends nothing. */
export async function claimReminder(db: Db, caseId: string, kind: string, at: Date): Promise<boolean> {
  const r = await db
    .insertInto('complaint_reminders')
    .values({ case_id: caseId, kind, sent_at: at })
    .onConflict((oc) => oc.columns(['case_id', 'kind']).doNothing())
    .returning('case_id')
    .executeTakeFirst()
  return r !== undefined
}

/** Gives a claim back when LINE was unreachable, so a later minute tries again. */
export async function releaseReminder(db: Db, caseId: string, kind: string): Promise<void> {
  await db.deleteFrom('complaint_reminders').where('case_id', '=', caseId).where('kind', '=', kind).execute()
}

/** Active groups of an organization carrying the officers' label. */
export async function officerGroups(db: Db, orgId: string, label: string): Promise<string[]> {
  const rows = await db
    .selectFrom('line_groups as g')
    .innerJoin('group_labels as l', (j) =>
      j.onRef('l.chat_id', '=', 'g.chat_id').onRef('l.org_id', '=', 'g.org_id'),
    )
    .select('g.chat_id')
    .where('g.org_id', '=', orgId)
    .where('g.status', '=', 'active')
    .where('l.label', '=', label)
    .orderBy('g.chat_id')
    .execute()
  return rows.map((r) => r.chat_id)
}
