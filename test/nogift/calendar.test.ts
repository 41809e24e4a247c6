import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findBroadcast } from '../../src/broadcasts/repository.js'
import { silentLogger } from '../../src/core/logger.js'
import type { CalendarEntry } from '../../src/flows/schema-dialogues.js'
import { housekeeping } from '../../src/jobs/minute.js'
import { ensureCalendarReminders, upcoming } from '../../src/nogift/calendar.js'
import { DB_KINDS, openTestDb, type TestDb } from '../helpers/db.js'
import { shippedFlows } from '../helpers/flows.js'

const flows = shippedFlows()
const entry = (e: Partial<CalendarEntry>): CalendarEntry => ({
  id: 'x',
  name: 'ทดสอบ',
  daysBefore: 7,
  time: '09:00',
  message: 'nogift.reminder',
  ...e,
})

describe('upcoming(): the next reminder time of each calendar entry, Asia/Bangkok', () => {
  it("this year's date while its reminder is ahead, else next year's", () => {
    const now = new Date('2026-11-22T03:00:00Z')
    const [newYear, songkran] = upcoming(
      [entry({ every: '01-01', daysBefore: 10 }), entry({ every: '04-13' })],
      now,
      'Asia/Bangkok',
    )
    expect(newYear?.occursOn).toBe('2027-01-01')
    expect(newYear?.sendAt.toISOString()).toBe('2026-12-22T02:00:00.000Z') // 09:00 in Bangkok
    expect(songkran?.occursOn).toBe('2027-04-13')
    const late = upcoming([entry({ every: '12-25', daysBefore: 40 })], now, 'Asia/Bangkok')
    expect(late[0]?.occursOn).toBe('2027-12-25')
  })

  it('listed dates: the first whose reminder is ahead; none after the last', () => {
    const now = new Date('2027-02-01T03:00:00Z')
    const dates = ['2027-02-06', '2028-01-26']
    expect(upcoming([entry({ dates })], now, 'Asia/Bangkok')[0]?.occursOn).toBe('2028-01-26')
    expect(upcoming([entry({ dates: ['2026-02-17'] })], now, 'Asia/Bangkok')).toEqual([])
  })
})

describe.each(DB_KINDS)('default No Gift reminders in the schedule (%s)', (kind) => {
  let t: TestDb
  beforeEach(async () => {
    t = await openTestDb(kind)
  })
  afterEach(() => t.close())

  const now = new Date('2026-11-22T03:00:00Z')

  it('creates each reminder within 60 days once, as a scheduled, editable broadcast', async () => {
    expect(await ensureCalendarReminders(t.db, flows, 'default', now, 'Asia/Bangkok')).toBe(1) // New Year, 22 Dec
    expect(await ensureCalendarReminders(t.db, flows, 'default', now, 'Asia/Bangkok')).toBe(0)
    const rows = await t.db.selectFrom('broadcasts').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      template: 'nogift',
      status: 'scheduled',
      audience: 'all_followers',
      measure: 'nogift',
      created_by: 'system:calendar',
      title: 'No Gift Policy: เทศกาลปีใหม่ 2570',
    })
    expect(rows[0]?.next_run_at?.toISOString()).toBe('2026-12-22T02:00:00.000Z')
    // The pledge button carries this broadcast's id, so presses are counted per broadcast.
    expect(JSON.stringify(rows[0]?.messages)).toContain(`ref=${rows[0]?.id}`)
  })

  it('one an admin cancelled is not created again; two instances racing create one', async () => {
    await Promise.all([
      ensureCalendarReminders(t.db, flows, 'default', now, 'Asia/Bangkok'),
      ensureCalendarReminders(t.db, flows, 'default', now, 'Asia/Bangkok'),
    ])
    const [row] = await t.db.selectFrom('broadcasts').selectAll().execute()
    await t.db.updateTable('broadcasts').set({ status: 'cancelled' }).execute()
    await housekeeping(
      { db: t.db, flows, log: silentLogger, timeZone: 'Asia/Bangkok' },
      new Date(now.getTime() + 60_000),
    )
    expect(await t.db.selectFrom('broadcasts').selectAll().execute()).toHaveLength(1)
    expect((await findBroadcast(t.db, 'default', row?.id ?? ''))?.status).toBe('cancelled')
  })

  it('housekeeping also destroys expired form drafts', async () => {
    await t.db
      .insertInto('dialogue_sessions')
      .values({
        org_id: 'default',
        session_key: 'k',
        form_id: 'nogift.report',
        step: 0,
        answers: new Uint8Array([1]),
        key_id: 'x',
        expires_at: new Date(now.getTime() - 1),
        updated_at: now,
      })
      .execute()
    await housekeeping({ db: t.db, flows, log: silentLogger, timeZone: 'Asia/Bangkok' }, now)
    expect(await t.db.selectFrom('dialogue_sessions').selectAll().execute()).toEqual([])
  })
})
