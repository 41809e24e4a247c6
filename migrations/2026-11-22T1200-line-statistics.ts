import { type Kysely, sql } from 'kysely'

// LINE's own statistics beside ours (issue 6), fetched once a day per organization.
// Figures are bigint and nullable: LINE answers null for anything under 20, and a null must
// stay a null (never 0). Days are LINE's days (UTC+9).
export async function up(db: Kysely<any>): Promise<void> {
  // One row per organization, locked while a call is counted against its hourly budget.
  await db.schema
    .createTable('line_insight_orgs')
    .addColumn('org_id', 'text', (c) => c.primaryKey())
    .execute()

  // What LINE refused with 403 (a plan without that statistic): 'delivery', 'followers' or
  // 'units'. Recorded once, asked again after `retry_at`; the row goes when LINE answers again.
  await db.schema
    .createTable('line_insight_access')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('feature', 'text', (c) => c.notNull())
    .addColumn('unavailable_since', 'timestamptz', (c) => c.notNull())
    .addColumn('retry_at', 'timestamptz', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addPrimaryKeyConstraint('line_insight_access_pk', ['org_id', 'feature'])
    .execute()

  // Every insight request made, for LINE's 60 an hour per channel (a rolling hour).
  await db.schema
    .createTable('line_insight_calls')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute()
  await sql`create index line_insight_calls_org on line_insight_calls (org_id, at)`.execute(db)

  // One run per organization and day: claimed with a lease, done once.
  await db.schema
    .createTable('line_insight_runs')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('lease_until', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('line_insight_runs_pk', ['org_id', 'day'])
    .execute()

  const figures = [
    'broadcast',
    'targeting',
    'auto_response',
    'welcome_response',
    'chat',
    'api_broadcast',
    'api_push',
    'api_multicast',
    'api_narrowcast',
    'api_reply',
    'followers',
    'targeted_reaches',
    'blocks',
  ]
  let daily = db.schema
    .createTable('line_daily_stats')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    // null: not fetched yet; 'ready' or 'out_of_service' once LINE answered for good.
    .addColumn('delivery_status', 'text')
    .addColumn('followers_status', 'text')
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull())
  for (const f of figures) daily = daily.addColumn(f, 'bigint')
  await daily.addPrimaryKeyConstraint('line_daily_stats_pk', ['org_id', 'day']).execute()

  // Per broadcast (its aggregation unit): the figures from its first send to `to_day`, one row
  // per day fetched, so the latest row is the current figure and the rows show reach over time.
  await db.schema
    .createTable('line_unit_stats')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('broadcast_id', 'text', (c) => c.notNull())
    .addColumn('from_day', 'date', (c) => c.notNull())
    .addColumn('to_day', 'date', (c) => c.notNull())
    .addColumn('unique_impression', 'bigint')
    .addColumn('unique_click', 'bigint')
    .addColumn('unique_media_played', 'bigint')
    .addColumn('unique_media_played_100', 'bigint')
    .addColumn('messages', 'jsonb', (c) => c.notNull())
    .addColumn('clicks', 'jsonb', (c) => c.notNull())
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('line_unit_stats_pk', ['org_id', 'unit', 'to_day'])
    .execute()
  await sql`create index line_unit_stats_broadcast on line_unit_stats (org_id, broadcast_id, to_day)`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['line_unit_stats', 'line_daily_stats', 'line_insight_runs', 'line_insight_calls']) {
    await db.schema.dropTable(t).execute()
  }
  await db.schema.dropTable('line_insight_access').execute()
  await db.schema.dropTable('line_insight_orgs').execute()
}
