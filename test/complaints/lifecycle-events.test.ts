import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { changeStatus } from '../../src/complaints/officers/status.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { fromUser } from '../helpers/line-events.js'
import { enterNow } from './file-case.js'

// The complaint lifecycle in the engagement log is counts only: no chat or place key, the day
// and nothing finer, and no data but the outcome. Filing leaves no event at all (complaint
// counts come from the case tables), nor do the complainant's own presses
// (engagement/presses.ts).

const COMPLAINANT = `U${'4d'.repeat(16)}`

describe.each(DB_KINDS)('complaint lifecycle events (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  async function fileInLine() {
    const chat = chatAs(t, line, fromUser(COMPLAINANT))
    let step = await chat.say('ร้องเรียน')
    step = await chat.tap(button(step, /จัดซื้อ/))
    await chat.say('มีการล็อกสเปกเครื่องคอมพิวเตอร์')
    await chat.say('เดือนที่แล้ว')
    step = await chat.say('กองพัสดุ')
    step = await chat.tap(button(step, /ข้าม/))
    step = await chat.tap(button(step, /เสร็จ/))
    step = await chat.tap(button(step, /ไม่ระบุชื่อ/))
    step = await chat.tap(button(step, /^แจ้งเตือน$/))
    await chat.tap(button(step, /^ส่ง$/))
  }

  it('filed, acknowledged, closed: no event for the filing, day-start times, no keys, only the outcome', async () => {
    await fileInLine()
    await enterNow(t)
    const officer = { id: 'officer-1', now: new Date('2026-11-23T05:17:42Z'), timeZone: 'Asia/Bangkok' }
    for (const [to, outcome] of [
      ['acknowledged', ''],
      ['closed', 'unsubstantiated'],
    ] as const) {
      const row = await t.testDb.db.selectFrom('complaint_cases').selectAll().executeTakeFirstOrThrow()
      const r = await changeStatus(
        t.testDb.db,
        t.deps.keyring,
        row,
        { to, outcome, message: 'รับทราบ', retentionDays: 1825 },
        officer,
      )
      expect(r.ok).toBe(true)
    }
    const events = await t.testDb.db.selectFrom('engagement_events').selectAll().orderBy('id').execute()
    // Nothing but the officers' lifecycle: the filing, the complainant's presses and typed
    // answers and the day's entry left no event.
    expect(events.map((e) => e.kind)).toEqual(['complaint.acknowledged', 'complaint.closed'])
    expect(events.map((e) => e.kind)).not.toContain('complaint.filed')
    expect(events.map((e) => e.occurred_at.toISOString())).toEqual([
      '2026-11-23T00:00:00.000Z',
      '2026-11-23T00:00:00.000Z',
    ])
    for (const e of events) {
      expect(e).toMatchObject({
        chat_key: null,
        place_key: null,
        ref_type: null,
        ref_id: null,
        measure: 'complaints',
      })
      expect(Object.keys(e.data).every((k) => k === 'channel' || k === 'outcome')).toBe(true)
    }
    expect(events.map((e) => e.data)).toEqual([{}, { outcome: 'unsubstantiated' }])
  })
})
