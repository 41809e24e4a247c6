import { type Kysely, sql } from 'kysely'

// Dialogues and No Gift Policy (issue 4): form sessions in progress, the gift register, and
// the seasonal reminders created from flows' calendar.
export async function up(db: Kysely<any>): Promise<void> {
  // One form in progress per person. The key is a daily-rotating HMAC of the LINE user id (never
  // the id); the answers are sealed; the row is deleted on submit, cancel or expiry.
  await db.schema
    .createTable('dialogue_sessions')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('session_key', 'text', (c) => c.notNull())
    .addColumn('form_id', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('answers', 'bytea', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('dialogue_sessions_pk', ['org_id', 'session_key'])
    .execute()
  await sql`create index dialogue_sessions_expiry on dialogue_sessions (expires_at)`.execute(db)

  // Gifts a staff member could not refuse, declared as the No Gift Policy asks (O33 report).
  await db.schema
    .createTable('gift_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('giver_type', 'text', (c) => c.notNull())
    .addColumn('value_baht', 'numeric(14, 2)', (c) => c.notNull().check(sql`value_baht >= 0`))
    .addColumn('received_on', 'date', (c) => c.notNull())
    .addColumn('handling', 'text', (c) => c.notNull())
    .addColumn('details', 'bytea')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('new').check(sql`status in ('new', 'reviewed')`),
    )
    .addColumn('reported_on', 'date', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'timestamptz')
    .execute()
  await sql`create unique index gift_reports_reference on gift_reports (org_id, reference)`.execute(db)
  await sql`create index gift_reports_received on gift_reports (org_id, received_on)`.execute(db)

  // Which calendar occurrence already has its reminder broadcast, so start-ups and ticks never
  // create a second one, and one an admin cancelled is not created again.
  await db.schema
    .createTable('calendar_reminders')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('occurs_on', 'date', (c) => c.notNull())
    .addColumn('broadcast_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('calendar_reminders_pk', ['org_id', 'entry_id', 'occurs_on'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_reminders').execute()
  await db.schema.dropTable('gift_reports').execute()
  await db.schema.dropTable('dialogue_sessions').execute()
}
