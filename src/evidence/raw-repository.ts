import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import type { FigureSource, YearQuery } from './repository.js'

type Db = Kysely<Database>

// The report's figures straight from engagement_events, without the rollups: exact in any time
// zone, and the yardstick the rollups are measured against (tests, npm run bench:report).

const measure = sql<string>`coalesce(measure, '')`
const place = sql<string>`coalesce(place_key, '')`
const localDay = (tz: string) => sql<string>`(occurred_at at time zone ${tz})::date`
const month = (tz: string) => sql<string>`to_char(occurred_at at time zone ${tz}, 'YYYY-MM')`
const fyOf = (tz: string) =>
  sql<number>`extract(year from ${localDay(tz)})::int + 543 + case when extract(month from ${localDay(tz)}) >= 10 then 1 else 0 end`
const scored = sql`jsonb_typeof(data -> 'score') = 'number' and jsonb_typeof(data -> 'total') = 'number'`
/** GROUP BY output columns by position: an expression with the zone as a parameter would not match itself. */
const cols = (n: number) => Array.from({ length: n }, (_, i) => sql`${sql.raw(String(i + 1))}`)
const ANY = (kinds: readonly string[]) => (kinds.length > 0 ? kinds : [''])

const events = (db: Db, q: YearQuery) =>
  db
    .selectFrom('engagement_events')
    .where('org_id', '=', q.orgId)
    .where('occurred_at', '>=', q.start)
    .where('occurred_at', '<', q.end)

/** Keys of people: set, and not the group's own key (a push to a group is keyed by the group). */
const person = sql<boolean>`chat_key is not null and chat_key is distinct from place_key`

export const rawFigures: FigureSource = {
  byKind: (db, q) =>
    events(db, q)
      .select([
        measure.as('measure'),
        'kind',
        sql<number>`count(*)`.as('events'),
        sql<string>`coalesce(sum(case when ${scored} then (data ->> 'score')::numeric end), 0)`.as(
          'score_sum',
        ),
        sql<string>`coalesce(sum(case when ${scored} then (data ->> 'total')::numeric end), 0)`.as(
          'score_total',
        ),
      ])
      .groupBy([measure, 'kind'])
      .execute(),

  byMonth: (db, q, kinds) =>
    events(db, q)
      .select([
        measure.as('measure'),
        'kind',
        month(q.timeZone).as('month'),
        sql<number>`count(*)`.as('events'),
      ])
      .where('kind', 'in', ANY(kinds))
      .groupBy(cols(3))
      .execute(),

  byPlace: (db, q) =>
    events(db, q)
      .select([measure.as('measure'), 'kind', place.as('place_key'), sql<number>`count(*)`.as('events')])
      .where('place_key', 'is not', null)
      .groupBy([measure, 'kind', place])
      .execute(),

  people: (db, q) =>
    events(db, q)
      .select([measure.as('measure'), sql<number>`count(distinct chat_key)`.as('people')])
      .where(person)
      .groupBy(measure)
      .execute(),

  newByMonth: (db, q) =>
    db
      .selectFrom(
        events(db, q)
          .select([
            measure.as('measure'),
            sql<string>`to_char(min(${localDay(q.timeZone)}), 'YYYY-MM')`.as('month'),
          ])
          .where(person)
          .groupBy([measure, 'chat_key'])
          .as('firsts'),
      )
      .select(['measure', 'month', sql<number>`count(*)`.as('people')])
      .groupBy(['measure', 'month'])
      .execute(),

  peopleByKind: (db, q, kinds) =>
    events(db, q)
      .select([measure.as('measure'), 'kind', sql<number>`count(distinct chat_key)`.as('people')])
      .where('kind', 'in', ANY(kinds))
      .where(person)
      .groupBy([measure, 'kind'])
      .execute(),

  peopleByPlace: (db, q, kinds) =>
    events(db, q)
      .select([
        measure.as('measure'),
        'kind',
        place.as('place_key'),
        sql<number>`count(distinct chat_key)`.as('people'),
      ])
      .where('kind', 'in', ANY(kinds))
      .where('place_key', 'is not', null)
      .where(person)
      .groupBy([measure, 'kind', place])
      .execute(),

  directReach: (db, q, ackKinds) =>
    events(db, q)
      .select([
        measure.as('measure'),
        sql<number>`count(distinct chat_key)`.as('people'),
        sql<number>`count(distinct chat_key) filter (where kind in (${sql.join(ANY(ackKinds))}))`.as('acked'),
      ])
      .where('kind', 'in', ['message.sent', ...ackKinds])
      .where('place_key', 'is', null)
      .where('chat_key', 'is not', null)
      .groupBy(measure)
      .execute(),

  overview: async (db, orgId, years, kinds) => {
    const first = years[0]
    const last = years.at(-1)
    if (!first || !last) return []
    return db
      .selectFrom('engagement_events')
      .select([
        fyOf(first.timeZone).as('fiscal_year'),
        measure.as('measure'),
        'kind',
        sql<number>`count(*)`.as('events'),
      ])
      .where('org_id', '=', orgId)
      .where('occurred_at', '>=', first.start)
      .where('occurred_at', '<', last.end)
      .where('kind', 'in', ANY(kinds))
      .groupBy(cols(3))
      .execute()
  },

  overviewPeople: async (db, orgId, years) => {
    const first = years[0]
    const last = years.at(-1)
    if (!first || !last) return []
    return db
      .selectFrom('engagement_events')
      .select([
        fyOf(first.timeZone).as('fiscal_year'),
        measure.as('measure'),
        sql<number>`count(distinct chat_key)`.as('people'),
      ])
      .where('org_id', '=', orgId)
      .where('occurred_at', '>=', first.start)
      .where('occurred_at', '<', last.end)
      .where(person)
      .groupBy(cols(2))
      .execute()
  },
}
