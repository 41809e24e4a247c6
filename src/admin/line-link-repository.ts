import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { AdminLineLinkCodesTable, AdminLineLinksTable, LineLinkRow } from './line-link-tables.js'

// Kysely only: rows in, rows out. Every query names the organization.
type Db = Kysely<Database>

export async function deleteCodesOf(db: Db, orgId: string, accountId: string): Promise<void> {
  await db
    .deleteFrom('admin_line_link_codes')
    .where('org_id', '=', orgId)
    .where('account_id', '=', accountId)
    .execute()
}

/** False when the same code hash is already live in the organization (the caller draws again). */
export async function insertCode(db: Db, row: Insertable<AdminLineLinkCodesTable>): Promise<boolean> {
  const r = await db
    .insertInto('admin_line_link_codes')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'code_hash']).doNothing())
    .executeTakeFirst()
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0
}

export async function deleteExpiredCodes(db: Db, orgId: string, now: Date): Promise<void> {
  await db
    .deleteFrom('admin_line_link_codes')
    .where('org_id', '=', orgId)
    .where('expires_at', '<=', now)
    .execute()
}

/** Takes a live code: deleted and returned with its account in one statement, so it works once. */
export const takeCode = (db: Db, orgId: string, codeHash: string, now: Date) =>
  db
    .deleteFrom('admin_line_link_codes')
    .where('org_id', '=', orgId)
    .where('code_hash', '=', codeHash)
    .where('expires_at', '>', now)
    .returning(['account_id'])
    .executeTakeFirst()

export async function upsertLink(db: Db, row: Insertable<AdminLineLinksTable>): Promise<void> {
  await db
    .insertInto('admin_line_links')
    .values(row)
    .onConflict((oc) =>
      oc.column('account_id').doUpdateSet({
        org_id: row.org_id,
        line_user: row.line_user,
        key_id: row.key_id,
        linked_at: row.linked_at,
      }),
    )
    .execute()
}

export const findLink = (db: Db, orgId: string, accountId: string): Promise<LineLinkRow | undefined> =>
  db
    .selectFrom('admin_line_links')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('account_id', '=', accountId)
    .executeTakeFirst()

export async function deleteLink(db: Db, orgId: string, accountId: string): Promise<number> {
  const r = await db
    .deleteFrom('admin_line_links')
    .where('org_id', '=', orgId)
    .where('account_id', '=', accountId)
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}
