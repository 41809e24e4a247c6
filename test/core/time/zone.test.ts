import { describe, expect, it } from 'vitest'
import { hourIn, localDay, localTime, wallClockIn, zonedToUtc } from '../../../src/core/time/index.js'

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

describe('the wall clock of a zone', () => {
  it('reads the time and the hour there', () => {
    const at = new Date('2026-11-22T17:05:00Z')
    expect(localTime(at, 'Asia/Bangkok')).toBe('00:05')
    expect(hourIn(at, 'Asia/Bangkok')).toBe(0)
    expect(localTime(at, 'UTC')).toBe('17:05')
    expect(wallClockIn('Asia/Bangkok')(at)).toEqual({ date: '2026-11-23', time: '00:05' })
  })

  it("turns a zone's date and time into the instant, and back", () => {
    const at = zonedToUtc('2026-11-23', '00:05', 'Asia/Bangkok')
    expect(at?.toISOString()).toBe('2026-11-22T17:05:00.000Z')
    expect(zonedToUtc('2026-07-01', '09:00', 'Europe/London')?.toISOString()).toBe('2026-07-01T08:00:00.000Z')
    expect(zonedToUtc('2026-12-01', '09:00', 'Europe/London')?.toISOString()).toBe('2026-12-01T09:00:00.000Z')
    expect(zonedToUtc('1 Dec', '09:00', 'UTC')).toBeNull()
    expect(zonedToUtc('2026-12-01', '9 am', 'UTC')).toBeNull()
  })
})
