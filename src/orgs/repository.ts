import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { OrgLogosTable, OrgRow, OrgsTable } from './tables.js'

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

/** False when there is no such organization. */
export async function updateOrgProfile(
  db: Db,
  slug: string,
  p: { nameTh: string; nameEn: string; shortName: string },
): Promise<boolean> {
  const r = await db
    .updateTable('orgs')
    .set({ name_th: p.nameTh, name_en: p.nameEn, short_name: p.shortName })
    .where('slug', '=', slug)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/** The logo and, on the organization, the version that names it in its address. */
export async function upsertOrgLogo(
  db: Db,
  slug: string,
  logo: Pick<OrgLogosTable, 'mime' | 'bytes'>,
  version: string,
  now: Date,
): Promise<void> {
  const row = { mime: logo.mime, bytes: logo.bytes, updated_at: now }
  await db
    .insertInto('org_logos')
    .values({ org_id: slug, ...row })
    .onConflict((oc) => oc.column('org_id').doUpdateSet(row))
    .execute()
  await db.updateTable('orgs').set({ logo_version: version }).where('slug', '=', slug).execute()
}

/** True when there was a logo to remove. */
export async function deleteOrgLogo(db: Db, slug: string): Promise<boolean> {
  const r = await db.deleteFrom('org_logos').where('org_id', '=', slug).executeTakeFirst()
  await db.updateTable('orgs').set({ logo_version: null }).where('slug', '=', slug).execute()
  return Number(r.numDeletedRows) > 0
}

export const findOrgLogo = (db: Db, slug: string) =>
  db.selectFrom('org_logos').select(['mime', 'bytes']).where('org_id', '=', slug).executeTakeFirst()
