import { describe, expect, it } from 'vitest'
import { listRuns } from '../../src/broadcasts/repository.js'
import { createLogger } from '../../src/core/logger.js'
import { faults } from '../fakes/fake-line-server.js'
import { DB_KINDS } from '../helpers/db.js'
import { ORG, scheduled, seedFollowers, seedGroups, useHarness } from './harness.js'

describe.each(DB_KINDS)('broadcast privacy (%s)', (kind) => {
  const h = useHarness(kind)

  it('engagement events, run rows and logs never carry a raw LINE id or the message text', async () => {
    const groups = await seedGroups(h, 6)
    const users = await seedFollowers(h, 2)
    const b = await scheduled(h)
    h.line.failNext(1, { status: 400, body: { message: `Failed to send to ${groups[0]}` } })
    h.line.failNext(1, faults.rateLimited)
    const logs: string[] = []
    const log = createLogger({ level: 'debug', write: (l) => logs.push(l) })
    await h.drain({ log })
    const events = await h.t.db.selectFrom('engagement_events').selectAll().execute()
    expect(events).toHaveLength(6)
    const runs = (await listRuns(h.t.db, ORG, b.id)).map(({ messages: _content, ...rest }) => rest)
    const haystack = JSON.stringify(events) + JSON.stringify(runs) + logs.join('\n')
    for (const id of [...groups, ...users]) expect(haystack).not.toContain(id)
    expect(haystack).not.toMatch(/[UCR][0-9a-f]{32}/)
    // The run keeps its content snapshot (that is what it sends); events and logs never do.
    expect(JSON.stringify(events) + logs.join('\n')).not.toContain('งดให้')
    expect(logs.length).toBeGreaterThan(0)
    // The rejected recipient's stored LINE answer has the id masked too.
    const failed = await h.t.db
      .selectFrom('broadcast_deliveries')
      .select('detail')
      .where('status', '=', 'failed')
      .execute()
    expect(failed.map((f) => f.detail)).toEqual(['Failed to send to [line-id]'])
  })
})
