import { type Kysely, sql } from 'kysely'

// Broadcasts (issue 3): group labels, audiences, broadcasts, one run per occurrence, one
// delivery per run × recipient, and the pseudonymous engagement log.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('group_labels')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('group_labels_pk', ['org_id', 'chat_id', 'label'])
    .execute()
  await sql`create index group_labels_label on group_labels (org_id, label)`.execute(db)

  await db.schema
    .createTable('audiences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createTable('audience_members')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('audience_id', 'text', (c) => c.notNull().references('audiences.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('group', 'label')`))
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audience_members_pk', ['audience_id', 'kind', 'value'])
    .execute()

  await db.schema
    .createTable('broadcasts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) =>
      c.notNull().check(sql`template in ('text', 'flex', 'budget', 'assets', 'nogift')`),
    )
    .addColumn('messages', 'jsonb', (c) => c.notNull())
    // An audience id, or 'all_followers' (LINE's broadcast endpoint).
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('measure', 'text')
    .addColumn('run_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recurrence', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Asia/Bangkok'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('draft', 'scheduled', 'sending', 'sent', 'partly_failed', 'failed', 'cancelled')`,
        ),
    )
    // The next occurrence still to materialise (UTC); null when nothing is due any more.
    .addColumn('next_run_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create index broadcasts_due on broadcasts (next_run_at) where status = 'scheduled'`.execute(db)

  await db.schema
    .createTable('broadcast_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('broadcast_id', 'text', (c) => c.notNull().references('broadcasts.id'))
    .addColumn('scheduled_for', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'sending', 'sent', 'partly_failed', 'failed')`),
    )
    // Snapshots taken when the run is materialised: editing the broadcast never changes a run.
    .addColumn('messages', 'jsonb', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('measure', 'text')
    // A 429 rate limit pauses the whole run until then.
    .addColumn('resume_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addUniqueConstraint('broadcast_runs_occurrence', ['broadcast_id', 'scheduled_for'])
    .execute()
  await sql`create index broadcast_runs_open on broadcast_runs (status)
    where status in ('pending', 'sending')`.execute(db)

  // Contact class: raw chat ids the bot sends to. Never joined to complaints.
  await db.schema
    .createTable('broadcast_deliveries')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull().references('broadcast_runs.id'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('recipient_type', 'text', (c) =>
      c.notNull().check(sql`recipient_type in ('group', 'room', 'user', 'all_followers')`),
    )
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'sending', 'sent', 'failed')`),
    )
    // Stored before the first attempt; every attempt sends this same X-Line-Retry-Key.
    .addColumn('retry_key', 'uuid', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('lease_until', 'timestamptz')
    .addColumn('request_id', 'text')
    .addColumn('answer_status', 'integer')
    .addColumn('detail', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addPrimaryKeyConstraint('broadcast_deliveries_pk', ['run_id', 'recipient'])
    .execute()
  await sql`create index broadcast_deliveries_open on broadcast_deliveries (run_id, next_attempt_at)
    where status in ('pending', 'sending')`.execute(db)

  // Pseudonymous class: chat_key is HMAC(pepper, chat id), never the id. Append-only.
  await db.schema
    .createTable('engagement_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('chat_key', 'text')
    .addColumn('ref_type', 'text')
    .addColumn('ref_id', 'text')
    .addColumn('measure', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute()
  await sql`create index engagement_events_org_time on engagement_events (org_id, occurred_at)`.execute(db)
  await sql`create index engagement_events_ref on engagement_events (ref_type, ref_id)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'engagement_events',
    'broadcast_deliveries',
    'broadcast_runs',
    'broadcasts',
    'audience_members',
    'audiences',
    'group_labels',
  ]) {
    await db.schema.dropTable(t).execute()
  }
}
