import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LineLimitError } from '../../src/line/limits.js'
import type { LinePort } from '../../src/line/port.js'
import { createLineApi } from '../../src/line/sdk-adapter.js'
import { createSimulator } from '../../src/simulator/simulator.js'
import { type FakeLine, faults, startFakeLine } from '../fakes/fake-line-server.js'
import { TEST_CHANNEL_SECRET } from '../helpers/app.js'

// The insight calls of the LINE port, through @line/bot-sdk over HTTP against the fake LINE.

describe('LINE statistics through the SDK adapter', () => {
  let line: FakeLine
  let api: LinePort
  beforeEach(async () => {
    line = await startFakeLine()
    api = createLineApi({
      accessToken: line.token,
      apiBaseUrl: line.url,
      dataApiBaseUrl: line.url,
      timeoutMs: 2_000,
    })
  })
  afterEach(() => line.close())
  const insightRequests = () => line.requests().filter((r) => r.path.startsWith('/v2/bot/insight/'))

  it('delivery counts for a LINE day: yyyyMMdd on the wire, absent and null figures stay null', async () => {
    line.insight.deliveries.set('20261121', { status: 'ready', apiPush: 1234, apiReply: 0, broadcast: null })
    const r = await api.getDeliveryCounts('2026-11-21')
    expect(r).toEqual({
      kind: 'ok',
      value: {
        status: 'ready',
        broadcast: null,
        targeting: null,
        autoResponse: null,
        welcomeResponse: null,
        chat: null,
        apiBroadcast: null,
        apiPush: 1234,
        apiMulticast: null,
        apiNarrowcast: null,
        apiReply: 0,
      },
    })
    const [req] = insightRequests()
    expect(req).toMatchObject({
      method: 'GET',
      path: '/v2/bot/insight/message/delivery',
      query: { date: '20261121' },
    })
    expect(req?.headers.authorization).toBe(`Bearer ${line.token}`)
  })

  it('followers and per-unit statistics, nulls kept', async () => {
    line.insight.followers.set('20261121', {
      status: 'ready',
      followers: 7620,
      targetedReaches: null,
      blocks: 237,
    })
    line.insight.units.set('b_abc', {
      overview: {
        uniqueImpression: 40,
        uniqueClick: null,
        uniqueMediaPlayed: null,
        uniqueMediaPlayed100Percent: null,
      },
      messages: [{ seq: 1, impression: 42, uniqueImpression: null, mediaPlayed: null }],
      clicks: [
        { seq: 1, url: 'https://example.go.th/', click: 35, uniqueClick: null, uniqueClickOfRequest: null },
      ],
    })
    expect(await api.getFollowerCounts('2026-11-21')).toEqual({
      kind: 'ok',
      value: { status: 'ready', followers: 7620, targetedReaches: null, blocks: 237 },
    })
    expect(await api.getUnitStatistics('b_abc', '2026-11-08', '2026-11-21')).toEqual({
      kind: 'ok',
      value: {
        overview: {
          uniqueImpression: 40,
          uniqueClick: null,
          uniqueMediaPlayed: null,
          uniqueMediaPlayed100Percent: null,
        },
        messages: [{ seq: 1, impression: 42, uniqueImpression: null }],
        clicks: [{ seq: 1, url: 'https://example.go.th/', click: 35, uniqueClick: null }],
      },
    })
    expect(insightRequests().at(-1)).toMatchObject({
      path: '/v2/bot/insight/message/event/aggregation',
      query: { customAggregationUnit: 'b_abc', from: '20261108', to: '20261121' },
    })
  })

  it('a plan without statistics is a value (403), so is the hourly limit (429); neither is retried', async () => {
    line.insight.access = false
    expect(await api.getDeliveryCounts('2026-11-21')).toMatchObject({ kind: 'not_available', status: 403 })
    line.insight.access = true
    line.failNext(1, { ...faults.rateLimited, path: '/v2/bot/insight/followers' })
    expect(await api.getFollowerCounts('2026-11-21')).toMatchObject({ kind: 'rate_limited', status: 429 })
    line.failNext(1, faults.serverError)
    expect(await api.getDeliveryCounts('2026-11-21')).toMatchObject({ kind: 'error', status: 500 })
    // Every attempt costs one of the 60 an hour: three calls, three requests.
    expect(insightRequests()).toHaveLength(3)
  })

  it('refuses before sending what LINE would refuse: a bad day, a bad unit name, a period over 30 days', async () => {
    await expect(api.getDeliveryCounts('21/11/2026')).rejects.toThrow(LineLimitError)
    await expect(api.getUnitStatistics('bad-name', '2026-11-01', '2026-11-02')).rejects.toThrow(
      LineLimitError,
    )
    await expect(api.getUnitStatistics('b_abc', '2026-10-01', '2026-11-21')).rejects.toThrow(/30 days/)
    await expect(api.getUnitStatistics('b_abc', '2026-11-21', '2026-11-01')).rejects.toThrow(/30 days/)
    expect(insightRequests()).toHaveLength(0)
  })

  it('the fake enforces 60 an hour', async () => {
    for (let i = 0; i < 60; i++) await api.getFollowerCounts('2026-11-21')
    expect(await api.getFollowerCounts('2026-11-21')).toMatchObject({ kind: 'rate_limited' })
  })
})

describe('LINE statistics in local mode', () => {
  it('are "not available in local mode", as a value', async () => {
    const sim = createSimulator({ channelSecret: TEST_CHANNEL_SECRET })
    for (const r of [
      await sim.line.getDeliveryCounts('2026-11-21'),
      await sim.line.getFollowerCounts('2026-11-21'),
      await sim.line.getUnitStatistics('b_abc', '2026-11-20', '2026-11-21'),
    ]) {
      expect(r).toEqual({ kind: 'not_available', status: null, detail: 'not available in local mode' })
    }
  })
})
