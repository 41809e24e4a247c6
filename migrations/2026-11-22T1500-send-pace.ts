import { type Kysely, sql } from 'kysely'

// LINE limits pushes per channel, not per process: every instance sending for an organization
// takes its send slots from this one row (a shared "theoretical arrival time", GCRA), so two
// instances together stay under the limit and one alone may use all of it (issue 3).
// UNLOGGED: the row is written ~100 times a second while sending, and its commits should not
// wait for a WAL flush. After a crash PostgreSQL empties the table, and the next reservation
// simply starts now.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('line_send_pace')
    .modifyFront(sql`unlogged`)
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.slug').onDelete('cascade'))
    .addColumn('tat', 'timestamptz', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('line_send_pace').execute()
}
