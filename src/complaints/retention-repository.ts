import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

// Retention (kysely only): closed cases past their expiry, and what becomes of them.

type Db = Kysely<Database>

/** Closed cases whose content is kept through `expires_on`, so stubs from the day after. */
export async function listExpiredCases(db: Db, today: string, limit = 200): Promise<string[]> {
  const rows = await db
    .selectFrom('complaint_cases')
    .select('id')
    .where('status', '=', 'closed')
    .where('stub', '=', false)
    .where('expires_on', '<', today)
    .orderBy('expires_on')
    .limit(limit)
    .execute()
  return rows.map((r) => r.id)
}

/** Content, identity, notify id, thread and evidence go; category, channel, dates, outcome stay. */
export async function makeStubs(db: Db, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0
  await db.deleteFrom('complaint_messages').where('case_id', 'in', ids).execute()
  await db.deleteFrom('complaint_evidence').where('case_id', 'in', ids).execute()
  await db.deleteFrom('complaint_reveal_requests').where('case_id', 'in', ids).execute()
  await db.deleteFrom('complaint_exclusions').where('case_id', 'in', ids).execute()
  const r = await db
    .updateTable('complaint_cases')
    .set({ content: null, identity_sealed: null, notify_to: null, stub: true })
    .where('id', 'in', ids)
    .where('stub', '=', false)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}
