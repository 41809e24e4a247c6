import { describe, expect, it } from 'vitest'
import { createSendPace } from '../../src/broadcasts/pace.js'

/** A fake clock and the shared reservation row, modelled as pace-repository does it. */
function world() {
  let now = 0
  let tat = 0
  const reserve = async (spanMs: number) => {
    tat = Math.max(tat, now) + spanMs
    return tat - spanMs - now
  }
  const sleep = async (ms: number) => {
    now += ms
  }
  return { reserve, sleep, now: () => now, advance: (ms: number) => (now += ms) }
}

describe('send pace, happy path', () => {
  it('hands out one slot every 1000/perSecond ms, reserving the next block ahead', async () => {
    const w = world()
    let reservations = 0
    const pace = createSendPace({
      perSecond: 100,
      block: 4,
      reserve: (span) => {
        reservations++
        return w.reserve(span)
      },
      now: w.now,
      sleep: w.sleep,
    })
    const times: number[] = []
    for (let i = 0; i < 12; i++) {
      await pace.take()
      times.push(w.now())
    }
    // Never faster than the rate. A block's start is converted to local time when its answer
    // arrives (here: after a sleep), so a prefetched block may start a little late, never early.
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0))
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(10)
    expect(times[0]).toBe(0)
    expect(times.at(-1)).toBeLessThanOrEqual(110 + 10 * 2)
    expect(reservations).toBeGreaterThanOrEqual(3)
  })

  it('two instances on one shared row get disjoint slots: together at the rate, not twice it', async () => {
    const w = world()
    let slot = 0
    // The slot a take waits for, without the clock moving: both instances are always busy.
    const sleep = async (ms: number) => {
      slot = w.now() + ms
    }
    const make = () => createSendPace({ perSecond: 100, block: 3, reserve: w.reserve, now: w.now, sleep })
    const a = make()
    const b = make()
    const slots: number[] = []
    for (let i = 0; i < 30; i++) {
      slot = w.now()
      await (i % 2 === 0 ? a : b).take()
      slots.push(slot)
      w.advance(1)
    }
    const sorted = [...slots].sort((x, y) => x - y)
    const gaps = sorted.slice(1).map((t, i) => t - (sorted[i] ?? 0))
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(10)
    // 30 sends at 100/s span at least 290 ms; two unshared paces would have taken 145.
    expect((sorted.at(-1) ?? 0) - (sorted[0] ?? 0)).toBeGreaterThanOrEqual(290)
  })

  it('an idle channel starts at once; slots missed by more than a second are not used late', async () => {
    const w = world()
    const pace = createSendPace({ perSecond: 10, block: 2, reserve: w.reserve, now: w.now, sleep: w.sleep })
    await pace.take()
    expect(w.now()).toBe(0)
    w.advance(5_000)
    const at = w.now()
    await pace.take()
    // The reserved slot at 100 ms was 4.9 s stale: a fresh reservation, starting now.
    expect(w.now()).toBe(at)
  })
})

describe('send pace, errors', () => {
  it('refuses a bad configuration when created', () => {
    const w = world()
    const o = { reserve: w.reserve, now: w.now, sleep: w.sleep }
    for (const perSecond of [0, -5, Number.NaN]) {
      expect(() => createSendPace({ ...o, perSecond })).toThrow(/perSecond/)
    }
    expect(() => createSendPace({ ...o, perSecond: 10, block: 0 })).toThrow(/block/)
    expect(() => createSendPace({ ...o, perSecond: 10, block: 1.5 })).toThrow(/block/)
  })

  it('a failed reservation fails the take that needed it; the next take reserves again', async () => {
    const w = world()
    let fail = true
    const pace = createSendPace({
      perSecond: 100,
      block: 1,
      reserve: async (span) => {
        if (fail) throw new Error('database down')
        return w.reserve(span)
      },
      now: w.now,
      sleep: w.sleep,
    })
    await expect(pace.take()).rejects.toThrow('database down')
    fail = false
    await pace.take()
    await pace.take()
    expect(w.now()).toBe(10)
  })
})
