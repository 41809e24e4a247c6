import { describe, expect, it } from 'vitest'
import { countByStatus, listDeliveries } from '../../src/broadcasts/deliveries.js'
import { retryFailedRecipients } from '../../src/broadcasts/lifecycle.js'
import { findBroadcast, listRuns } from '../../src/broadcasts/repository.js'
import { retryKeyFor, tick } from '../../src/broadcasts/tick.js'
import { listEvents } from '../../src/engagement/events.js'
import { faults } from '../fakes/fake-line-server.js'
import { DB_KINDS } from '../helpers/db.js'
import { deliveredCounts, type Harness, ORG, scheduled, seedGroups, useHarness } from './harness.js'

async function onlyRun(h: Harness, broadcastId: string) {
  const [run] = await listRuns(h.t.db, ORG, broadcastId)
  if (!run) throw new Error('no run')
  return run
}

function expectExactlyOnce(h: Harness, groups: string[]) {
  const counts = deliveredCounts(h.line)
  expect([...counts.keys()].sort()).toEqual(groups)
  expect(Math.max(...counts.values())).toBe(1)
}

describe.each(DB_KINDS)('broadcast tick, LINE errors (%s)', (kind) => {
  const h = useHarness(kind)

  it('500s: retried inside the port, then later by the tick, each recipient sent once', async () => {
    const groups = await seedGroups(h, 20)
    const b = await scheduled(h)
    // 30 failures over 20 pushes: some calls fail all 4 attempts and come back in a later tick.
    h.line.failNext(30, faults.serverError)
    const reports = await h.drain()
    expect(reports.length).toBeGreaterThan(1)
    expectExactlyOnce(h, groups)
    expect((await onlyRun(h, b.id)).status).toBe('sent')
  })

  it('409: a retry key LINE already accepted counts as sent, not again', async () => {
    const groups = await seedGroups(h, 5)
    const b = await scheduled(h)
    await tick(h.deps({ options: { budgetMs: 0 } }), h.clock.now())
    const run = await onlyRun(h, b.id)
    // An earlier attempt reached LINE (its answer was lost): same key, already accepted.
    const first = groups[0] ?? ''
    await h.api.push(first, [{ type: 'text', text: 'x' }], { retryKey: await retryKeyFor(run.id, first) })
    await h.drain()
    expectExactlyOnce(h, groups)
    const rows = await listDeliveries(h.t.db, ORG, run.id)
    expect(rows.filter((r) => r.answer_status === 409).map((r) => r.recipient)).toEqual([first])
    expect(rows.every((r) => r.status === 'sent')).toBe(true)
  })

  it('409 after a lost answer: LINE accepted but answered too late, the retry is not a second send', async () => {
    const groups = await seedGroups(h, 5)
    const b = await scheduled(h)
    h.line.failNext(1, { acceptThenDelayMs: 500 })
    await h.drain({ lineFor: async () => h.apiWith({ timeoutMs: 200 }) })
    expectExactlyOnce(h, groups)
    const rows = await listDeliveries(h.t.db, ORG, (await onlyRun(h, b.id)).id)
    expect(rows.filter((r) => r.answer_status === 409)).toHaveLength(1)
    expect(rows.every((r) => r.status === 'sent')).toBe(true)
  })

  it('429 rate limit: the run backs off as a whole, then everyone is sent once; attempts not burnt', async () => {
    const groups = await seedGroups(h, 30)
    const b = await scheduled(h)
    h.line.failNext(3, faults.rateLimited)
    const first = await tick(h.deps(), h.clock.now())
    expect(first.sent).toBeLessThan(30)
    const run = await onlyRun(h, b.id)
    expect(run.resume_at.getTime()).toBeGreaterThan(h.clock.now().getTime())
    // Still paused: nothing is sent before resume_at.
    expect((await tick(h.deps(), h.clock.now())).sent).toBe(0)
    h.clock.advance(1_500)
    await h.drain()
    expectExactlyOnce(h, groups)
    const rows = await listDeliveries(h.t.db, ORG, run.id)
    expect(Math.max(...rows.map((r) => r.attempts))).toBe(1)
    expect((await onlyRun(h, b.id)).status).toBe('sent')
  })

  it('429 monthly quota: the run stops with that reason; the rest failed as not sent; retry sends only them', async () => {
    const groups = await seedGroups(h, 10)
    h.line.setQuota({ type: 'limited', limit: 4 })
    const b = await scheduled(h)
    await h.drain({ options: { concurrency: 1 } })
    const run = await onlyRun(h, b.id)
    expect(run).toMatchObject({ status: 'partly_failed', reason: 'monthly quota exhausted' })
    expect(await countByStatus(h.t.db, run.id)).toMatchObject({ sent: 4, failed: 6 })
    expect(h.line.delivered()).toHaveLength(4)
    expect((await findBroadcast(h.t.db, ORG, b.id))?.status).toBe('partly_failed')
    const failedEvents = await listEvents(h.t.db, { orgId: ORG, kind: 'message.failed' })
    expect(failedEvents).toHaveLength(6)

    // Next month: retry the failed recipients only, with their same keys.
    h.line.setQuota({ type: 'limited', limit: 1000 })
    const retried = await retryFailedRecipients({ db: h.t.db, clock: h.clock }, ORG, run.id)
    expect(retried).toEqual({ ok: true, value: { runId: run.id, reset: 6 } })
    expect((await findBroadcast(h.t.db, ORG, b.id))?.status).toBe('sending')
    await h.drain()
    expectExactlyOnce(h, groups)
    expect((await onlyRun(h, b.id)).status).toBe('sent')
    expect((await findBroadcast(h.t.db, ORG, b.id))?.status).toBe('sent')
  })

  it('quota used up from the first send: the run is failed', async () => {
    await seedGroups(h, 3)
    h.line.setQuota({ type: 'limited', limit: 0 })
    const b = await scheduled(h)
    await h.drain()
    expect(await onlyRun(h, b.id)).toMatchObject({ status: 'failed', reason: 'monthly quota exhausted' })
    expect(h.line.delivered()).toHaveLength(0)
  })

  it('a 4xx fails that recipient only (partly_failed); retry with nothing failed is refused', async () => {
    const groups = await seedGroups(h, 5)
    const b = await scheduled(h)
    h.line.failNext(1, { status: 400, body: { message: 'The property, to, in the request body is invalid' } })
    await h.drain({ options: { concurrency: 1 } })
    const run = await onlyRun(h, b.id)
    expect(run.status).toBe('partly_failed')
    const rows = await listDeliveries(h.t.db, ORG, run.id)
    const bad = rows.filter((r) => r.status === 'failed')
    expect(bad).toHaveLength(1)
    expect(bad[0]).toMatchObject({ answer_status: 400, attempts: 1 })
    expect(deliveredCounts(h.line).size).toBe(4)
    // The fault was one-off: a retry delivers the failed one, and only it.
    expect((await retryFailedRecipients({ db: h.t.db, clock: h.clock }, ORG, run.id)).ok).toBe(true)
    await h.drain()
    expectExactlyOnce(h, groups)
    const again = await retryFailedRecipients({ db: h.t.db, clock: h.clock }, ORG, run.id)
    expect(again.ok ? null : again.error.code).toBe('nothing_to_retry')
  })

  it('5xx that never ends: failed after maxAttempts, not retried forever', async () => {
    await seedGroups(h, 1)
    const b = await scheduled(h)
    h.line.failNext(1000, faults.unavailable)
    await h.drain({ options: { maxAttempts: 3 } }, 3_600_000)
    const run = await onlyRun(h, b.id)
    expect(run.status).toBe('failed')
    const [row] = await listDeliveries(h.t.db, ORG, run.id)
    expect(row).toMatchObject({ status: 'failed', attempts: 3, answer_status: 503 })
  })
})
