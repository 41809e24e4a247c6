import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { StaffQuestionsTable } from './tables.js'

type Db = Kysely<Database>

export async function insertQuestion(db: Db, row: Insertable<StaffQuestionsTable>): Promise<void> {
  await db.insertInto('staff_questions').values(row).execute()
}

/** The officers' list: no content, so listing is not a read of anyone's question. */
export function listQuestions(db: Db, orgId: string, topic: string) {
  return db
    .selectFrom('staff_questions')
    .select(['id', 'code', 'kind', 'identity', 'asked_on', 'status', 'answered_at'])
    .where('org_id', '=', orgId)
    .where('topic', '=', topic)
    .orderBy('status')
    .orderBy('asked_on', 'desc')
    .orderBy('code')
    .execute()
}

export function findQuestion(db: Db, orgId: string, id: string) {
  return db
    .selectFrom('staff_questions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export function findByCode(db: Db, orgId: string, code: string) {
  return db
    .selectFrom('staff_questions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('code', '=', code)
    .executeTakeFirst()
}

export async function saveAnswer(
  db: Db,
  orgId: string,
  id: string,
  answer: Uint8Array,
  by: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('staff_questions')
    .set({ answer, answered_by: by, answered_at: now, status: 'answered' })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function clearReplyTo(db: Db, id: string): Promise<void> {
  await db.updateTable('staff_questions').set({ reply_to: null }).where('id', '=', id).execute()
}

export async function recordFailedCheck(db: Db, id: string, lockUntil: Date | null): Promise<void> {
  await db
    .updateTable('staff_questions')
    .set((eb) => ({ failed_checks: eb('failed_checks', '+', 1), locked_until: lockUntil }))
    .where('id', '=', id)
    .execute()
}

export async function resetFailedChecks(db: Db, id: string): Promise<void> {
  await db
    .updateTable('staff_questions')
    .set({ failed_checks: 0, locked_until: null })
    .where('id', '=', id)
    .execute()
}
