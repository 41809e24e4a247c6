import { describe, expect, it } from 'vitest'
import { collectLineStatistics } from '../../src/insights/job.js'
import { lineStatsFor } from '../../src/insights/service.js'
import { faults } from '../fakes/fake-line-server.js'
import { DB_KINDS } from '../helpers/db.js'
import { DAY, ORG, seedSent, useInsightHarness } from './harness.js'

const HOUR = 3_600_000
const refusals = (h: ReturnType<typeof useInsightHarness>) =>
  h.t.db.selectFrom('line_insight_access').selectAll().orderBy('feature').execute()
const runs = (h: ReturnType<typeof useInsightHarness>) =>
  h.t.db.selectFrom('line_insight_runs').select(['day', 'status', 'note', 'next_attempt_at']).execute()

describe.each(DB_KINDS)('LINE statistics when LINE is not ready or says no (%s)', (kind) => {
  const h = useInsightHarness(kind)

  it("'unready' is asked again an hour later, and only what is still missing", async () => {
    await seedSent(h, new Date('2026-11-21T02:00:00Z'))
    h.line.insight.followers.set(DAY, { status: 'ready', followers: 300 })
    await h.run() // deliveries not set: the fake answers 'unready'
    expect(await runs(h)).toEqual([
      expect.objectContaining({
        status: 'pending',
        note: 'LINE has not counted the day yet',
        next_attempt_at: new Date(h.clock.now().getTime() + HOUR),
      }),
    ])
    h.clock.advance(30 * 60_000)
    await h.run()
    expect(h.asked()).toHaveLength(3)
    h.clock.advance(30 * 60_000)
    h.line.insight.deliveries.set(DAY, { status: 'ready', apiPush: 25 })
    await h.run()
    expect(h.asked().map((a) => a.what)).toEqual(['delivery', 'followers', 'aggregation', 'delivery'])
    expect(await runs(h)).toEqual([expect.objectContaining({ status: 'done', note: null })])
    const [d] = await h.t.db.selectFrom('line_daily_stats').select(['api_push', 'followers']).execute()
    expect(d).toEqual({ api_push: 25, followers: 300 })
  })

  it("'out_of_service' is recorded as such, with no figures, and not asked again", async () => {
    h.line.insight.deliveries.set(DAY, { status: 'out_of_service' })
    h.line.insight.followers.set(DAY, { status: 'out_of_service' })
    await h.run()
    h.clock.advance(2 * HOUR)
    await h.run()
    expect(h.asked()).toHaveLength(2)
    const stats = await lineStatsFor(h.t.db, ORG, '2026-11-21', '2026-11-21')
    expect(stats.days).toEqual([
      expect.objectContaining({ deliveryStatus: 'out_of_service', followers: null }),
    ])
    expect(stats.days[0]?.sent.push).toBeNull()
  })

  it('403: "not available for this account" recorded once, no daily asking, asked again a week later', async () => {
    await seedSent(h, new Date('2026-11-21T02:00:00Z'))
    h.line.insight.access = false
    await h.run()
    expect(h.asked().map((a) => [a.what, a.status])).toEqual([
      ['delivery', 403],
      ['followers', 403],
      ['aggregation', 403],
    ])
    const since = h.clock.now()
    expect(await refusals(h)).toEqual([
      expect.objectContaining({
        feature: 'delivery',
        unavailable_since: since,
        detail: expect.stringMatching(/not available/),
      }),
      expect.objectContaining({ feature: 'followers' }),
      expect.objectContaining({ feature: 'units' }),
    ])
    expect(await runs(h)).toEqual([
      expect.objectContaining({ status: 'not_available', note: 'not available: delivery, followers, units' }),
    ])
    for (let d = 1; d < 7; d++) {
      h.clock.advance(24 * HOUR)
      await h.run()
    }
    expect(h.asked()).toHaveLength(3)
    expect(await runs(h)).toHaveLength(1) // no run, no call, while the refusal stands
    const stats = await lineStatsFor(h.t.db, ORG, '2026-11-01', '2026-12-31')
    expect(stats.notAvailable.map((n) => [n.feature, n.since])).toEqual([
      ['delivery', since],
      ['followers', since],
      ['units', since],
    ])
    h.clock.advance(24 * HOUR)
    await h.run() // a week on: asked once more, still no
    expect(h.asked()).toHaveLength(6)
    expect((await refusals(h))[0]?.unavailable_since).toEqual(since) // since the first refusal, not the retry
    // The plan changed: the next weekly try works and those refusals are lifted (no broadcast
    // of the last 14 days is left to try units with).
    h.line.insight.access = true
    h.line.insight.deliveries.set('20261205', { status: 'ready' })
    h.line.insight.followers.set('20261205', { status: 'ready' })
    h.clock.advance(7 * 24 * HOUR)
    await h.run()
    expect((await refusals(h)).map((r) => r.feature)).toEqual(['units'])
  })

  it('a plan with delivery counts but no per-unit statistics keeps the counts coming', async () => {
    await seedSent(h, new Date('2026-11-21T02:00:00Z'))
    h.line.insight.denied.add('aggregation')
    h.line.insight.deliveries.set(DAY, { status: 'ready', apiPush: 30 })
    h.line.insight.followers.set(DAY, { status: 'ready', followers: 40 })
    await h.run()
    expect(await runs(h)).toEqual([expect.objectContaining({ status: 'done', note: 'not available: units' })])
    h.clock.advance(24 * HOUR)
    h.line.insight.deliveries.set('20261122', { status: 'ready', apiPush: 31 })
    h.line.insight.followers.set('20261122', { status: 'ready', followers: 41 })
    await h.run()
    expect(h.asked().map((a) => a.what)).toEqual([
      'delivery',
      'followers',
      'aggregation',
      'delivery',
      'followers',
    ])
    const days = (await lineStatsFor(h.t.db, ORG, '2026-11-01', '2026-11-30')).days
    expect(days.map((d) => d.sent.push)).toEqual([30, 31])
  })

  it("a 5xx or LINE's own 429: one request, tried again in an hour, not at once", async () => {
    h.line.failNext(1, { ...faults.serverError, path: '/v2/bot/insight/message/delivery' })
    await h.run()
    expect(h.asked()).toHaveLength(1)
    expect(await runs(h)).toEqual([
      expect.objectContaining({ status: 'pending', note: expect.stringMatching(/^delivery: /) }),
    ])
    h.clock.advance(HOUR)
    h.line.failNext(1, { ...faults.rateLimited, path: '/v2/bot/insight/message/delivery' })
    await h.run()
    expect(h.asked()).toHaveLength(2)
    h.clock.advance(HOUR)
    h.line.insight.deliveries.set(DAY, { status: 'ready' })
    h.line.insight.followers.set(DAY, { status: 'ready' })
    await h.run()
    expect(await runs(h)).toEqual([expect.objectContaining({ status: 'done' })])
  })

  it('a run that never completes is given up after its attempts; an organization without a channel is skipped', async () => {
    for (let i = 0; i < 3; i++) {
      await h.run({ maxAttempts: 3 })
      h.clock.advance(HOUR)
    }
    expect(await runs(h)).toEqual([
      expect.objectContaining({ status: 'failed', note: 'LINE has not counted the day yet' }),
    ])
    const before = h.asked().length
    await collectLineStatistics({ ...h.deps(), lines: async () => null }, ['other-org'], h.clock.now())
    expect(h.asked()).toHaveLength(before)
  })
})
