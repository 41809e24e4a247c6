import { describe, expect, it } from 'vitest'
import { addDays, daysBetween } from '../../../src/core/time/index.js'

describe('day arithmetic on stored days', () => {
  it('crosses months, years and 29 February', () => {
    expect(addDays('2026-09-30', 1)).toBe('2026-10-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addDays('2026-11-22', 90)).toBe('2027-02-20')
  })

  it('counts whole days either way', () => {
    expect(daysBetween('2026-11-22', '2026-11-29')).toBe(7)
    expect(daysBetween('2026-11-29', '2026-11-22')).toBe(-7)
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29)
  })
})
