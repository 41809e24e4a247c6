import { describe, expect, it } from 'vitest'
import { systemClock } from '../../src/core/clock.js'
import { createLogger } from '../../src/core/logger.js'
import { clockHealth, createSyncedClock, skewOf } from '../../src/core/synced-clock.js'

/**
 * A database clock and a local clock, both fake: the database answers `dbAhead` ms ahead of the
 * local clock, and each round trip takes `rtts[i]` ms of local time (half before it reads).
 */
function rig(dbAhead: number, rtts: number[] = [10]) {
  let local = 1_800_000_000_000
  let i = 0
  const logs: Record<string, unknown>[] = []
  const clock = createSyncedClock({
    local: () => local,
    reference: async () => {
      const rtt = rtts[i++ % rtts.length] ?? 0
      local += rtt / 2
      const db = local + dbAhead
      local += rtt / 2
      return db
    },
    log: createLogger({ level: 'debug', write: (l) => logs.push(JSON.parse(l)) }),
  })
  return {
    clock,
    logs,
    get local() {
      return local
    },
    set ahead(ms: number) {
      dbAhead = ms
    },
    advance(ms: number) {
      local += ms
    },
  }
}

describe('synced clock', () => {
  it('takes the reference as read halfway through the round trip', () => {
    expect(skewOf({ sentAt: 1000, receivedAt: 1100, reference: 990 })).toEqual({
      skewMs: 60,
      roundTripMs: 100,
    })
  })

  it('tells the database’s time once measured, keeping the sample with the shortest round trip', async () => {
    // The slow samples are asymmetric in real life; the fake's are not, so the choice shows in
    // roundTripMs only.
    const r = rig(-60_000, [400, 4, 90])
    expect(r.clock.now().getTime()).toBe(r.local)
    const s = await r.clock.sync()
    expect(s).toMatchObject({ skewMs: 60_000, roundTripMs: 4, toleranceMs: 5_000 })
    expect(r.clock.now().getTime()).toBe(r.local - 60_000)
    r.advance(1_000)
    expect(r.clock.now().getTime()).toBe(r.local - 60_000)
  })

  it('warns once when off by more than 5 s, again only when the skew moves, and says when it is back', async () => {
    const r = rig(-60_000)
    await r.clock.sync()
    await r.clock.sync()
    await r.clock.sync()
    const warnings = () => r.logs.filter((l) => l.event === 'clock.skew')
    expect(warnings()).toHaveLength(1)
    expect(warnings()[0]).toMatchObject({ level: 'warn', skewMs: 60_000, toleranceMs: 5_000 })
    r.ahead = -61_000
    await r.clock.sync()
    expect(warnings()).toHaveLength(1)
    r.ahead = -120_000
    await r.clock.sync()
    expect(warnings()).toHaveLength(2)
    r.ahead = 200
    await r.clock.sync()
    await r.clock.sync()
    expect(r.logs.filter((l) => l.event === 'clock.skew_resolved')).toHaveLength(1)
    expect(warnings()).toHaveLength(2)
  })

  it('says nothing for a skew within the tolerance', async () => {
    const r = rig(4_900)
    await r.clock.sync()
    expect(r.clock.skew()?.skewMs).toBe(-4_900)
    expect(r.logs).toEqual([])
  })

  it('keeps the last offset when the database does not answer', async () => {
    let fail = false
    let local = 1_000_000
    const clock = createSyncedClock({
      local: () => local,
      reference: async () => {
        if (fail) throw new Error('connection refused')
        return local + 30_000
      },
      log: createLogger({ level: 'debug', write: () => {} }),
    })
    await clock.sync()
    fail = true
    expect(await clock.sync()).toBeNull()
    local += 5
    expect(clock.now().getTime()).toBe(local + 30_000)
  })

  it('/healthz words: nothing measured, within tolerance, and off with a warning', async () => {
    expect(clockHealth(systemClock)).toEqual({ skewMs: null })
    const near = rig(-1_200)
    await near.clock.sync()
    expect(clockHealth(near.clock)).toEqual({ skewMs: 1_200, toleranceMs: 5_000 })
    const behind = rig(90_000)
    await behind.clock.sync()
    const h = clockHealth(behind.clock)
    expect(h).toMatchObject({ skewMs: -90_000, toleranceMs: 5_000 })
    expect(h.warning).toMatch(/90\.0 s behind the database/)
  })
})
