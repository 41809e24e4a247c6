import type { Kysely } from 'kysely'

// Whether an organization publishes its yearly evidence figures at /public/…/ita/<fy>
// (issue 6). Off unless an owner turns it on; no row means off. Who changed it and when is
// kept here as well as in the audit log, so the page can say so.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('evidence_public')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.slug').onDelete('cascade'))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('changed_by', 'text')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('evidence_public').execute()
}
