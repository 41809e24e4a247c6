import { type Kysely, sql } from 'kysely'

// Filed complaints wait here, sealed whole, until the day's entry writes them into the case
// tables in one shuffled transaction; the entry deletes them and compacts the table. Nothing
// in a filing is readable without the keys, and no column holds a time: only the day.
// Contacts stop holding times finer than the day: an engagement event and a contact row
// written together must not be matched by equal timestamps.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('complaint_filings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('sealed', 'bytea', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('complaint_filing_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('filing_id', 'text', (c) => c.notNull().references('complaint_filings.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('image', 'file', 'video', 'audio')`))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .execute()
  await sql`create index complaint_filing_files_filing on complaint_filing_files (filing_id)`.execute(db)
  for (const column of ['followed_at', 'unfollowed_at', 'updated_at']) {
    await sql`update line_friends set ${sql.ref(column)} = date_trunc('day', ${sql.ref(column)})`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('complaint_filing_files').execute()
  await db.schema.dropTable('complaint_filings').execute()
}
