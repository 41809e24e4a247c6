import { describe, expect, it } from 'vitest'
import { claimDeliveries, countByStatus, listDeliveries } from '../../src/broadcasts/deliveries.js'
import { createBroadcastLoop } from '../../src/broadcasts/loop.js'
import { listRuns } from '../../src/broadcasts/repository.js'
import { DEFAULT_SEND_OPTIONS, tick } from '../../src/broadcasts/tick.js'
import { silentLogger } from '../../src/core/logger.js'
import { createSyncedClock } from '../../src/core/synced-clock.js'
import type { LinePort } from '../../src/line/port.js'
import { DB_KINDS } from '../helpers/db.js'
import { aClaim, failingQueries, recordingLogger, theLook } from './db-faults.js'
import { deliveredCounts, type Harness, ORG, scheduled, seedGroups, useHarness } from './harness.js'

const LEASE = DEFAULT_SEND_OPTIONS.leaseMs

async function expandedRun(h: Harness, groups: number) {
  await seedGroups(h, groups)
  const b = await scheduled(h)
  await tick(h.deps({ options: { budgetMs: 0 } }), h.clock.now())
  const [run] = await listRuns(h.t.db, ORG, b.id)
  if (!run) throw new Error('no run')
  return run
}

/** Polls (briefly, in real time) until `check` holds. */
async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`never happened: ${what}`)
}

describe.each(DB_KINDS)('broadcast loop, faults (%s)', (kind) => {
  const h = useHarness(kind)

  it('a crashed instance’s claimed rows are taken over when its short lease ends, within 30 s, nobody twice', async () => {
    const run = await expandedRun(h, 40)
    // The doomed instance claims 20 rows, pushes 5 of them with their stored keys, and dies.
    const crash = h.clock.now()
    const claimed = await claimDeliveries(h.t.db, {
      now: crash,
      leaseUntil: new Date(crash.getTime() + LEASE),
      limit: 20,
    })
    for (const d of claimed.slice(0, 5)) {
      await h.api.push(d.recipient, [{ type: 'text', text: 'x' }], { retryKey: d.retry_key })
    }
    // The survivor: one tick, then it follows the run on its own (its waits pass on the clock).
    const loop = createBroadcastLoop(h.deps(), {
      wait: async (ms) => {
        h.clock.advance(ms)
      },
    })
    await loop.tick()
    await loop.idle()
    const rows = await listDeliveries(h.t.db, ORG, run.id)
    expect(rows.every((r) => r.status === 'sent')).toBe(true)
    const doomed = new Set(claimed.map((d) => d.recipient))
    const takenOver = rows.filter((r) => doomed.has(r.recipient))
    expect(takenOver).toHaveLength(20)
    for (const r of takenOver) {
      const after = (r.sent_at?.getTime() ?? Number.NaN) - crash.getTime()
      // Left alone while the lease held; taken over within 30 s of the crash.
      expect(after).toBeGreaterThan(LEASE)
      expect(after).toBeLessThanOrEqual(30_000)
    }
    expect(rows.filter((r) => r.answer_status === 409)).toHaveLength(5)
    const counts = deliveredCounts(h.line)
    expect(counts.size).toBe(40)
    expect(Math.max(...counts.values())).toBe(1)
    expect((await listRuns(h.t.db, ORG, run.broadcast_id))[0]?.status).toBe('sent')
  })

  it('a live sender renews its leases while LINE is slow: nobody takes its rows over', async () => {
    const run = await expandedRun(h, 1)
    const start = h.clock.now().getTime()
    h.line.failNext(1, { acceptThenDelayMs: 400 })
    const sending = tick(h.deps({ options: { renewMs: 10 } }), h.clock.now())
    await until(async () => h.line.requests().some((r) => r.path === '/v2/bot/message/push'), 'the push')
    // 15 s later by the clock the sender renews; 15 s after that its first lease would be over.
    h.clock.advance(15_000)
    const leaseUntil = async () =>
      (await listDeliveries(h.t.db, ORG, run.id))[0]?.lease_until?.getTime() ?? Number.NaN
    await until(async () => (await leaseUntil()) >= start + 15_000 + LEASE, 'a renewed lease')
    h.clock.advance(15_000)
    const now = h.clock.now()
    const other = await claimDeliveries(h.t.db, {
      now,
      leaseUntil: new Date(now.getTime() + LEASE),
      limit: 10,
    })
    expect(other).toEqual([])
    expect((await sending).sent).toBe(1)
    expect(Math.max(...deliveredCounts(h.line).values())).toBe(1)
    expect(await countByStatus(h.t.db, run.id)).toMatchObject({ sent: 1, sending: 0 })
  })

  it('an instance stopping hands back what it claimed but did not send, for others to take at once', async () => {
    const run = await expandedRun(h, 10)
    let stopping = false
    const stopAfterOne: LinePort = Object.create(h.api)
    stopAfterOne.push = async (...args) => {
      stopping = true
      return h.api.push(...args)
    }
    const report = await tick(
      h.deps({
        lineFor: async () => stopAfterOne,
        stopping: () => stopping,
        options: { concurrency: 1, batchSize: 10 },
      }),
      h.clock.now(),
    )
    expect(report.sent).toBe(1)
    const rows = await listDeliveries(h.t.db, ORG, run.id)
    const back = rows.filter((r) => r.status === 'pending')
    expect(back).toHaveLength(9)
    // Untried: the attempt does not count, and it is due now.
    expect(
      back.every((r) => r.attempts === 0 && r.next_attempt_at.getTime() <= h.clock.now().getTime()),
    ).toBe(true)
    expect(await countByStatus(h.t.db, run.id)).toMatchObject({ sending: 0 })
  })

  it('an instance whose clock is a minute ahead leaves a live lease alone once synced to the database', async () => {
    const run = await expandedRun(h, 3)
    // h.clock is the database's time: a live instance holds the rows for 20 s from now.
    const now = h.clock.now()
    await claimDeliveries(h.t.db, { now, leaseUntil: new Date(now.getTime() + LEASE), limit: 3 })
    const ahead = () => h.clock.now().getTime() + 60_000
    // By the database's clock, corrected, the lease is not over: the tick sends none of those rows.
    const synced = createSyncedClock({
      local: ahead,
      reference: async () => h.clock.now().getTime(),
      log: silentLogger,
    })
    await synced.sync()
    const report = await tick(h.deps({ clock: synced }), synced.now())
    expect(report.sent).toBe(0)
    expect(await countByStatus(h.t.db, run.id)).toMatchObject({ sending: 3 })
    expect(deliveredCounts(h.line).size).toBe(0)
    // By its own clock the lease is long over: uncorrected, it would have taken the rows over.
    const unsynced = await tick(h.deps({ clock: { now: () => new Date(ahead()) } }), new Date(ahead()))
    expect(unsynced.sent).toBe(3)
  })

  it('a pass that fails is passed again after a second’s backoff, with no new tick: the rest goes out, nobody twice', async () => {
    const run = await expandedRun(h, 10)
    const start = h.clock.now().getTime()
    const { log, lines } = recordingLogger()
    const waits: number[] = []
    // One worker and batches of two: the second claim, made ahead, fails, and with it the pass.
    const deps = h.deps({
      db: h.t.db.withPlugin(failingQueries(aClaim, (n) => n === 2)),
      log,
      options: { concurrency: 1, batchSize: 2 },
    })
    const loop = createBroadcastLoop(deps, {
      wait: async (ms) => {
        waits.push(ms)
        h.clock.advance(ms)
      },
    })
    expect(await loop.tick()).toBeNull()
    await loop.idle()
    expect(waits[0]).toBe(1_000)
    const rows = await listDeliveries(h.t.db, ORG, run.id)
    expect(rows.every((r) => r.status === 'sent')).toBe(true)
    // Two went out in the failed pass, the other eight in the next, a second later.
    const after = rows.map((r) => (r.sent_at?.getTime() ?? Number.NaN) - start)
    expect(after.filter((t) => t === 0)).toHaveLength(2)
    expect(after.filter((t) => t === 1_000)).toHaveLength(8)
    const counts = deliveredCounts(h.line)
    expect(counts.size).toBe(10)
    expect(Math.max(...counts.values())).toBe(1)
    expect((await listRuns(h.t.db, ORG, run.broadcast_id))[0]?.status).toBe('sent')
    // Said once with its cause, and once when a pass worked again.
    expect(lines.filter((l) => l.level === 'error')).toEqual([
      {
        level: 'error',
        event: 'broadcast.tick_failed',
        fields: { error: 'Error', reason: 'connection lost' },
      },
    ])
    expect(lines.find((l) => l.event === 'broadcast.recovered')?.fields).toEqual({
      failures: 1,
      failingMs: 1_000,
    })
  })

  it('a look between passes that fails once does not end the following: a crashed instance’s rows are still taken over', async () => {
    const run = await expandedRun(h, 3)
    // Another instance holds every row, and dies: only the following takes them, once the lease ends.
    const crash = h.clock.now()
    await claimDeliveries(h.t.db, { now: crash, leaseUntil: new Date(crash.getTime() + LEASE), limit: 3 })
    const deps = h.deps({ db: h.t.db.withPlugin(failingQueries(theLook, (n) => n === 1)) })
    const loop = createBroadcastLoop(deps, {
      wait: async (ms) => {
        h.clock.advance(ms)
      },
    })
    expect((await loop.tick())?.sent).toBe(0)
    await loop.idle()
    const rows = await listDeliveries(h.t.db, ORG, run.id)
    expect(rows.every((r) => r.status === 'sent')).toBe(true)
    for (const r of rows) {
      expect((r.sent_at?.getTime() ?? Number.NaN) - crash.getTime()).toBeLessThanOrEqual(30_000)
    }
    expect(Math.max(...deliveredCounts(h.line).values())).toBe(1)
    expect((await listRuns(h.t.db, ORG, run.broadcast_id))[0]?.status).toBe('sent')
  })

  it('a database that stays down: tried again ever less often, in a few log lines, and stop() ends it at once', async () => {
    await expandedRun(h, 3)
    const { log, lines } = recordingLogger()
    const down = failingQueries(
      () => true,
      () => true,
      'connection refused',
    )
    const deps = h.deps({ db: h.t.db.withPlugin(down), log })
    const waits: number[] = []
    let parked: () => void = () => {}
    const tries = new Promise<'trying'>((resolve) => {
      parked = () => resolve('trying')
    })
    // Forty waits on the clock (over three minutes of it), then the loop is left waiting for stop().
    const loop = createBroadcastLoop(deps, {
      wait: async (ms, woken) => {
        waits.push(ms)
        h.clock.advance(ms)
        if (waits.length < 40) return
        parked()
        await woken
      },
    })
    expect(await loop.tick()).toBeNull()
    expect(await Promise.race([tries, loop.idle().then(() => 'stopped following' as const)])).toBe('trying')
    expect(waits.slice(0, 4)).toEqual([1_000, 2_000, 4_000, 5_000])
    expect(new Set(waits.slice(3))).toEqual(new Set([5_000]))
    // The pass's failure and the first look's, then the looks' once a minute with their repeats:
    // five lines for 41 failures.
    const errors = lines.filter((l) => l.level === 'error')
    expect(errors.length).toBeLessThanOrEqual(5)
    expect(errors.slice(0, 2).map((l) => [l.event, l.fields.reason])).toEqual([
      ['broadcast.tick_failed', 'connection refused'],
      ['broadcast.follow_failed', 'connection refused'],
    ])
    expect(errors.slice(2).every((l) => Number(l.fields.repeated) > 1)).toBe(true)
    expect(lines.some((l) => l.event === 'broadcast.recovered')).toBe(false)
    const stopping = performance.now()
    await loop.stop()
    expect(performance.now() - stopping).toBeLessThan(1_000)
    expect(waits).toHaveLength(40)
  })
})
