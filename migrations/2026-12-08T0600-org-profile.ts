import { type Kysely, sql } from 'kysely'

// The agency's own name on every page and in the bot's greeting: a short name beside the Thai
// and English ones (which exist since the admin migration), and an optional logo. The logo's
// bytes live in a table of their own, so the many reads of `orgs` (every console page, every
// webhook's channel) never carry them; `logo_version` on `orgs` says whether there is one and
// names it in the image's address, so a browser fetches a new logo at once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('orgs')
    .addColumn('short_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('logo_version', 'text')
    .execute()
  await db.schema
    .createTable('org_logos')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.slug').onDelete('cascade'))
    // Re-encoded on upload: only what draws the picture, PNG or JPEG.
    .addColumn('mime', 'text', (c) => c.notNull().check(sql`mime in ('image/png', 'image/jpeg')`))
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('org_logos').execute()
  await db.schema.alterTable('orgs').dropColumn('logo_version').dropColumn('short_name').execute()
}
