import { type Kysely, sql } from 'kysely'

// Staff questions and concerns to the officers responsible for a topic (issue 4: budget).
// Anonymous ones keep no LINE id, no key of one and no time finer than the day; the asker
// follows up with a code and a secret (slow hash stored), like a complaint.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('ask', 'concern')`))
    .addColumn('identity', 'text', (c) => c.notNull().check(sql`identity in ('named', 'anonymous')`))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text')
    .addColumn('body', 'bytea', (c) => c.notNull())
    .addColumn('asker_name', 'bytea')
    .addColumn('reply_to', 'bytea')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('asked_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'answered')`),
    )
    .addColumn('answer', 'bytea')
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('failed_checks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addCheckConstraint(
      'staff_questions_identity',
      sql`(identity = 'anonymous' and reply_to is null and asker_name is null and secret_hash is not null) or identity = 'named'`,
    )
    .execute()
  await sql`create unique index staff_questions_code on staff_questions (org_id, code)`.execute(db)
  await sql`create index staff_questions_open on staff_questions (org_id, status, asked_on)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('staff_questions').execute()
}
