import { describe, expect, it } from 'vitest'
import {
  fiscalBounds,
  fiscalMonth,
  fiscalMonths,
  fiscalYearOf,
  fiscalYearOfDay,
  fiscalYearRange,
  yearOfMonth,
} from '../../../src/core/time/index.js'

describe('fiscal years (Buddhist era, from 1 October)', () => {
  it('maps days and years both ways', () => {
    expect(fiscalYearOfDay('2026-09-30')).toBe(2569)
    expect(fiscalYearOfDay('2026-10-01')).toBe(2570)
    expect(fiscalYearRange(2570)).toEqual({ from: '2026-10-01', to: '2027-09-30' })
  })

  it('turns the fiscal year at midnight of 1 October in Bangkok', () => {
    expect(fiscalYearOf(new Date('2025-09-30T16:59:59Z'), 'Asia/Bangkok')).toBe(2568)
    expect(fiscalYearOf(new Date('2025-09-30T17:00:00Z'), 'Asia/Bangkok')).toBe(2569)
  })

  it('turns it seven hours later in UTC: the zone decides, not the server', () => {
    const bangkokMidnight = new Date('2025-09-30T17:00:00Z')
    expect(fiscalYearOf(bangkokMidnight, 'UTC')).toBe(2568)
    expect(fiscalYearOf(new Date('2025-09-30T23:59:59Z'), 'UTC')).toBe(2568)
    expect(fiscalYearOf(new Date('2025-10-01T00:00:00Z'), 'UTC')).toBe(2569)
  })

  it("bounds a year by its zone's midnights, [1 Oct, next 1 Oct)", () => {
    expect(fiscalBounds(2569, 'Asia/Bangkok')).toEqual({
      start: new Date('2025-09-30T17:00:00Z'),
      end: new Date('2026-09-30T17:00:00Z'),
    })
    expect(fiscalBounds(2569, 'UTC')).toEqual({
      start: new Date('2025-10-01T00:00:00Z'),
      end: new Date('2026-10-01T00:00:00Z'),
    })
  })

  it('lists its months October first and places each in its calendar year', () => {
    const months = fiscalMonths(2569)
    expect(months).toHaveLength(12)
    expect([months[0], months[2], months[3], months[11]]).toEqual([
      '2025-10',
      '2025-12',
      '2026-01',
      '2026-09',
    ])
    expect([fiscalMonth(10), fiscalMonth(12), fiscalMonth(1), fiscalMonth(9)]).toEqual([1, 3, 4, 12])
    expect([yearOfMonth(2569, 10), yearOfMonth(2569, 9)]).toEqual([2568, 2569])
  })
})
