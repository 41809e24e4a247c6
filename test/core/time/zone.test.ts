import { describe, expect, it } from 'vitest'
import { localDay } from '../../../src/core/time/index.js'

describe('localDay', () => {
  it("is the agency's calendar day, not UTC's", () => {
    // 16:59:59 UTC is 23:59:59 in Bangkok; a second later it is the next day there.
    expect(localDay(new Date('2026-11-22T16:59:59Z'), 'Asia/Bangkok')).toBe('2026-11-22')
    expect(localDay(new Date('2026-11-22T17:00:00Z'), 'Asia/Bangkok')).toBe('2026-11-23')
    expect(localDay(new Date('2026-11-22T17:00:00Z'), 'UTC')).toBe('2026-11-22')
  })

  it('keeps each time zone apart when both are asked in turn (one formatter per zone)', () => {
    const at = new Date('2026-01-01T02:00:00Z')
    expect([
      localDay(at, 'America/New_York'),
      localDay(at, 'Asia/Bangkok'),
      localDay(at, 'America/New_York'),
    ]).toEqual(['2025-12-31', '2026-01-01', '2025-12-31'])
  })
})
