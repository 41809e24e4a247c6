import { type Insertable, type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import type { BudgetRowRow, BudgetRowsTable, BudgetVersionRow, BudgetVersionsTable } from './tables.js'

// Budget versions and their rows (kysely only; rules live in service.ts).

type Db = Kysely<Database>
type NewVersion = Omit<Insertable<BudgetVersionsTable>, 'version_no'>
type NewRow = Omit<Insertable<BudgetRowsTable>, 'version_id' | 'org_id'>

/** Inserts a version numbered one past the year's highest; the unique key refuses a racing twin. */
export async function insertVersion(db: Db, v: NewVersion): Promise<BudgetVersionRow> {
  const next = db
    .selectFrom('budget_versions')
    .select(sql<number>`coalesce(max(version_no), 0) + 1`.as('n'))
    .where('org_id', '=', v.org_id)
    .where('fiscal_year', '=', v.fiscal_year)
  return db
    .insertInto('budget_versions')
    .values({ ...v, version_no: next })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Rows in batches: PostgreSQL takes at most 65,535 parameters per statement. */
export async function insertRows(db: Db, orgId: string, versionId: string, rows: NewRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1_000) {
    const batch = rows.slice(i, i + 1_000).map((r) => ({ ...r, version_id: versionId, org_id: orgId }))
    await db.insertInto('budget_rows').values(batch).execute()
  }
}

export async function findVersion(db: Db, orgId: string, id: string): Promise<BudgetVersionRow | undefined> {
  return db
    .selectFrom('budget_versions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** The current version: the highest of `preferYear` (today's fiscal year) if it has one, else of the latest year. */
export async function latestVersion(
  db: Db,
  orgId: string,
  preferYear: number,
): Promise<BudgetVersionRow | undefined> {
  return db
    .selectFrom('budget_versions')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy(sql`fiscal_year = ${preferYear}`, 'desc')
    .orderBy('fiscal_year', 'desc')
    .orderBy('version_no', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export async function listVersions(db: Db, orgId: string, limit = 200): Promise<BudgetVersionRow[]> {
  return db
    .selectFrom('budget_versions')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('fiscal_year', 'desc')
    .orderBy('version_no', 'desc')
    .limit(limit)
    .execute()
}

export async function versionRows(db: Db, versionId: string): Promise<BudgetRowRow[]> {
  return db
    .selectFrom('budget_rows')
    .selectAll()
    .where('version_id', '=', versionId)
    .orderBy('line')
    .execute()
}

/** The unit labels an admin gave a group (src/admin/groups.ts). */
export async function labelsOfChat(db: Db, orgId: string, chatId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('group_labels')
    .select('label')
    .where('org_id', '=', orgId)
    .where('chat_id', '=', chatId)
    .orderBy('label')
    .execute()
  return rows.map((r) => r.label)
}

/** Every unit label in use, for the upload form's audience choice. */
export async function allLabels(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('group_labels')
    .select('label')
    .distinct()
    .where('org_id', '=', orgId)
    .orderBy('label')
    .execute()
  return rows.map((r) => r.label)
}

export async function activeGroupIds(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('line_groups')
    .select('chat_id')
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .orderBy('chat_id')
    .execute()
  return rows.map((r) => r.chat_id)
}

/** A recurring budget broadcast that is still live (draft or scheduled) in the organization. */
export async function liveBudgetBroadcast(db: Db, orgId: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('broadcasts')
    .select('id')
    .where('org_id', '=', orgId)
    .where('template', '=', 'budget')
    .where('recurrence', 'is not', null)
    .where('status', 'in', ['draft', 'scheduled'])
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst()
}
