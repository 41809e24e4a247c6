import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'

type Db = Kysely<Database>

// The engagement figures of one organization's fiscal year, read from the rollups (migration
// T1400) that a trigger keeps beside the log. raw-repository.ts answers the same questions
// from engagement_events itself: the benchmark and the tests hold the two side by side.
// A missing measure or place is '' in every row, as the rollups store it.

export interface YearQuery {
  orgId: string
  /** Buddhist era. */
  fy: number
  /** First and last day of the year, 'YYYY-MM-DD'. */
  from: string
  to: string
  /** The same year as instants in the time zone of the report: [start, end). */
  start: Date
  end: Date
  timeZone: string
  /** The measures of flows/: figures of anything else are not asked for. */
  measures: readonly string[]
}

export interface KindRow {
  measure: string
  kind: string
  events: number
  score_sum: string
  score_total: string
}
export interface MonthRow {
  measure: string
  kind: string
  /** 'YYYY-MM'. */
  month: string
  events: number
}
export interface PlaceRow {
  measure: string
  kind: string
  place_key: string
  events: number
}
export interface PeopleRow {
  measure: string
  people: number
}
export interface DirectRow {
  measure: string
  /** Distinct people reached in 1:1: a delivery, or an acknowledgment made there. */
  people: number
  /** Of them, those who acknowledged in 1:1. */
  acked: number
}
export interface NewRow {
  measure: string
  month: string
  people: number
}
export interface KindPeopleRow {
  measure: string
  kind: string
  people: number
}
export interface PlacePeopleRow {
  measure: string
  kind: string
  place_key: string
  people: number
}
export interface OverviewRow {
  fiscal_year: number
  measure: string
  kind: string
  events: number
}
export interface OverviewPeopleRow {
  fiscal_year: number
  measure: string
  people: number
}

/** Every figure the report takes from the log; implemented over the rollups and over the raw log. */
export interface FigureSource {
  byKind(db: Db, q: YearQuery): Promise<KindRow[]>
  byMonth(db: Db, q: YearQuery, kinds: readonly string[]): Promise<MonthRow[]>
  /** Events in groups and rooms only (place_key set). */
  byPlace(db: Db, q: YearQuery): Promise<PlaceRow[]>
  /** Distinct people per measure: keys other than a group's own. */
  people(db: Db, q: YearQuery): Promise<PeopleRow[]>
  /** People by the month they were first reached in the year. */
  newByMonth(db: Db, q: YearQuery): Promise<NewRow[]>
  peopleByKind(db: Db, q: YearQuery, kinds: readonly string[]): Promise<KindPeopleRow[]>
  peopleByPlace(db: Db, q: YearQuery, kinds: readonly string[]): Promise<PlacePeopleRow[]>
  /** The 1:1 chats as one acknowledgment place (rates.ts): whom they reached, who acknowledged. */
  directReach(db: Db, q: YearQuery, ackKinds: readonly string[]): Promise<DirectRow[]>
  overview(db: Db, orgId: string, years: YearQuery[], kinds: readonly string[]): Promise<OverviewRow[]>
  overviewPeople(db: Db, orgId: string, years: YearQuery[]): Promise<OverviewPeopleRow[]>
}

/** An empty IN list is a syntax error; no measure or kind matches ''. */
const ANY = (xs: readonly string[]) => (xs.length > 0 ? xs : [''])
const sum = (col: string) => sql<number>`sum(${sql.ref(col)})::bigint`

const monthly = (db: Db, q: YearQuery) =>
  db
    .selectFrom('engagement_monthly')
    .where('org_id', '=', q.orgId)
    .where('month', '>=', q.from)
    .where('month', '<=', q.to)

// The measures are named so the primary key (org, year, measure, kind, …) serves as far as the kind.
const reach = (db: Db, q: YearQuery) =>
  db
    .selectFrom('engagement_reach')
    .where('org_id', '=', q.orgId)
    .where('fiscal_year', '=', q.fy)
    .where('measure', 'in', ANY(q.measures))

export const rollupFigures: FigureSource = {
  byKind: (db, q) =>
    monthly(db, q)
      .select((eb) => [
        'measure',
        'kind',
        sum('events').as('events'),
        eb.fn.sum<string>('score_sum').as('score_sum'),
        eb.fn.sum<string>('score_total').as('score_total'),
      ])
      .groupBy(['measure', 'kind'])
      .execute(),

  byMonth: (db, q, kinds) =>
    monthly(db, q)
      .select([
        'measure',
        'kind',
        sql<string>`to_char(month, 'YYYY-MM')`.as('month'),
        sum('events').as('events'),
      ])
      .where('kind', 'in', ANY(kinds))
      .groupBy(['measure', 'kind', 'month'])
      .execute(),

  byPlace: (db, q) =>
    monthly(db, q)
      .select(['measure', 'kind', 'place_key', sum('events').as('events')])
      .where('place_key', '<>', '')
      .groupBy(['measure', 'kind', 'place_key'])
      .execute(),

  people: (db, q) =>
    db
      .selectFrom('engagement_first_reach')
      .select((eb) => ['measure', eb.fn.countAll<number>().as('people')])
      .where('org_id', '=', q.orgId)
      .where('fiscal_year', '=', q.fy)
      .groupBy('measure')
      .execute(),

  newByMonth: (db, q) =>
    db
      .selectFrom('engagement_first_reach')
      .select((eb) => [
        'measure',
        sql<string>`to_char(first_day, 'YYYY-MM')`.as('month'),
        eb.fn.countAll<number>().as('people'),
      ])
      .where('org_id', '=', q.orgId)
      .where('fiscal_year', '=', q.fy)
      .groupBy(['measure', 'month'])
      .execute(),

  peopleByKind: (db, q, kinds) =>
    reach(db, q)
      .select((eb) => ['measure', 'kind', eb.fn.count<number>('chat_key').distinct().as('people')])
      .where('kind', 'in', ANY(kinds))
      .whereRef('chat_key', '<>', 'place_key')
      .groupBy(['measure', 'kind'])
      .execute(),

  peopleByPlace: (db, q, kinds) =>
    reach(db, q)
      .select((eb) => ['measure', 'kind', 'place_key', eb.fn.countAll<number>().as('people')])
      .where('kind', 'in', ANY(kinds))
      .where('place_key', '<>', '')
      .whereRef('chat_key', '<>', 'place_key')
      .groupBy(['measure', 'kind', 'place_key'])
      .execute(),

  directReach: (db, q, ackKinds) =>
    reach(db, q)
      .select([
        'measure',
        sql<number>`count(distinct chat_key)`.as('people'),
        sql<number>`count(distinct chat_key) filter (where kind in (${sql.join(ANY(ackKinds))}))`.as('acked'),
      ])
      .where('kind', 'in', ['message.sent', ...ackKinds])
      .where('place_key', '=', '')
      .groupBy('measure')
      .execute(),

  overview: async (db, orgId, years, kinds) => {
    const first = years[0]
    const last = years.at(-1)
    if (!first || !last) return []
    const fy = sql<number>`extract(year from month)::int + 543 + case when extract(month from month) >= 10 then 1 else 0 end`
    return db
      .selectFrom('engagement_monthly')
      .select([fy.as('fiscal_year'), 'measure', 'kind', sum('events').as('events')])
      .where('org_id', '=', orgId)
      .where('month', '>=', first.from)
      .where('month', '<=', last.to)
      .where('kind', 'in', ANY(kinds))
      .groupBy(['fiscal_year', 'measure', 'kind'])
      .execute()
  },

  overviewPeople: (db, orgId, years) =>
    db
      .selectFrom('engagement_first_reach')
      .select((eb) => ['fiscal_year', 'measure', eb.fn.countAll<number>().as('people')])
      .where('org_id', '=', orgId)
      .where(
        'fiscal_year',
        'in',
        years.map((y) => y.fy),
      )
      .groupBy(['fiscal_year', 'measure'])
      .execute(),
}
