import { type Kysely, sql } from 'kysely'

// What complainants file (a complaint, a reply, "stop notifying me") waits here, sealed whole,
// until the day's entry writes it into the case tables in one shuffled transaction; the entry
// deletes it and rewrites these small tables so no dead row version survives. Drafts' evidence
// gets a table of its own for the same reason: the case evidence table is never rewritten.
// No column here holds a time finer than the day.
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
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('image', 'file', 'video', 'audio')`))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .execute()
  await sql`create index complaint_filing_files_filing on complaint_filing_files (filing_id)`.execute(db)
  await db.schema
    .createTable('complaint_draft_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('draft_key', 'text', (c) => c.notNull())
    .addColumn('message_key', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('image', 'file', 'video', 'audio')`))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await sql`create index complaint_draft_files_draft on complaint_draft_files (org_id, draft_key)`.execute(db)
  await sql`delete from complaint_evidence where case_id is null`.execute(db)
  // A case's evidence keeps the order it was sent in (officers quote "หลักฐาน-2"): random ids
  // and one entry for a day's files leave no other order.
  await db.schema.alterTable('complaint_evidence').addColumn('position', 'integer').execute()
  await sql`update complaint_evidence e set position = n.p from (
      select id, row_number() over (partition by case_id order by added_on, id) as p
      from complaint_evidence) n
    where n.id = e.id`.execute(db)
  // One row per day's entry: instances agree on who runs it, auditors see that it ran.
  await db.schema
    .createTable('complaint_entries')
    .addColumn('day', 'date', (c) => c.primaryKey())
    .addColumn('entered', 'integer', (c) => c.notNull())
    .addColumn('held', 'integer', (c) => c.notNull())
    .execute()
  for (const column of ['followed_at', 'unfollowed_at', 'updated_at']) {
    await sql`update line_friends set ${sql.ref(column)} = date_trunc('day', ${sql.ref(column)})`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('complaint_evidence').dropColumn('position').execute()
  await db.schema.dropTable('complaint_entries').execute()
  await db.schema.dropTable('complaint_draft_files').execute()
  await db.schema.dropTable('complaint_filing_files').execute()
  await db.schema.dropTable('complaint_filings').execute()
}
