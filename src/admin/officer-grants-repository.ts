import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { AdminOfficerGrantsTable } from './tables.js'

// Grants of the complaint-officer role (kysely only): recorded once each, listed for the
// officers' banner, and claimed one at a time for the LINE announcement.

type Db = Kysely<Database>

export async function insertGrant(db: Db, row: Insertable<AdminOfficerGrantsTable>): Promise<void> {
  await db.insertInto('admin_officer_grants').values(row).execute()
}

export const listGrantsSince = (db: Db, orgId: string, since: Date) =>
  db
    .selectFrom('admin_officer_grants')
    .select(['id', 'email', 'granted_by', 'granted_at'])
    .where('org_id', '=', orgId)
    .where('granted_at', '>=', since)
    .orderBy('granted_at', 'desc')
    .orderBy('id')
    .execute()

/** Grants since `since` not yet announced in LINE, every organization or one. */
export function listUnannounced(db: Db, since: Date, orgId?: string) {
  let q = db
    .selectFrom('admin_officer_grants')
    .select(['id', 'org_id', 'account_id', 'email', 'granted_by', 'granted_at'])
    .where('announced_at', 'is', null)
    .where('granted_at', '>=', since)
  if (orgId !== undefined) q = q.where('org_id', '=', orgId)
  return q.orderBy('granted_at').limit(100).execute()
}

/** True for the one caller that claimed the announcement; another instance gets false. */
export async function claimAnnouncement(db: Db, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('admin_officer_grants')
    .set({ announced_at: at })
    .where('id', '=', id)
    .where('announced_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** Gives a claim back when LINE could not be reached, so a later minute tries again. */
export async function releaseAnnouncement(db: Db, id: string): Promise<void> {
  await db.updateTable('admin_officer_grants').set({ announced_at: null }).where('id', '=', id).execute()
}

/** When an active complaint officer of the organization became one; undefined for anyone else. */
export async function findOfficerSince(db: Db, orgId: string, accountId: string): Promise<Date | undefined> {
  const r = await db
    .selectFrom('admin_accounts')
    .select('officer_since')
    .where('org_id', '=', orgId)
    .where('id', '=', accountId)
    .where('role', '=', 'complaint_officer')
    .where('disabled_at', 'is', null)
    .executeTakeFirst()
  return r?.officer_since ?? undefined
}

/** The sealed LINE ids that active complaint officers linked to their accounts, but `except`'s. */
export const linkedOfficers = (db: Db, orgId: string, except: string) =>
  db
    .selectFrom('admin_line_links as l')
    .innerJoin('admin_accounts as a', 'a.id', 'l.account_id')
    .select(['l.account_id', 'l.line_user', 'l.key_id'])
    .where('l.org_id', '=', orgId)
    .where('a.org_id', '=', orgId)
    .where('a.role', '=', 'complaint_officer')
    .where('a.disabled_at', 'is', null)
    .where('a.id', '<>', except)
    .orderBy('l.account_id')
    .execute()
