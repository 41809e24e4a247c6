import { type Insertable, type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import type {
  InsightFeature,
  InsightRunRow,
  InsightRunStatus,
  LineDailyStatsTable,
  LineUnitStatsTable,
} from './tables.js'

// LINE statistics (kysely only): the organization's access and budget rows, the daily runs,
// and the figures. The job (job.ts) owns the transactions.

type Db = Kysely<Database>

export async function ensureInsightOrg(db: Db, orgId: string): Promise<void> {
  await db
    .insertInto('line_insight_orgs')
    .values({ org_id: orgId })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .execute()
}

/** Serialises the organization's budget: whoever holds this row counts the next call. */
export const lockInsightOrg = (db: Db, orgId: string) =>
  db
    .selectFrom('line_insight_orgs')
    .select('org_id')
    .where('org_id', '=', orgId)
    .forUpdate()
    .executeTakeFirst()

export const listRefusals = (db: Db, orgId: string) =>
  db.selectFrom('line_insight_access').selectAll().where('org_id', '=', orgId).orderBy('feature').execute()

/** Keeps the first time LINE said no: "not available since", not "since last week's retry". */
export async function markUnavailable(
  db: Db,
  orgId: string,
  feature: InsightFeature,
  o: { at: Date; retryAt: Date; detail: string },
) {
  await db
    .insertInto('line_insight_access')
    .values({ org_id: orgId, feature, unavailable_since: o.at, retry_at: o.retryAt, detail: o.detail })
    .onConflict((oc) =>
      oc.columns(['org_id', 'feature']).doUpdateSet({ retry_at: o.retryAt, detail: o.detail }),
    )
    .execute()
}

export async function markAvailable(db: Db, orgId: string, feature: InsightFeature): Promise<void> {
  await db
    .deleteFrom('line_insight_access')
    .where('org_id', '=', orgId)
    .where('feature', '=', feature)
    .execute()
}

export async function pruneCalls(db: Db, orgId: string, before: Date): Promise<void> {
  await db.deleteFrom('line_insight_calls').where('org_id', '=', orgId).where('at', '<=', before).execute()
}

export const callsSince = (db: Db, orgId: string, since: Date) =>
  db
    .selectFrom('line_insight_calls')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min<Date | null>('at').as('oldest')])
    .where('org_id', '=', orgId)
    .where('at', '>', since)
    .executeTakeFirstOrThrow()

export async function insertCall(db: Db, orgId: string, at: Date): Promise<void> {
  await db.insertInto('line_insight_calls').values({ org_id: orgId, at }).execute()
}

export async function ensureRun(db: Db, orgId: string, day: string, now: Date): Promise<void> {
  await db
    .insertInto('line_insight_runs')
    .values({ org_id: orgId, day, next_attempt_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['org_id', 'day']).doNothing())
    .execute()
}

/** The newest due run of the organization since `oldestDay`, leased to the caller; of two callers one wins. */
export async function claimRun(
  db: Db,
  o: { orgId: string; now: Date; leaseUntil: Date; oldestDay: string },
): Promise<InsightRunRow | undefined> {
  const r = await sql<InsightRunRow>`
    update line_insight_runs r set lease_until = ${o.leaseUntil}, attempts = r.attempts + 1, updated_at = ${o.now}
    from (select org_id, day from line_insight_runs
          where org_id = ${o.orgId} and status = 'pending' and day >= ${o.oldestDay}::date
            and next_attempt_at <= ${o.now} and (lease_until is null or lease_until < ${o.now})
          order by day desc limit 1
          for update skip locked) s
    where r.org_id = s.org_id and r.day = s.day
    returning r.*`.execute(db)
  return r.rows[0]
}

/** Settles the caller's claim (fenced on `attempts`); `refund` gives the attempt back. */
export async function settleRun(
  db: Db,
  run: { orgId: string; day: string; claimed: number },
  to: { status: InsightRunStatus; nextAttemptAt?: Date; note: string | null; now: Date; refund?: boolean },
): Promise<void> {
  await db
    .updateTable('line_insight_runs')
    .set({
      status: to.status,
      lease_until: null,
      note: to.note,
      updated_at: to.now,
      ...(to.nextAttemptAt ? { next_attempt_at: to.nextAttemptAt } : {}),
      ...(to.refund ? { attempts: run.claimed - 1 } : {}),
    })
    .where('org_id', '=', run.orgId)
    .where('day', '=', run.day)
    .where('attempts', '=', run.claimed)
    .execute()
}

export const findDailyStats = (db: Db, orgId: string, day: string) =>
  db
    .selectFrom('line_daily_stats')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('day', '=', day)
    .executeTakeFirst()

type DailyFields = Partial<Omit<LineDailyStatsTable, 'org_id' | 'day' | 'fetched_at'>>

export async function upsertDailyStats(db: Db, orgId: string, day: string, fields: DailyFields, at: Date) {
  await db
    .insertInto('line_daily_stats')
    .values({ org_id: orgId, day, fetched_at: at, ...fields })
    .onConflict((oc) => oc.columns(['org_id', 'day']).doUpdateSet({ ...fields, fetched_at: at }))
    .execute()
}

/** Broadcasts pushed (not LINE-broadcast) in the window, with their first send in it. */
export const sentBroadcasts = (db: Db, orgId: string, since: Date, until: Date) =>
  db
    .selectFrom('broadcast_runs as r')
    .innerJoin('broadcast_deliveries as d', 'd.run_id', 'r.id')
    .select(['r.broadcast_id', (eb) => eb.fn.min<Date>('d.sent_at').as('first_sent')])
    .where('r.org_id', '=', orgId)
    .where('r.started_at', '<', until)
    .where((eb) => eb.or([eb('r.finished_at', 'is', null), eb('r.finished_at', '>=', since)]))
    .where('d.status', '=', 'sent')
    .where('d.recipient_type', '<>', 'all_followers')
    .where('d.sent_at', '>=', since)
    .where('d.sent_at', '<', until)
    .groupBy('r.broadcast_id')
    .orderBy('first_sent')
    .execute()

export const unitsFetched = (db: Db, orgId: string, toDay: string) =>
  db
    .selectFrom('line_unit_stats')
    .select('unit')
    .where('org_id', '=', orgId)
    .where('to_day', '=', toDay)
    .execute()

export async function upsertUnitStats(db: Db, row: Insertable<LineUnitStatsTable>): Promise<void> {
  const { org_id: _o, unit: _u, to_day: _t, ...rest } = row
  await db
    .insertInto('line_unit_stats')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'unit', 'to_day']).doUpdateSet(rest))
    .execute()
}

export const listDailyStats = (db: Db, orgId: string, fromDay: string, toDay: string) =>
  db
    .selectFrom('line_daily_stats')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .orderBy('day')
    .execute()

/** The latest figures of each unit first sent in the range, as of `toDay` at the latest. */
export const latestUnitStats = (db: Db, orgId: string, fromDay: string, toDay: string) =>
  db
    .selectFrom('line_unit_stats')
    .selectAll()
    .distinctOn(['unit', 'from_day'])
    .where('org_id', '=', orgId)
    .where('from_day', '>=', fromDay)
    .where('from_day', '<=', toDay)
    .where('to_day', '<=', toDay)
    .orderBy('unit')
    .orderBy('from_day')
    .orderBy('to_day', 'desc')
    .execute()
