import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/core/logger.js'
import { housekeeping } from '../../src/jobs/minute.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { testConfig } from '../helpers/app.js'
import { openTestDb, type TestDb } from '../helpers/db.js'
import { shippedFlows } from '../helpers/flows.js'

// The minute's housekeeping (node-cron and the Worker's cron) runs the daily statistics job.

const flows = shippedFlows()

describe('LINE statistics from the minute housekeeping', () => {
  let t: TestDb
  beforeEach(async () => {
    t = await openTestDb('pglite')
  })
  afterEach(() => t.close())

  it("asks each organization's channel once the hour has come, and only with a channel resolver", async () => {
    const line = new MemoryLine()
    line.insight.deliveries.set('2026-11-21', {
      kind: 'ok',
      value: {
        status: 'ready',
        broadcast: null,
        targeting: null,
        autoResponse: null,
        welcomeResponse: null,
        chat: null,
        apiBroadcast: null,
        apiPush: 77,
        apiMulticast: null,
        apiNarrowcast: null,
        apiReply: null,
      },
    })
    const base = { db: t.db, flows, log: silentLogger, timeZone: 'Asia/Bangkok' }
    await housekeeping(base, new Date('2026-11-22T03:30:00Z'))
    expect(line.insightCalls).toEqual([])
    const deps = { ...base, lines: async () => line, config: testConfig() }
    await housekeeping(deps, new Date('2026-11-22T02:30:00Z')) // 09:30 in Bangkok
    expect(line.insightCalls).toEqual([])
    await housekeeping(deps, new Date('2026-11-22T03:30:00Z'))
    expect(line.insightCalls.map((c) => c.what)).toEqual(['delivery', 'followers'])
    const [d] = await t.db.selectFrom('line_daily_stats').select(['day', 'api_push']).execute()
    expect(d).toEqual({ day: '2026-11-21', api_push: 77 })
  })
})
