import { type Kysely, sql } from 'kysely'

// Foundation: the durable webhook inbox and the contact registries (friends, groups).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhook_inbox')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    // HMAC of the source chat: orders work per chat without keeping the raw id.
    .addColumn('chat_key', 'text')
    .addColumn('message_id', 'text')
    .addColumn('event_ts', 'timestamptz')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'processing', 'done', 'parked', 'ignored', 'dropped')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('lease_until', 'timestamptz')
    .addColumn('payload', 'bytea')
    .addColumn('key_id', 'text')
    .addColumn('outcome', 'text')
    .addColumn('handled_at', 'timestamptz')
    .execute()
  // The worker scans open events oldest first; done rows (the bulk) stay out of both indexes.
  await sql`create index webhook_inbox_open on webhook_inbox (event_ts)
    where status in ('pending', 'processing')`.execute(db)
  await sql`create index webhook_inbox_chat_order on webhook_inbox (chat_key, event_ts, event_id)
    where status in ('pending', 'processing')`.execute(db)
  await sql`create index webhook_inbox_message on webhook_inbox (message_id)
    where message_id is not null`.execute(db)

  // Contact class (DESIGN.md): raw ids the bot needs in order to send; never joined to complaints.
  await db.schema
    .createTable('line_friends')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('following', 'unfollowed')`))
    .addColumn('followed_at', 'timestamptz')
    .addColumn('unfollowed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('line_friends_pk', ['org_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('line_groups')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('chat_type', 'text', (c) => c.notNull().check(sql`chat_type in ('group', 'room')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'left')`))
    .addColumn('name', 'text')
    .addColumn('picture_url', 'text')
    .addColumn('member_count', 'integer')
    .addColumn('joined_at', 'timestamptz')
    .addColumn('left_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('line_groups_pk', ['org_id', 'chat_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('line_groups').execute()
  await db.schema.dropTable('line_friends').execute()
  await db.schema.dropTable('webhook_inbox').execute()
}
