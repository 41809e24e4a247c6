import { type Kysely, type RawBuilder, sql } from 'kysely'

// Rollups of the engagement log, so a fiscal year of a large agency (a million events) reports
// in well under a second (issue 6). The log stays append-only and remains the truth: the three
// tables are derived from it, kept up to date by one statement-level trigger that sees every
// writer (appendEvents, the raw INSERT of broadcast outcomes, anything added later), and built
// here from what the log already holds.
//
// - engagement_monthly: events per organization, month, measure, kind and place (the group or
//   room; '' in 1:1), with the quiz score sums a mean needs. A month, not a day: fiscal years
//   are whole months and the report shows nothing finer, while a day per group and kind keeps
//   about half as many rows as the log itself.
// - engagement_reach: each pseudonymous key once per organization, fiscal year (Buddhist era,
//   October first), measure, kind and place. People per kind and acknowledging people per unit
//   become counts over it instead of DISTINCT over the log. Insert-only.
// - engagement_first_reach: the day each person was first reached per organization, fiscal year
//   and measure: unique people is a count, "newly reached per month" a GROUP BY. A group's own
//   key (a push to the group: chat_key = place_key) is a chat, not a person, and is left out.
//
// A missing measure or place is stored as '' so it can be part of the primary key. Months and
// days are Bangkok's: the agencies are Thai and fiscal years turn at midnight of 1 October
// there; a deployment in another zone reads the log itself (src/evidence/report.ts).

/** The statements that fold a set of events (the log, or a statement's new rows) into the rollups. */
function fold(source: RawBuilder<unknown>): RawBuilder<unknown>[] {
  // Rows are upserted in key order, so two concurrent writers lock shared rows in the same order
  // and cannot deadlock each other.
  const day = sql`(occurred_at at time zone 'Asia/Bangkok')::date`
  const fy = sql`extract(year from day)::int + 543 + case when extract(month from day) >= 10 then 1 else 0 end`
  const scored = sql`jsonb_typeof(data -> 'score') = 'number' and jsonb_typeof(data -> 'total') = 'number'`
  const monthly = sql`
    insert into engagement_monthly as m (org_id, month, measure, kind, place_key, events, score_sum, score_total)
    select org_id, date_trunc('month', ${day})::date, coalesce(measure, ''), kind, coalesce(place_key, ''), count(*),
           coalesce(sum(case when ${scored} then (data ->> 'score')::numeric end), 0),
           coalesce(sum(case when ${scored} then (data ->> 'total')::numeric end), 0)
    from ${source}
    group by 1, 2, 3, 4, 5
    order by 1, 2, 3, 4, 5
    on conflict (org_id, month, measure, kind, place_key) do update
      set events = m.events + excluded.events,
          score_sum = m.score_sum + excluded.score_sum,
          score_total = m.score_total + excluded.score_total`
  const reach = sql`
    insert into engagement_reach (org_id, fiscal_year, measure, kind, chat_key, place_key)
    select distinct org_id, ${fy}, measure, kind, chat_key, place_key
    from (select org_id, ${day} as day, coalesce(measure, '') as measure, kind, chat_key,
                 coalesce(place_key, '') as place_key
          from ${source} where chat_key is not null) e
    order by 1, 2, 3, 4, 5, 6
    on conflict do nothing`
  // Only an earlier day rewrites a row (an event written late): the usual case adds no row version.
  const first = sql`
    insert into engagement_first_reach as f (org_id, fiscal_year, measure, chat_key, first_day)
    select org_id, ${fy}, measure, chat_key, min(day)
    from (select org_id, ${day} as day, coalesce(measure, '') as measure, chat_key
          from ${source} where chat_key is not null and chat_key is distinct from place_key) e
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4
    on conflict (org_id, fiscal_year, measure, chat_key) do update
      set first_day = excluded.first_day
      where excluded.first_day < f.first_day`
  return [monthly, reach, first]
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table engagement_monthly (
      org_id text not null,
      month date not null,
      measure text not null,
      kind text not null,
      place_key text not null,
      events bigint not null,
      score_sum numeric not null default 0,
      score_total numeric not null default 0,
      primary key (org_id, month, measure, kind, place_key)
    )`.execute(db)
  // chat_key before place_key: distinct people per kind read the index in order.
  await sql`
    create table engagement_reach (
      org_id text not null,
      fiscal_year integer not null,
      measure text not null,
      kind text not null,
      chat_key text not null,
      place_key text not null,
      primary key (org_id, fiscal_year, measure, kind, chat_key, place_key)
    )`.execute(db)
  await sql`
    create table engagement_first_reach (
      org_id text not null,
      fiscal_year integer not null,
      measure text not null,
      chat_key text not null,
      first_day date not null,
      primary key (org_id, fiscal_year, measure, chat_key)
    )`.execute(db)

  // Per-broadcast figures come from runs and deliveries; runs are found by organization and time.
  await sql`create index broadcast_runs_org_started on broadcast_runs (org_id, started_at)`.execute(db)

  await sql`
    create function engagement_rollup() returns trigger language plpgsql as $fn$
    begin
      ${sql.join(
        fold(sql`new_events`),
        sql`;
`,
      )};
      return null;
    end
    $fn$`.execute(db)
  // Created before the backfill: it locks out writers until this migration commits, so every
  // event is counted once, either by the backfill or by the trigger.
  await sql`
    create trigger engagement_rollup after insert on engagement_events
    referencing new table as new_events
    for each statement execute function engagement_rollup()`.execute(db)
  for (const statement of fold(sql`engagement_events`)) await statement.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger engagement_rollup on engagement_events`.execute(db)
  await sql`drop function engagement_rollup()`.execute(db)
  await sql`drop index broadcast_runs_org_started`.execute(db)
  await db.schema.dropTable('engagement_first_reach').execute()
  await db.schema.dropTable('engagement_reach').execute()
  await db.schema.dropTable('engagement_monthly').execute()
}
