import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { ComplaintFilingFilesTable, ComplaintFilingsTable } from './tables.js'

type Db = Kysely<Database>

export async function insertFiling(
  db: Db,
  row: Insertable<ComplaintFilingsTable>,
  files: Insertable<ComplaintFilingFilesTable>[],
): Promise<void> {
  await db.insertInto('complaint_filings').values(row).execute()
  // One statement per file: pg builds each statement in a buffer that grows by half again and
  // copies itself as it goes, so five photos in one statement cost the event loop three times
  // their size in allocations (and the garbage collections those start), one per file about once.
  for (const file of files) await db.insertInto('complaint_filing_files').values(file).execute()
}

/**
 * Every waiting filing, locked so two instances' entries never write one filing twice. In the
 * order of their random ids: the shuffle's input then never depends on where the rows happen to
 * sit in the table file (which follows the order they were filed in, most of the time).
 */
export function lockFilings(db: Db) {
  return db.selectFrom('complaint_filings').selectAll().orderBy('id').forUpdate().skipLocked().execute()
}

export function listFilings(db: Db, orgId: string) {
  return db.selectFrom('complaint_filings').selectAll().where('org_id', '=', orgId).execute()
}

export function listFilingFiles(db: Db, filingId: string) {
  return db
    .selectFrom('complaint_filing_files')
    .selectAll()
    .where('filing_id', '=', filingId)
    .orderBy('seq')
    .execute()
}

export async function deleteFiling(db: Db, id: string): Promise<void> {
  await db.deleteFrom('complaint_filings').where('id', '=', id).execute()
}

/** True for the one caller that takes the day's entry; a concurrent one waits, then gets false. */
export async function claimEntryDay(db: Db, day: string): Promise<boolean> {
  const r = await db
    .insertInto('complaint_entries')
    .values({ day, entered: 0, held: 0 })
    .onConflict((oc) => oc.column('day').doNothing())
    .returning('day')
    .executeTakeFirst()
  return r !== undefined
}

export async function recordEntry(db: Db, day: string, r: { entered: number; held: number }) {
  await db.updateTable('complaint_entries').set(r).where('day', '=', day).execute()
}
