import { type Kysely, sql } from 'kysely'
import type { Keyring } from '../../src/core/keyring.js'
import type { Database } from '../../src/db/schema.js'
import { engagementChatKey } from '../../src/engagement/events.js'

// A fiscal year (2569) of a large agency for npm run bench:report, written in set-based SQL:
// 10,000 staff in 200 groups of 50 (20 labelled units of 10 groups), five measures each with a
// monthly broadcast to every group (60 runs, 12,000 deliveries), and the staff's pledges, views,
// presses and quiz answers until the log holds a million events. Rows go through the real
// trigger, so the seeding time includes keeping the rollups.

export const BENCH_ORG = 'bench'
export const STAFF = 10_000
export const GROUPS = 200
export const UNITS = 20
export const TOTAL_EVENTS = 1_000_000
export const MEASURES = ['budget', 'assets', 'nogift', 'complaints', 'ethics'] as const

const hex = (prefix: string, i: number) => `${prefix}${i.toString(16).padStart(32, '0')}`
/** FY2569 starts at midnight of 1 October 2025 in Bangkok. */
const YEAR_START = '2025-09-30T17:00:00Z'

/** What staff do, one entry per share of the events (measure, kind). */
const KINDS: [string, string][] = [
  ['nogift', 'pledge'],
  ['nogift', 'pledge'],
  ['nogift', 'postback.pressed'],
  ['nogift', 'declaration.viewed'],
  ['assets', 'guide.viewed'],
  ['assets', 'guide.viewed'],
  ['assets', 'quiz.answered'],
  ['assets', 'quiz.completed'],
  ['budget', 'budget.viewed'],
  ['budget', 'budget.viewed'],
  ['budget', 'postback.pressed'],
  ['ethics', 'guide.viewed'],
  ['ethics', 'quiz.answered'],
  ['ethics', 'quiz.completed'],
  ['complaints', 'guide.viewed'],
  ['complaints', 'postback.pressed'],
]

async function keys(keyring: Keyring, prefix: string, n: number): Promise<{ ids: string[]; keys: string[] }> {
  const ids = Array.from({ length: n }, (_, i) => hex(prefix, i + 1))
  return { ids, keys: await Promise.all(ids.map((id) => engagementChatKey(keyring, id))) }
}

async function contacts(db: Kysely<Database>, groupIds: string[]): Promise<void> {
  await sql`insert into line_groups (org_id, chat_id, chat_type, status, member_count, joined_at, updated_at)
    select ${BENCH_ORG}, id, 'group', 'active', ${STAFF / GROUPS}, now(), now() from unnest(${groupIds}::text[]) id`.execute(
    db,
  )
  await sql`insert into group_labels (org_id, chat_id, label)
    select ${BENCH_ORG}, id, 'กอง ' || lpad(((n - 1) % ${UNITS} + 1)::text, 2, '0')
    from unnest(${groupIds}::text[]) with ordinality t(id, n)`.execute(db)
  await sql`insert into audiences (id, org_id, name, created_at, updated_at)
    values ('bench-all', ${BENCH_ORG}, 'ทุกกอง', now(), now())`.execute(db)
}

/** Five monthly broadcasts, their 60 runs and 12,000 deliveries (1% failed), and the sends' events. */
async function broadcasts(db: Kysely<Database>, groupIds: string[], groupKeys: string[]): Promise<number> {
  await sql`insert into broadcasts (id, org_id, title, template, messages, audience, measure, run_at, recurrence,
      time_zone, status, next_run_at, created_by, created_at, updated_at)
    select 'b-' || m, ${BENCH_ORG}, 'ประจำเดือน: ' || m, 'text', '[{"type":"text","text":"x"}]'::jsonb, 'bench-all', m,
      ${YEAR_START}::timestamptz, '0 9 1 * *', 'Asia/Bangkok', 'scheduled', null, 'bench', now(), now()
    from unnest(${[...MEASURES]}::text[]) m`.execute(db)
  await sql`insert into broadcast_runs (id, org_id, broadcast_id, scheduled_for, status, messages, audience, measure,
      resume_at, created_at, started_at, finished_at)
    select 'r-' || m || '-' || k, ${BENCH_ORG}, 'b-' || m, at, 'sent', '[]'::jsonb, 'bench-all', m, at, at, at, at + interval '5 minutes'
    from unnest(${[...MEASURES]}::text[]) m, generate_series(0, 11) k,
      lateral (select ${YEAR_START}::timestamptz + make_interval(months => k) + interval '9 hours' as at) t`.execute(
    db,
  )
  await sql`insert into broadcast_deliveries (org_id, run_id, recipient, recipient_type, status, retry_key, attempts,
      next_attempt_at, sent_at)
    select ${BENCH_ORG}, r.id, g.id, 'group', case when g.n % 100 = 0 then 'failed' else 'sent' end, gen_random_uuid(), 1,
      r.started_at, r.started_at
    from broadcast_runs r, unnest(${groupIds}::text[]) with ordinality g(id, n)
    where r.org_id = ${BENCH_ORG}`.execute(db)
  const sent = await sql<{ n: number }>`
    insert into engagement_events (org_id, occurred_at, kind, chat_key, ref_type, ref_id, measure, data, place_key)
    select ${BENCH_ORG}, r.started_at, case when g.n % 100 = 0 then 'message.failed' else 'message.sent' end, g.key,
      'broadcast_run', r.id, r.measure, jsonb_build_object('broadcast_id', r.broadcast_id, 'recipient_type', 'group'), g.key
    from broadcast_runs r, unnest(${groupKeys}::text[]) with ordinality g(key, n)
    where r.org_id = ${BENCH_ORG}
    returning 1 as n`.execute(db)
  return sent.rows.length
}

/**
 * Staff events in batches of 100,000: person i % 10,000 (in group person % 200) does about a
 * hundred things in the year, each of every kind, 60% of them in the group and the rest in 1:1.
 */
async function staffEvents(
  db: Kysely<Database>,
  userKeys: string[],
  groupKeys: string[],
  n: number,
): Promise<void> {
  await sql`create temp table bench_users as select n::int as idx, key from unnest(${userKeys}::text[]) with ordinality t(key, n)`.execute(
    db,
  )
  await sql`create temp table bench_groups as select n::int as idx, key from unnest(${groupKeys}::text[]) with ordinality t(key, n)`.execute(
    db,
  )
  await sql`create temp table bench_kinds as select n::int as idx, split_part(v, '|', 1) as measure, split_part(v, '|', 2) as kind
    from unnest(${KINDS.map(([m, k]) => `${m}|${k}`)}::text[]) with ordinality t(v, n)`.execute(db)
  for (let start = 0; start < n; start += 100_000) {
    const end = Math.min(n, start + 100_000) - 1
    await sql`insert into engagement_events (org_id, occurred_at, kind, chat_key, ref_type, ref_id, measure, data, place_key)
      select ${BENCH_ORG}, ${YEAR_START}::timestamptz + ((i::bigint * 7919) % 31536000) * interval '1 second',
        k.kind, u.key, 'bench', null, k.measure,
        case when k.kind = 'quiz.completed' then jsonb_build_object('score', i % 4, 'total', 3) else '{}'::jsonb end,
        case when (i / ${STAFF}) % 5 < 3 then g.key end
      from generate_series(${start}::int, ${end}::int) i
      join bench_users u on u.idx = i % ${STAFF} + 1
      join bench_groups g on g.idx = (i % ${STAFF}) % ${GROUPS} + 1
      join bench_kinds k on k.idx = (i + i / ${STAFF}) % ${KINDS.length} + 1`.execute(db)
  }
}

export async function seedReportYear(db: Kysely<Database>, keyring: Keyring): Promise<number> {
  const groups = await keys(keyring, 'C', GROUPS)
  const users = await keys(keyring, 'U', STAFF)
  await contacts(db, groups.ids)
  const sends = await broadcasts(db, groups.ids, groups.keys)
  await db.connection().execute(async (conn) => {
    await staffEvents(conn, users.keys, groups.keys, TOTAL_EVENTS - sends)
  })
  const { n } = await db
    .selectFrom('engagement_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', BENCH_ORG)
    .executeTakeFirstOrThrow()
  return Number(n)
}
