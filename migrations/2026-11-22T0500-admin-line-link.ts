import { type Kysely, sql } from 'kysely'

// An admin links their own LINE account so the console can send them a test of a broadcast.
// The console issues a one-time code; the admin sends it to the bot in 1:1 chat. Only an HMAC
// of the code is kept, for ten minutes, one live code per account. The linked LINE user id is
// contact class: sealed with the keyring (key_id names the key), in a table of its own.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('admin_line_link_codes')
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.slug'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('admin_accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('admin_line_link_codes_pk', ['org_id', 'code_hash'])
    .execute()
  await db.schema
    .createIndex('admin_line_link_codes_account')
    .on('admin_line_link_codes')
    .column('account_id')
    .execute()

  await db.schema
    .createTable('admin_line_links')
    .addColumn('account_id', 'text', (c) =>
      c.primaryKey().references('admin_accounts.id').onDelete('cascade'),
    )
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.slug'))
    .addColumn('line_user', 'bytea', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('admin_line_links').execute()
  await db.schema.dropTable('admin_line_link_codes').execute()
}
