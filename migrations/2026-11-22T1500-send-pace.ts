import type { Kysely } from 'kysely'

// LINE limits pushes per channel, not per process: every instance sending for an organization
// takes its send slots from this one row (a shared "theoretical arrival time", GCRA), so two
// instances together stay under the limit and one alone may use all of it (issue 3).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('line_send_pace')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.slug').onDelete('cascade'))
    .addColumn('tat', 'timestamptz', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('line_send_pace').execute()
}
