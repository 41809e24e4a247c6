import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { OrgRow, OrgsTable } from './tables.js'

type Db = Kysely<Database>

export const findOrg = (db: Db, slug: string): Promise<OrgRow | undefined> =>
  db.selectFrom('orgs').selectAll().where('slug', '=', slug).executeTakeFirst()

export const listOrgs = (db: Db): Promise<OrgRow[]> =>
  db.selectFrom('orgs').selectAll().orderBy('slug').execute()

export async function insertOrg(db: Db, row: Insertable<OrgsTable>): Promise<void> {
  await db.insertInto('orgs').values(row).execute()
}

export async function updateOrgChannel(
  db: Db,
  slug: string,
  sealed: { channel_secret: Uint8Array; channel_token: Uint8Array; key_id: string },
): Promise<void> {
  await db.updateTable('orgs').set(sealed).where('slug', '=', slug).execute()
}
