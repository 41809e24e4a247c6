import { describe, expect, it } from 'vitest'
import { checkCron, nextOccurrence, nextOccurrences, presetToCron } from '../../src/broadcasts/schedule.js'

const after = new Date('2026-11-22T03:00:00Z')

describe('recurrence (pure)', () => {
  it('presets become cron expressions', () => {
    expect(presetToCron({ kind: 'monthly', day: 1, hour: 9, minute: 0 })).toEqual({
      ok: true,
      cron: '0 9 1 * *',
    })
    expect(presetToCron({ kind: 'weekly', weekday: 'monday', hour: 8, minute: 30 })).toEqual({
      ok: true,
      cron: '30 8 * * 1',
    })
    expect(presetToCron({ kind: 'weekdays', hour: 7, minute: 45 })).toEqual({
      ok: true,
      cron: '45 7 * * 1-5',
    })
    expect(presetToCron({ kind: 'daily', hour: 0, minute: 0 })).toEqual({ ok: true, cron: '0 0 * * *' })
    expect(presetToCron({ kind: 'monthly_last_day', hour: 16, minute: 0 })).toEqual({
      ok: true,
      cron: '0 16 L * *',
    })
  })

  it('refuses presets that would misfire', () => {
    expect(presetToCron({ kind: 'monthly', day: 31, hour: 9, minute: 0 }).ok).toBe(false)
    expect(presetToCron({ kind: 'daily', hour: 24, minute: 0 }).ok).toBe(false)
    expect(presetToCron({ kind: 'daily', hour: 9, minute: 7.5 }).ok).toBe(false)
  })

  it('"monthly on day 1 at 09:00" Bangkok is 02:00 UTC on the 1st', () => {
    expect(nextOccurrences('0 9 1 * *', 'Asia/Bangkok', after, 3).map((d) => d.toISOString())).toEqual([
      '2026-12-01T02:00:00.000Z',
      '2027-01-01T02:00:00.000Z',
      '2027-02-01T02:00:00.000Z',
    ])
  })

  it('"every Monday at 09:00" and the last day of the month, in Bangkok', () => {
    // 2026-11-23 is a Monday.
    expect(nextOccurrence('0 9 * * 1', 'Asia/Bangkok', after)?.toISOString()).toBe('2026-11-23T02:00:00.000Z')
    expect(nextOccurrence('0 9 L * *', 'Asia/Bangkok', after)?.toISOString()).toBe('2026-11-30T02:00:00.000Z')
    // Midnight Bangkok is the previous day in UTC.
    expect(nextOccurrence('0 0 1 * *', 'Asia/Bangkok', after)?.toISOString()).toBe('2026-11-30T17:00:00.000Z')
  })

  it('another time zone is honoured', () => {
    expect(nextOccurrence('0 9 1 * *', 'UTC', after)?.toISOString()).toBe('2026-12-01T09:00:00.000Z')
  })

  it('rejects malformed expressions with a reason', () => {
    for (const bad of ['', 'hello', '61 9 * * *', '0 25 * * *', '* * * * * *', '0 9 31 2 *', '0 9 1 13 *']) {
      const r = checkCron(bad, 'Asia/Bangkok')
      expect(r.ok, bad).toBe(false)
    }
    expect(checkCron('0 9 * * *', 'Mars/Olympus').ok).toBe(false)
    expect(checkCron('*/15 8-17 * * 1-5', 'Asia/Bangkok')).toEqual({ ok: true })
  })
})
