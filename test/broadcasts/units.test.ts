import { describe, expect, it } from 'vitest'
import { DEFAULT_SEND_OPTIONS } from '../../src/broadcasts/tick.js'
import { aggregationUnitFor } from '../../src/broadcasts/units.js'
import { engagementChatKey } from '../../src/engagement/events.js'
import { AGGREGATION_UNIT } from '../../src/line/limits.js'
import { DB_KINDS } from '../helpers/db.js'
import { ALL_FOLLOWERS, ORG, scheduled, seedFollowers, seedGroups, useHarness } from './harness.js'

describe('aggregation units', () => {
  it('are LINE-valid, one per broadcast, the same for every run of it', () => {
    const id = crypto.randomUUID()
    expect(aggregationUnitFor(id)).toMatch(AGGREGATION_UNIT)
    expect(aggregationUnitFor(id)).toHaveLength(30)
    expect(aggregationUnitFor(id)).toBe(aggregationUnitFor(id))
    expect(aggregationUnitFor(id)).not.toBe(aggregationUnitFor(crypto.randomUUID()))
  })
})

describe.each(DB_KINDS)('broadcast pushes for LINE statistics and reports by unit (%s)', (kind) => {
  const h = useHarness(kind)

  it('pushes carry the broadcast unit; a LINE broadcast to all followers carries none', async () => {
    await seedGroups(h, 2)
    const b = await scheduled(h)
    await h.drain()
    const units = h.line.delivered().map((d) => d.customAggregationUnits)
    expect(units).toEqual([[aggregationUnitFor(b.id)], [aggregationUnitFor(b.id)]])

    h.line.reset()
    await seedFollowers(h, 1)
    await scheduled(h, { audience: ALL_FOLLOWERS })
    await h.drain()
    expect(h.line.delivered().map((d) => [d.via, d.customAggregationUnits])).toEqual([['broadcast', []]])
  })

  it('an account LINE refuses units to still gets its messages, untagged', async () => {
    await seedGroups(h, 3)
    h.line.failNext(1, {
      status: 400,
      path: '/v2/bot/message/push',
      body: {
        message: 'The request body has 1 error(s)',
        details: [{ property: 'customAggregationUnits', message: 'not allowed for this account' }],
      },
    })
    await scheduled(h)
    // One push at a time, so the order is known: refused, resent untagged, then untagged.
    const reports = await h.drain({ options: { ...DEFAULT_SEND_OPTIONS, concurrency: 1 } })
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(3)
    expect(reports.reduce((n, r) => n + r.failed, 0)).toBe(0)
    // After the refusal the rest of the pass goes untagged: one refused request, no more.
    expect(h.line.requests().filter((r) => r.status === 400)).toHaveLength(1)
    expect(h.line.delivered().map((d) => d.customAggregationUnits)).toEqual([[], [], []])
  })

  it('a delivery to a group is placed in that group; one to a person is placed nowhere', async () => {
    const [group] = await seedGroups(h, 1)
    const [user] = await seedFollowers(h, 1)
    await scheduled(h)
    await scheduled(h, { audience: ALL_FOLLOWERS })
    await h.drain()
    const events = await h.t.db
      .selectFrom('engagement_events')
      .select(['kind', 'chat_key', 'place_key', 'data'])
      .where('org_id', '=', ORG)
      .orderBy('id')
      .execute()
    const groupKey = await engagementChatKey(h.keyring, group ?? '')
    expect(events.find((e) => e.chat_key === groupKey)).toMatchObject({
      kind: 'message.sent',
      place_key: groupKey,
    })
    expect(events.find((e) => e.chat_key === null)).toMatchObject({ kind: 'message.sent', place_key: null })
    expect(JSON.stringify(events)).not.toContain(user)
  })
})
