import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { GiftReportsTable } from './tables.js'

type Db = Kysely<Database>

export async function insertGiftReport(db: Db, row: Insertable<GiftReportsTable>): Promise<void> {
  await db.insertInto('gift_reports').values(row).execute()
}

/** The register, newest first; the sealed details stay sealed until an officer opens one. */
export function listGiftReports(db: Db, orgId: string, from: string, to: string) {
  return db
    .selectFrom('gift_reports')
    .select([
      'id',
      'reference',
      'giver_type',
      'value_baht',
      'received_on',
      'handling',
      'status',
      'reported_on',
    ])
    .where('org_id', '=', orgId)
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .orderBy('received_on', 'desc')
    .orderBy('reference')
    .execute()
}

export function findGiftReport(db: Db, orgId: string, id: string) {
  return db
    .selectFrom('gift_reports')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function markReviewed(
  db: Db,
  orgId: string,
  id: string,
  by: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('gift_reports')
    .set({ status: 'reviewed', reviewed_by: by, reviewed_at: now })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('status', '=', 'new')
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function hasPledged(db: Db, orgId: string, ref: string, chatKey: string): Promise<boolean> {
  const row = await db
    .selectFrom('engagement_events')
    .select('id')
    .where('org_id', '=', orgId)
    .where('kind', '=', 'pledge')
    .where('ref_id', '=', ref)
    .where('chat_key', '=', chatKey)
    .executeTakeFirst()
  return row !== undefined
}

export function calendarReminders(db: Db, orgId: string) {
  return db
    .selectFrom('calendar_reminders')
    .select(['entry_id', 'occurs_on'])
    .where('org_id', '=', orgId)
    .execute()
}

/** Claims one occurrence; false when another instance (or an earlier tick) already has it. */
export async function claimReminder(
  db: Db,
  row: { org_id: string; entry_id: string; occurs_on: string; broadcast_id: string; created_at: Date },
): Promise<boolean> {
  const r = await db
    .insertInto('calendar_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'entry_id', 'occurs_on']).doNothing())
    .executeTakeFirst()
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1
}
