import { describe, expect, it } from 'vitest'
import { lineStatsFor } from '../../src/insights/service.js'
import { DB_KINDS } from '../helpers/db.js'
import { DAY, ORG, seedSent, useInsightHarness } from './harness.js'

const unitAnswer = {
  overview: {
    uniqueImpression: 120,
    uniqueClick: null,
    uniqueMediaPlayed: null,
    uniqueMediaPlayed100Percent: null,
  },
  messages: [
    { seq: 1, impression: 150, uniqueImpression: 120 },
    { seq: 2, impression: null, uniqueImpression: null },
  ],
  clicks: [
    { seq: 1, url: 'https://agency.go.th/nogift', click: 33, uniqueClick: 21, uniqueClickOfRequest: 21 },
  ],
}

describe.each(DB_KINDS)('LINE statistics, daily (%s)', (kind) => {
  const h = useInsightHarness(kind)

  it("stores yesterday's counts and each recent broadcast's figures, LINE's nulls as NULL", async () => {
    const recent = await seedSent(h, new Date('2026-11-20T02:00:00Z'))
    await seedSent(h, new Date('2026-11-01T02:00:00Z')) // outside the 14 days
    await seedSent(h, new Date('2026-11-20T05:00:00Z'), { allFollowers: true }) // no unit on LINE broadcasts
    h.line.insight.deliveries.set(DAY, { status: 'ready', apiPush: 2400, apiReply: 310 })
    h.line.insight.followers.set(DAY, { status: 'ready', followers: 812, targetedReaches: null, blocks: 12 })
    h.line.insight.units.set(recent.unit, unitAnswer)
    await h.run()

    expect(h.asked()).toEqual([
      { what: 'delivery', query: { date: DAY }, status: 200 },
      { what: 'followers', query: { date: DAY }, status: 200 },
      {
        what: 'aggregation',
        query: { customAggregationUnit: recent.unit, from: '20261120', to: DAY },
        status: 200,
      },
    ])
    const [daily] = await h.t.db.selectFrom('line_daily_stats').selectAll().execute()
    expect(daily).toMatchObject({
      day: '2026-11-21',
      delivery_status: 'ready',
      api_push: 2400,
      api_reply: 310,
      broadcast: null,
    })
    expect(daily).toMatchObject({
      followers_status: 'ready',
      followers: 812,
      targeted_reaches: null,
      blocks: 12,
    })

    const stats = await lineStatsFor(h.t.db, ORG, '2026-11-01', '2026-11-30')
    expect(stats.notAvailable).toEqual([])
    expect(stats.days).toEqual([
      {
        day: '2026-11-21',
        deliveryStatus: 'ready',
        sent: {
          push: 2400,
          multicast: null,
          broadcast: null,
          narrowcast: null,
          reply: 310,
          manager: {
            broadcast: null,
            targeting: null,
            autoResponse: null,
            welcomeResponse: null,
            chat: null,
          },
        },
        followers: 812,
        targetedReaches: null,
        blocks: 12,
      },
    ])
    expect(stats.broadcasts).toEqual([
      {
        broadcastId: recent.id,
        unit: recent.unit,
        fromDay: '2026-11-20',
        toDay: '2026-11-21',
        uniqueImpression: 120,
        uniqueClick: null,
        uniqueMediaPlayed: null,
        impressions: null, // one bubble under 20: the total is unknown, not 150
        clicks: 33,
      },
    ])
  })

  it('once a day per organization: later minutes ask nothing; the next day asks again', async () => {
    const b = await seedSent(h, new Date('2026-11-20T02:00:00Z'))
    h.line.insight.deliveries.set(DAY, { status: 'ready', apiPush: 40 })
    h.line.insight.followers.set(DAY, { status: 'ready', followers: 100 })
    await h.run()
    for (let i = 0; i < 5; i++) {
      h.clock.advance(60_000)
      await h.run()
    }
    h.clock.advance(3 * 3_600_000)
    await h.run()
    expect(h.asked()).toHaveLength(3)
    const [run] = await h.t.db.selectFrom('line_insight_runs').selectAll().execute()
    expect(run).toMatchObject({ day: '2026-11-21', status: 'done', attempts: 1 })

    h.clock.set(new Date('2026-11-23T03:05:00Z'))
    h.line.insight.deliveries.set('20261122', { status: 'ready', apiPush: 20 })
    h.line.insight.followers.set('20261122', { status: 'ready', followers: 101 })
    await h.run()
    expect(
      h
        .asked()
        .slice(3)
        .map((a) => [a.what, a.query.date ?? a.query.to]),
    ).toEqual([
      ['delivery', '20261122'],
      ['followers', '20261122'],
      ['aggregation', '20261122'],
    ])
    // Reach over time: one row per day fetched, the latest is the broadcast's figure.
    const rows = await h.t.db
      .selectFrom('line_unit_stats')
      .select(['unit', 'to_day'])
      .orderBy('to_day')
      .execute()
    expect(rows).toEqual([
      { unit: b.unit, to_day: '2026-11-21' },
      { unit: b.unit, to_day: '2026-11-22' },
    ])
  })

  it("nothing before 10:00 in Bangkok: LINE publishes a day's figures late", async () => {
    h.clock.set(new Date('2026-11-22T02:59:00Z')) // 09:59
    await h.run()
    expect(h.asked()).toEqual([])
    expect(await h.t.db.selectFrom('line_insight_runs').selectAll().execute()).toEqual([])
  })

  it('logs name the organization, the day and the outcome, nothing from LINE', async () => {
    h.line.insight.deliveries.set(DAY, { status: 'ready' })
    h.line.insight.followers.set(DAY, { status: 'ready' })
    await h.run()
    const line = h.logs.map((l) => JSON.parse(l)).find((l) => l.event === 'insights.run')
    expect(line).toMatchObject({ org: ORG, day: '2026-11-21', outcome: 'done', calls: 2 })
  })
})
