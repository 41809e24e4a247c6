import { type Kysely, sql } from 'kysely'

// The answers to people's messages that are on their way to LINE. A row is written (and
// committed) before LINE is called, so a crash, a lost answer from LINE or a failed write
// afterwards can be found out instead of answered twice; a row whose send failed waits here to
// be retried. The chat and the messages are sealed (payload, as in webhook_inbox); chat_key is
// the inbox's pseudonym of the chat, only to keep a chat's answers in order. A sent row goes
// with its inbox row (1:1 chats keep nothing), or at once when the inbox row is gone.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('answer_outbox')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('chat_key', 'text')
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('sending', 'pending', 'done')`))
    .addColumn('via', 'text', (c) => c.notNull().check(sql`via in ('reply', 'push')`))
    .addColumn('uncertain', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('event_ts', 'timestamptz')
    .addColumn('reply_until', 'timestamptz')
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('payload', 'bytea')
    .addColumn('key_id', 'text')
    .addPrimaryKeyConstraint('answer_outbox_pk', ['event_id', 'seq'])
    .execute()
  await sql`create index answer_outbox_open on answer_outbox (event_ts)
    where state in ('sending', 'pending')`.execute(db)
  await sql`create index answer_outbox_chat_order on answer_outbox (chat_key, event_ts, event_id, seq)
    where state in ('sending', 'pending')`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('answer_outbox').execute()
}
