import { type Kysely, sql } from 'kysely'

// Complaint officers: when each account became one (a new officer waits before approving an
// identity reveal or opening a case someone was excluded from), and every grant of the role,
// kept for the banner the officers see and the LINE announcement to them.
//
// Existing officers count from their account's creation time: until now the role could be
// given only when an account was created (no role change existed), so created_at is when each
// became an officer. The migration time would have stopped every approval for a week.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('admin_accounts').addColumn('officer_since', 'timestamptz').execute()
  await sql`update admin_accounts set officer_since = created_at where role = 'complaint_officer'`.execute(db)
  // Whatever grants the role must say since when: a path that forgets cannot skip the wait.
  await sql`alter table admin_accounts add constraint admin_accounts_officer_since
    check (role <> 'complaint_officer' or officer_since is not null)`.execute(db)

  await db.schema
    .createTable('admin_officer_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.slug'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('admin_accounts.id'))
    // As they were at the grant: the account's e-mail, and who granted it ('cli' from the CLI).
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull())
    // Set when the LINE announcement was claimed; cleared again when LINE could not be reached.
    .addColumn('announced_at', 'timestamptz')
    .execute()
  await db.schema
    .createIndex('admin_officer_grants_org')
    .on('admin_officer_grants')
    .columns(['org_id', 'granted_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('admin_officer_grants').execute()
  await sql`alter table admin_accounts drop constraint admin_accounts_officer_since`.execute(db)
  await db.schema.alterTable('admin_accounts').dropColumn('officer_since').execute()
}
