import { type Kysely, sql } from 'kysely'

// The language each person is answered in (src/contacts/language.ts), keyed like the friend
// registry: an HMAC of the LINE user id under the `contacts` purpose, never the id. No time at
// all: the row says what language, and whether the person chose it or LINE reported it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contact_languages')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('user_key', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull().check(sql`lang in ('th', 'en')`))
    .addColumn('chosen', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_languages_pk', ['org_id', 'user_key'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contact_languages').execute()
}
