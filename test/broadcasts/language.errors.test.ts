import { describe, expect, it } from 'vitest'
import { listRuns } from '../../src/broadcasts/repository.js'
import { retryKeyFor, tick } from '../../src/broadcasts/tick.js'
import { DB_KINDS } from '../helpers/db.js'
import { shippedFlows } from '../helpers/flows.js'
import { ALL_FOLLOWERS, deliveredCounts, ORG, scheduled, useHarness } from './harness.js'
import { seedLanguages } from './language.js'

describe.each(DB_KINDS)('broadcast language after a fault (%s)', (kind) => {
  const h = useHarness(kind)

  it('a crash after LINE took the Thai copy: the retry sends that same copy under the same key, once each', async () => {
    const users = await seedLanguages(h)
    const th = shippedFlows().render('nogift.reminder', { ref: 'b1' }, { chat: 'group' })
    const b = await scheduled(h, { audience: ALL_FOLLOWERS, messages: th })
    // The run and its delivery are written; the instance that pushed then died before recording.
    await tick(h.deps({ options: { budgetMs: 0 } }), h.clock.now())
    const [run] = await listRuns(h.t.db, ORG, b.id)
    if (!run) throw new Error('no run')
    await h.api.broadcast(th, { retryKey: await retryKeyFor(run.id, ALL_FOLLOWERS) })
    await h.drain()
    const calls = h.line.requests().filter((r) => r.path === '/v2/bot/message/broadcast')
    expect(calls.map((c) => c.status)).toEqual([200, 409])
    expect(new Set(calls.map((r) => r.headers['x-line-retry-key'])).size).toBe(1)
    for (const c of calls) expect(c.body).toEqual({ messages: th })
    const counts = deliveredCounts(h.line)
    expect([...counts.keys()].sort()).toEqual([...users].sort())
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
  })
})
