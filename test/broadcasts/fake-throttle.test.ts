import { describe, expect, it } from 'vitest'
import { createThrottle } from '../fakes/fake-line-throttle.js'

describe('fake LINE throttle (benchmark helper)', () => {
  it('allows perSecond requests per second on push, answers 429 beyond, refills with time', () => {
    let t = 0
    const th = createThrottle({ perSecond: 3, now: () => t })
    const push = () => th.check('/v2/bot/message/push')?.status ?? 200
    expect([push(), push(), push(), push()]).toEqual([200, 200, 200, 429])
    expect(th.check('/v2/bot/message/quota')).toBeNull()
    t += 334
    expect(push()).toBe(200)
    expect(push()).toBe(429)
  })
  it('fails the given share with 500 (not processed)', () => {
    const rolls = [0.01, 0.5, 0.04, 0.9]
    const th = createThrottle({ perSecond: 100, failRatio: 0.05, random: () => rolls.shift() ?? 1 })
    const seen = [1, 2, 3, 4].map(() => th.check('/v2/bot/message/push')?.status ?? 200)
    expect(seen).toEqual([500, 200, 500, 200])
    expect(th.stats()).toEqual({ allowed: 2, limited: 0, failed: 2 })
  })
})
