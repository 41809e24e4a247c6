import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../db/schema.js'
import type { DialogueSessionsTable } from './tables.js'

type Db = Kysely<Database>
export type SessionRow = Selectable<DialogueSessionsTable>

export function findSession(db: Db, orgId: string, key: string, now: Date) {
  return db
    .selectFrom('dialogue_sessions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('session_key', '=', key)
    .where('expires_at', '>', now)
    .executeTakeFirst()
}

export async function saveSession(db: Db, row: SessionRow): Promise<void> {
  await db
    .insertInto('dialogue_sessions')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['org_id', 'session_key']).doUpdateSet({
        form_id: row.form_id,
        step: row.step,
        answers: row.answers,
        key_id: row.key_id,
        expires_at: row.expires_at,
        updated_at: row.updated_at,
      }),
    )
    .execute()
}

export async function deleteSession(db: Db, orgId: string, key: string): Promise<void> {
  await db
    .deleteFrom('dialogue_sessions')
    .where('org_id', '=', orgId)
    .where('session_key', '=', key)
    .execute()
}

/** Expired drafts are destroyed, not kept: an abandoned form leaves nothing behind. */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<number> {
  const r = await db.deleteFrom('dialogue_sessions').where('expires_at', '<=', now).executeTakeFirst()
  return Number(r.numDeletedRows)
}
