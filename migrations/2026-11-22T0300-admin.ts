import { type Kysely, sql } from 'kysely'

// Admin console: organizations (one deployment, several agencies), admin accounts, sessions,
// login throttling and the append-only audit log. Group labels live in group_labels
// (2026-11-22T0200-broadcasts), shared with audiences.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('orgs')
    .addColumn('slug', 'text', (c) => c.primaryKey().check(sql`slug ~ '^[a-z0-9-]{1,40}$'`))
    .addColumn('name_th', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    // Confidential class: AES-GCM sealed with the keyring; key_id names the key for rotation.
    .addColumn('channel_secret', 'bytea')
    .addColumn('channel_token', 'bytea')
    .addColumn('key_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  // The environment's LINE channel is the default organization: a single agency sets up nothing.
  await db.insertInto('orgs').values({ slug: 'default', name_th: 'หน่วยงาน', name_en: 'Agency' }).execute()

  await db.schema
    .createTable('admin_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.slug'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('owner', 'broadcaster', 'complaint_officer', 'auditor')`),
    )
    // "pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>": iterations can be raised later.
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('admin_sessions')
    // SHA-256 of the cookie's token: a database leak does not hand out live sessions.
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('admin_accounts.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('admin_sessions_account').on('admin_sessions').column('account_id').execute()

  // One row per failed login, keyed by HMAC of the account e-mail or of the client address.
  await db.schema
    .createTable('admin_login_failures')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('admin_login_failures_key')
    .on('admin_login_failures')
    .columns(['key', 'at'])
    .execute()

  await db.schema
    .createTable('admin_audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    // Null only for failed logins to an unknown account: no organization can be named.
    .addColumn('org_id', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_email', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('detail', 'text')
    .execute()
  await db.schema.createIndex('admin_audit_log_org').on('admin_audit_log').columns(['org_id', 'id']).execute()
  // Append-only is enforced by the database too, not only by the repository having no such path.
  await sql`create function admin_audit_log_append_only() returns trigger language plpgsql as $$
    begin raise exception 'admin_audit_log is append-only'; end $$`.execute(db)
  await sql`create trigger admin_audit_log_no_change before update or delete on admin_audit_log
    for each row execute function admin_audit_log_append_only()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger admin_audit_log_no_change on admin_audit_log`.execute(db)
  await sql`drop function admin_audit_log_append_only()`.execute(db)
  await db.schema.dropTable('admin_audit_log').execute()
  await db.schema.dropTable('admin_login_failures').execute()
  await db.schema.dropTable('admin_sessions').execute()
  await db.schema.dropTable('admin_accounts').execute()
  await db.schema.dropTable('orgs').execute()
}
