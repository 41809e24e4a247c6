import { describe, expect, it } from 'vitest'
import { collectLineStatistics } from '../../src/insights/job.js'
import { lineStatsFor } from '../../src/insights/service.js'
import { createLineApi } from '../../src/line/sdk-adapter.js'
import { startFakeLine } from '../fakes/fake-line-server.js'
import { DB_KINDS } from '../helpers/db.js'
import { DAY, ORG, seedSent, useInsightHarness } from './harness.js'

// Organizations are apart: each its own channel, its own hourly budget, its own figures; and
// nothing the job stores or logs carries a LINE id.

describe.each(DB_KINDS)('LINE statistics, one organization from another (%s)', (kind) => {
  const h = useInsightHarness(kind)

  it('each organization asks its own channel, spends its own budget and reads only its own figures', async () => {
    const other = await startFakeLine({
      now: () => h.clock.now().getTime(),
      token: 'other-agency-token-0123456789',
    })
    try {
      const otherApi = createLineApi({
        accessToken: other.token,
        apiBaseUrl: other.url,
        dataApiBaseUrl: other.url,
      })
      const lines = async (org: string) => (org === ORG ? h.api : org === 'other' ? otherApi : null)
      // The default organization has used its hour up; the other one has not.
      await h.t.db
        .insertInto('line_insight_calls')
        .values(Array.from({ length: 60 }, () => ({ org_id: ORG, at: h.clock.now() })))
        .execute()
      other.insight.deliveries.set(DAY, { status: 'ready', apiPush: 5000 })
      other.insight.followers.set(DAY, { status: 'ready', followers: 6000 })
      await collectLineStatistics({ ...h.deps(), lines }, [ORG, 'other'], h.clock.now())
      expect(h.asked()).toEqual([])
      expect(other.requests().map((r) => r.headers.authorization)).toEqual([
        `Bearer ${other.token}`,
        `Bearer ${other.token}`,
      ])
      expect((await lineStatsFor(h.t.db, 'other', '2026-11-01', '2026-11-30')).days).toHaveLength(1)
      expect((await lineStatsFor(h.t.db, ORG, '2026-11-01', '2026-11-30')).days).toEqual([])
    } finally {
      await other.close()
    }
  })

  it('stored figures and logs hold no LINE id; a unit stands for a broadcast, never for a recipient', async () => {
    const b = await seedSent(h, new Date('2026-11-21T02:00:00Z'), { recipients: 3 })
    h.line.insight.deliveries.set(DAY, { status: 'ready' })
    h.line.insight.followers.set(DAY, { status: 'ready' })
    await h.run()
    const stored = JSON.stringify([
      await h.t.db.selectFrom('line_unit_stats').selectAll().execute(),
      await h.t.db.selectFrom('line_daily_stats').selectAll().execute(),
      await h.t.db.selectFrom('line_insight_runs').selectAll().execute(),
    ])
    expect(stored).toContain(b.unit)
    expect(stored + h.logs.join('\n')).not.toMatch(/[UCR][0-9a-f]{32}/)
    expect(h.asked().filter((a) => a.what === 'aggregation')).toHaveLength(1) // one unit for three recipients
  })
})
