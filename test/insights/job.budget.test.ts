import type { Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createPgDb } from '../../src/db/pg.js'
import type { Database } from '../../src/db/schema.js'
import { collectLineStatistics } from '../../src/insights/job.js'
import { DB_KINDS } from '../helpers/db.js'
import { DAY, ORG, seedSent, useInsightHarness } from './harness.js'

// LINE allows 60 insight requests an hour per channel. The budget lives in the database, so
// it holds across ticks, processes and a Worker cron alike; a day's run is claimed by one.

const MINUTE = 60_000

describe.each(DB_KINDS)('the hourly budget and one run per day (%s)', (kind) => {
  const h = useInsightHarness(kind)

  async function seventyBroadcasts() {
    for (let i = 0; i < 70; i++) await seedSent(h, new Date(Date.parse('2026-11-20T02:00:00Z') + i * MINUTE))
    h.line.insight.deliveries.set(DAY, { status: 'ready', apiPush: 9000 })
    h.line.insight.followers.set(DAY, { status: 'ready', followers: 9000 })
  }

  it('72 calls to make: 60 within the hour, the 61st not made until an hour has passed', async () => {
    await seventyBroadcasts()
    // A tick every minute for an hour, as the housekeeping cron would.
    for (let m = 0; m < 60; m++) {
      await h.run()
      h.clock.advance(MINUTE)
    }
    expect(h.asked()).toHaveLength(60)
    expect(h.asked().every((a) => a.status === 200)).toBe(true) // LINE never had to say 429
    const [run] = await h.t.db.selectFrom('line_insight_runs').selectAll().execute()
    expect(run).toMatchObject({ status: 'pending', note: 'hourly insight budget used' })
    for (let m = 0; m < 10; m++) {
      await h.run()
      h.clock.advance(MINUTE)
    }
    expect(h.asked()).toHaveLength(72)
    expect(await h.t.db.selectFrom('line_unit_stats').select('unit').execute()).toHaveLength(70)
    // Pauses for the budget are not failed attempts: the run is one attempt that took a while.
    expect(await h.t.db.selectFrom('line_insight_runs').select(['status', 'attempts']).execute()).toEqual([
      { status: 'done', attempts: 1 },
    ])
  })

  it('calls another process made this hour count too', async () => {
    await seventyBroadcasts()
    const earlier = new Date(h.clock.now().getTime() - 20 * MINUTE)
    await h.t.db
      .insertInto('line_insight_calls')
      .values(Array.from({ length: 55 }, () => ({ org_id: ORG, at: earlier })))
      .execute()
    await h.run({ perTick: 100 })
    expect(h.asked()).toHaveLength(5)
    const [run] = await h.t.db.selectFrom('line_insight_runs').selectAll().execute()
    // Free again when the other process's calls are an hour old (plus the margin for call time).
    expect(run?.next_attempt_at).toEqual(new Date(earlier.getTime() + 62 * MINUTE))
  })
})

describe.each(DB_KINDS)('one run per day across processes (%s)', (kind) => {
  // Two connection pools to one database, as two processes have: a database of its own.
  const h = useInsightHarness(kind, { isolation: 'connections' })

  it('two ticks at once (two processes): the day is fetched once, every figure asked for once', async () => {
    for (let i = 0; i < 5; i++) await seedSent(h, new Date(Date.parse('2026-11-20T02:00:00Z') + i * MINUTE))
    h.line.insight.deliveries.set(DAY, { status: 'ready' })
    h.line.insight.followers.set(DAY, { status: 'ready' })
    // On PostgreSQL the second "process" has its own connection pool.
    const second: Kysely<Database> = h.t.url ? createPgDb(h.t.url, { max: 3 }) : h.t.db
    try {
      const now = h.clock.now()
      await Promise.all([
        collectLineStatistics(h.deps(), [ORG], now),
        collectLineStatistics({ ...h.deps(), db: second }, [ORG], now),
        collectLineStatistics(h.deps(), [ORG], now),
      ])
    } finally {
      if (second !== h.t.db) await second.destroy()
    }
    const asked = h.asked().map((a) => `${a.what}:${a.query.customAggregationUnit ?? ''}`)
    expect(asked).toHaveLength(7)
    expect(new Set(asked).size).toBe(7)
    expect(await h.t.db.selectFrom('line_insight_calls').select('id').execute()).toHaveLength(7)
  })
})
