import { describe, expect, it } from 'vitest'
import { createBroadcastLoop } from '../../src/broadcasts/loop.js'
import { listRuns } from '../../src/broadcasts/repository.js'
import { DEFAULT_SEND_OPTIONS, type TickDeps } from '../../src/broadcasts/tick.js'
import { silentLogger } from '../../src/core/logger.js'
import { createSyncedClock } from '../../src/core/synced-clock.js'
import { createPgDb } from '../../src/db/pg.js'
import type { LinePort } from '../../src/line/port.js'
import { faults } from '../fakes/fake-line-server.js'
import { DB_KINDS } from '../helpers/db.js'
import { deliveredCounts, type Harness, ORG, scheduled, seedGroups, useHarness } from './harness.js'

/** A loop whose waits pass on the test's clock at once: no real time goes by. */
const onTheClock = (h: Harness) => ({
  wait: async (ms: number) => {
    h.clock.advance(ms)
  },
})

/** The same channel, counting what this "instance" pushed. */
function counted(api: LinePort): { port: LinePort; pushes: () => number } {
  let n = 0
  const port: LinePort = Object.create(api)
  port.push = async (...args) => {
    n++
    return api.push(...args)
  }
  return { port, pushes: () => n }
}

describe.each(DB_KINDS)('broadcast loop (%s)', (kind) => {
  const h = useHarness(kind, { isolation: 'connections' })

  it('two instances ticking at once both send from the start of a big audience, nobody twice', async () => {
    const groups = await seedGroups(h, 200)
    const b = await scheduled(h)
    // PostgreSQL: a second pool is a second instance. PGlite has one connection, so both share it.
    const second = kind === 'postgres' && h.t.url ? createPgDb(h.t.url, { max: 5 }) : h.t.db
    const instance = (db: typeof h.t.db) => {
      const line = counted(h.api)
      const deps: TickDeps = h.deps({
        db,
        lineFor: async () => line.port,
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        // Paced (shared through the database) so the run lasts long enough for both to take part.
        options: { ...DEFAULT_SEND_OPTIONS, batchSize: 20, concurrency: 4, maxPerSecond: 1_000 },
      })
      // Real but short waits: the clock stands still, so no lease runs out meanwhile.
      const loop = createBroadcastLoop(deps, {
        wait: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))),
      })
      return { loop, pushes: line.pushes }
    }
    const a = instance(h.t.db)
    const c = instance(second)
    try {
      // The same minute on both: one expands the run, the other finds nothing yet and follows it.
      await Promise.all([a.loop.tick(h.clock.now()), c.loop.tick(h.clock.now())])
      await Promise.all([a.loop.idle(), c.loop.idle()])
    } finally {
      await a.loop.stop()
      await c.loop.stop()
      if (second !== h.t.db) await second.destroy()
    }
    expect(a.pushes() + c.pushes()).toBe(200)
    expect(Math.min(a.pushes(), c.pushes())).toBeGreaterThan(0)
    const counts = deliveredCounts(h.line)
    expect([...counts.keys()].sort()).toEqual(groups)
    expect(Math.max(...counts.values())).toBe(1)
    expect((await listRuns(h.t.db, ORG, b.id))[0]?.status).toBe('sent')
  })

  it('follows a run whose rows back off after LINE’s 5xx and sends them when due, with no minute tick', async () => {
    const groups = await seedGroups(h, 3)
    const b = await scheduled(h)
    // Every attempt of the first pass fails (the adapter's own retries included).
    h.line.failNext(12, faults.unavailable)
    const start = h.clock.now().getTime()
    const loop = createBroadcastLoop(h.deps({ options: { concurrency: 1 } }), onTheClock(h))
    const first = await loop.tick()
    expect(first?.sent).toBe(0)
    await loop.idle()
    const counts = deliveredCounts(h.line)
    expect([...counts.keys()].sort()).toEqual(groups)
    expect(Math.max(...counts.values())).toBe(1)
    const [run] = await listRuns(h.t.db, ORG, b.id)
    expect(run?.status).toBe('sent')
    // The rows' backoff is 30 s: sent then, not at the next minute or later.
    const finished = (run?.finished_at?.getTime() ?? Number.NaN) - start
    expect(finished).toBeGreaterThanOrEqual(DEFAULT_SEND_OPTIONS.retryBaseMs)
    expect(finished).toBeLessThan(DEFAULT_SEND_OPTIONS.retryBaseMs + 6_000)
  })

  it('with nothing open it does not wait or look again until the next tick', async () => {
    const waits: number[] = []
    const loop = createBroadcastLoop(h.deps(), { wait: async (ms) => void waits.push(ms) })
    const report = await loop.tick()
    await loop.idle()
    expect(report).toMatchObject({ runsCreated: 0, sent: 0 })
    expect(waits).toEqual([])
  })

  it('a broadcast due by the database’s clock goes out although this machine’s clock is a minute behind', async () => {
    await seedGroups(h, 2)
    // h.clock is the database's time; the broadcast is due at it.
    await scheduled(h)
    const behind = () => h.clock.now().getTime() - 60_000
    const lagging = createBroadcastLoop(h.deps({ clock: { now: () => new Date(behind()) } }))
    expect((await lagging.tick())?.runsCreated).toBe(0)
    await lagging.stop()
    const synced = createSyncedClock({
      local: behind,
      reference: async () => h.clock.now().getTime(),
      log: silentLogger,
    })
    await synced.sync()
    const loop = createBroadcastLoop(h.deps({ clock: synced }), onTheClock(h))
    expect((await loop.tick())?.runsCreated).toBe(1)
    await loop.idle()
    expect(deliveredCounts(h.line).size).toBe(2)
  })
})
