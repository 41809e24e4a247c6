import { type Insertable, type Kysely, sql } from 'kysely'
import type { Role } from '../console/session.js'
import type { Database } from '../db/schema.js'
import type { AccountRow, AdminAccountsTable, SessionRow } from './tables.js'

// Kysely only: rows in, rows out. Every console query takes the org id, so no query can reach
// another organization's rows. The audit log's queries are src/audit/repository.ts.
type Db = Kysely<Database>

export const findAccountByEmail = (db: Db, email: string): Promise<AccountRow | undefined> =>
  db.selectFrom('admin_accounts').selectAll().where('email', '=', email).executeTakeFirst()

export const findAccount = (db: Db, orgId: string, id: string): Promise<AccountRow | undefined> =>
  db
    .selectFrom('admin_accounts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst()

export const listAccounts = (db: Db, orgId: string): Promise<AccountRow[]> =>
  db.selectFrom('admin_accounts').selectAll().where('org_id', '=', orgId).orderBy('created_at').execute()

export const countAccounts = async (db: Db, orgId: string): Promise<number> => {
  const row = await db
    .selectFrom('admin_accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function insertAccount(db: Db, row: Insertable<AdminAccountsTable>): Promise<void> {
  await db.insertInto('admin_accounts').values(row).execute()
}

export async function setPassword(db: Db, orgId: string, id: string, hash: string, mustChange: boolean) {
  await db
    .updateTable('admin_accounts')
    .set({ password_hash: hash, must_change_password: mustChange })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute()
}

export async function disableAccount(db: Db, orgId: string, id: string, at: Date): Promise<number> {
  const r = await db
    .updateTable('admin_accounts')
    .set({ disabled_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/**
 * The caller says since when the account is a complaint officer (null for other roles): a role
 * change to it is a new grant (officer-grants.ts records and announces it).
 */
export const setRole = (db: Db, orgId: string, id: string, role: Role, officerSince: Date | null) =>
  db
    .updateTable('admin_accounts')
    .set({ role, officer_since: officerSince })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute()

export async function insertSession(db: Db, row: SessionRow): Promise<void> {
  await db.insertInto('admin_sessions').values(row).execute()
}

export const findSession = (db: Db, tokenHash: string) =>
  db
    .selectFrom('admin_sessions as s')
    .innerJoin('admin_accounts as a', 'a.id', 's.account_id')
    .select([
      's.token_hash',
      's.org_id',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      'a.id as account_id',
      'a.email',
      'a.role',
      'a.must_change_password',
      'a.disabled_at',
    ])
    .where('s.token_hash', '=', tokenHash)
    .whereRef('a.org_id', '=', 's.org_id')
    .executeTakeFirst()

export async function touchSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db
    .updateTable('admin_sessions')
    .set({ last_seen_at: at })
    .where('token_hash', '=', tokenHash)
    .execute()
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('admin_sessions').where('token_hash', '=', tokenHash).execute()
}

/** Every session of an account except, optionally, the one in use. */
export async function deleteSessionsOf(db: Db, accountId: string, keep?: string): Promise<void> {
  let q = db.deleteFrom('admin_sessions').where('account_id', '=', accountId)
  if (keep) q = q.where('token_hash', '!=', keep)
  await q.execute()
}

/**
 * Until the transaction ends, no other sign-in on this key runs: parallel guesses at one account
 * are checked one after another, each seeing the failure before it.
 */
export async function lockLoginKey(db: Db, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(db)
}

export async function insertFailure(db: Db, key: string, at: Date): Promise<void> {
  await db.insertInto('admin_login_failures').values({ key, at }).execute()
}

export const recentFailures = async (db: Db, key: string, since: Date): Promise<Date[]> =>
  (
    await db
      .selectFrom('admin_login_failures')
      .select('at')
      .where('key', '=', key)
      .where('at', '>', since)
      .orderBy('at', 'desc')
      .limit(50)
      .execute()
  ).map((r) => r.at)

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('admin_login_failures').where('key', '=', key).execute()
}
