import { describe, expect, test } from 'vitest'
import { generatePassword } from '../../src/admin/password.js'
import { lockedUntil } from '../../src/admin/throttle.js'

describe('passwords', () => {
  test('one-time passwords: 16 characters without look-alikes, all different', () => {
    const seen = new Set(Array.from({ length: 50 }, () => generatePassword()))
    expect(seen.size).toBe(50)
    for (const p of seen) expect(p).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{16}$/)
  })
})

describe('login throttle', () => {
  const now = new Date('2026-11-22T03:00:00Z')
  const ago = (min: number) => new Date(now.getTime() - min * 60_000)
  test('four failures in 15 minutes: not locked', () => {
    expect(lockedUntil([ago(1), ago(2), ago(3), ago(4)], now)).toBeNull()
  })
  test('five failures: locked until the oldest of them leaves the window', () => {
    expect(lockedUntil([ago(1), ago(2), ago(3), ago(4), ago(10)], now)).toEqual(
      new Date(ago(10).getTime() + 15 * 60_000),
    )
  })
  test('failures older than the window do not count', () => {
    expect(lockedUntil([ago(1), ago(2), ago(3), ago(4), ago(16), ago(20)], now)).toBeNull()
  })
})
