import { describe, expect, it } from 'vitest'
import { claimDeliveries, countByStatus, recordOutcomes } from '../../src/broadcasts/deliveries.js'
import { listRuns } from '../../src/broadcasts/repository.js'
import { tick } from '../../src/broadcasts/tick.js'
import { createPgDb } from '../../src/db/pg.js'
import { DB_KINDS } from '../helpers/db.js'
import { deliveredCounts, ORG, scheduled, seedGroups, useHarness } from './harness.js'

const LEASE = 60_000

describe.each(DB_KINDS)('broadcast tick, concurrency (%s)', (kind) => {
  const h = useHarness(kind, { isolation: 'connections' })

  it('two tick loops in parallel over 1,000 recipients send to each exactly once', async () => {
    const groups = await seedGroups(h, 1000)
    const b = await scheduled(h)
    // PostgreSQL: a second pool is a second instance. PGlite has one connection, so both loops share it.
    const second = kind === 'postgres' && h.t.url ? createPgDb(h.t.url, { max: 5 }) : h.t.db
    const loop = async (db: typeof h.t.db) => {
      const sent: number[] = []
      for (let i = 0; i < 200; i++) {
        sent.push((await tick(h.deps({ db, options: { batchSize: 50 } }), h.clock.now())).sent)
        const [run] = await listRuns(db, ORG, b.id)
        if (run && run.status !== 'pending' && run.status !== 'sending') return sent
        await new Promise((r) => setTimeout(r, 5))
      }
      throw new Error('run did not finish')
    }
    try {
      const [a, c] = await Promise.all([loop(h.t.db), loop(second)])
      const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0)
      expect(sum(a) + sum(c)).toBe(1000)
      // Both instances did part of the work (not one idling while the other sent everything).
      if (kind === 'postgres') expect(Math.min(sum(a), sum(c))).toBeGreaterThan(0)
    } finally {
      if (second !== h.t.db) await second.destroy()
    }
    const counts = deliveredCounts(h.line)
    expect(counts.size).toBe(1000)
    expect([...counts.keys()].sort()).toEqual(groups)
    expect(Math.max(...counts.values())).toBe(1)
    const [run] = await listRuns(h.t.db, ORG, b.id)
    expect(run?.status).toBe('sent')
  })

  it('two instances share the channel’s rate limit instead of each taking all of it', async () => {
    await seedGroups(h, 60)
    const b = await scheduled(h)
    const second = kind === 'postgres' && h.t.url ? createPgDb(h.t.url, { max: 5 }) : h.t.db
    const perSecond = 100
    const paced = (db: typeof h.t.db) =>
      h.deps({
        db,
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        options: { batchSize: 10, concurrency: 8, maxPerSecond: perSecond },
      })
    const loop = async (db: typeof h.t.db) => {
      for (let i = 0; i < 400; i++) {
        await tick(paced(db), h.clock.now())
        const [run] = await listRuns(db, ORG, b.id)
        if (run && run.status !== 'pending' && run.status !== 'sending') return
        await new Promise((r) => setTimeout(r, 5))
      }
      throw new Error('run did not finish')
    }
    const started = performance.now()
    try {
      await Promise.all([loop(h.t.db), loop(second)])
    } finally {
      if (second !== h.t.db) await second.destroy()
    }
    // Every push took its own slot of one shared timeline: 60 slots at 100/s end 590 ms or more
    // after the first. A slow machine only makes this longer; two paces of 100/s each would
    // have finished in about half the time.
    expect(performance.now() - started).toBeGreaterThanOrEqual(590)
    expect(deliveredCounts(h.line).size).toBe(60)
  })

  it('a tick killed halfway is resumed after its lease: nobody skipped, nobody twice', async () => {
    const groups = await seedGroups(h, 200)
    const b = await scheduled(h)
    // Materialise and expand only (no time budget to send).
    await tick(h.deps({ options: { budgetMs: 0 } }), h.clock.now())
    const [run] = await listRuns(h.t.db, ORG, b.id)
    expect(run?.status).toBe('sending')
    // The doomed instance claims 100 deliveries, pushes 30 of them with their stored keys, dies.
    const now = h.clock.now()
    const claimed = await claimDeliveries(h.t.db, {
      now,
      leaseUntil: new Date(now.getTime() + LEASE),
      limit: 100,
    })
    expect(claimed).toHaveLength(100)
    for (const d of claimed.slice(0, 30)) {
      await h.api.push(d.recipient, [{ type: 'text', text: 'งดให้ งดรับของขวัญ' }], { retryKey: d.retry_key })
    }
    // A live instance within the lease sends the other 100 and leaves the claimed ones alone.
    const during = await tick(h.deps(), h.clock.now())
    expect(during.sent).toBe(100)
    expect(await countByStatus(h.t.db, run?.id ?? '')).toMatchObject({ sending: 100, sent: 100 })
    // After the lease: the 30 already sent answer 409 (already accepted) and count as sent.
    h.clock.advance(LEASE + 1_000)
    const after = await tick(h.deps(), h.clock.now())
    expect(after).toMatchObject({ sent: 100, failed: 0, runsFinished: 1 })
    const counts = deliveredCounts(h.line)
    expect([...counts.keys()].sort()).toEqual(groups)
    expect(Math.max(...counts.values())).toBe(1)
    const dup = await h.t.db
      .selectFrom('broadcast_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('answer_status', '=', 409)
      .executeTakeFirstOrThrow()
    expect(Number(dup.n)).toBe(30)
  })

  it('a stale holder whose lease was taken over cannot overwrite the new holder’s outcome', async () => {
    await seedGroups(h, 3)
    const b = await scheduled(h)
    await tick(h.deps({ options: { budgetMs: 0 } }), h.clock.now())
    const now = h.clock.now()
    const stale = await claimDeliveries(h.t.db, {
      now,
      leaseUntil: new Date(now.getTime() + LEASE),
      limit: 3,
    })
    h.clock.advance(LEASE + 1)
    const later = h.clock.now()
    // Another instance takes the expired claims over and is still sending them…
    const fresh = await claimDeliveries(h.t.db, {
      now: later,
      leaseUntil: new Date(later.getTime() + LEASE),
      limit: 3,
    })
    expect(fresh.map((d) => d.attempts)).toEqual([2, 2, 2])
    // …when the stale holder comes back and reports a failure: fenced out by the attempts token.
    const outcome = (d: (typeof stale)[number], status: 'sent' | 'failed') => ({
      runId: d.run_id,
      recipient: d.recipient,
      claimed: d.attempts,
      status,
      nextAttemptAt: null,
      requestId: null,
      answerStatus: status === 'sent' ? 200 : 500,
      detail: null,
      sentAt: status === 'sent' ? later : null,
      refund: 0 as const,
      event: { kind: `message.${status}`, chatKey: null, measure: null, data: {}, at: later },
    })
    await recordOutcomes(
      h.t.db,
      stale.map((d) => outcome(d, 'failed')),
    )
    const [run] = await listRuns(h.t.db, ORG, b.id)
    expect(await countByStatus(h.t.db, run?.id ?? '')).toMatchObject({ sending: 3, failed: 0 })
    await recordOutcomes(
      h.t.db,
      fresh.map((d) => outcome(d, 'sent')),
    )
    expect(await countByStatus(h.t.db, run?.id ?? '')).toMatchObject({ sent: 3, failed: 0 })
    const kinds = await h.t.db.selectFrom('engagement_events').select('kind').execute()
    expect(kinds.map((k) => k.kind)).toEqual(['message.sent', 'message.sent', 'message.sent'])
  })
})
