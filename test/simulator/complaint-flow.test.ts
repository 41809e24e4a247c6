import jpeg from 'jpeg-js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSimulator, type Simulator } from '../../src/simulator/simulator.js'
import { phoneJpeg } from '../complaints/evidence/fixtures/images.js'
import { contains, GPS, gpsBytes, S } from '../complaints/evidence/fixtures/sentinels.js'
import { enterNow } from '../complaints/file-case.js'
import { walkToEvidence } from '../complaints/line-intake.js'
import { createTestApp, TEST_CHANNEL_SECRET, type TestApp } from '../helpers/app.js'
import { button, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { simChat } from './sim-chat.js'

// The complaint flow, whole, in local mode: a person in the LINE simulator files an anonymous complaint
// with a GPS-tagged phone photo, sent through the simulator's API as the chat page sends it (no
// MemoryLine: the bot fetches the photo from the simulator's LinePort), then follows it up.

const START = new Date('2026-11-22T03:00:00Z')

describe.each(DB_KINDS)('a complaint with a photo, in the simulator (%s)', (kind) => {
  let t: TestApp
  let sim: Simulator
  beforeEach(async () => {
    const ref: { t?: TestApp } = {}
    sim = createSimulator({
      channelSecret: TEST_CHANNEL_SECRET,
      clock: { now: () => ref.t?.clock.now() ?? START },
    })
    t = await createTestApp(kind, { simulator: sim, now: START })
    ref.t = t
  })
  afterEach(() => t.close())

  it('text and a GPS-tagged JPEG: filed, the photo stripped and sealed; then followed up', async () => {
    const chat = await simChat(t.app, () => t.settle(), 'ผู้แจ้ง ทดสอบ')
    let step = await walkToEvidence(chat)
    expect(textOf(step)).toMatch(/หลักฐาน[\s\S]*ได้รับแล้ว 0/)

    const photo = phoneJpeg()
    expect(contains(photo, gpsBytes(GPS.lat))).toBe(true) // what goes in does carry a location
    step = await chat.photo(photo)
    expect(textOf(step)).toMatch(/ได้รับแล้ว 1/)
    step = await chat.tap(button(step, /เสร็จ/))
    step = await chat.tap(button(step, /ไม่ระบุชื่อ/))
    step = await chat.tap(button(step, /ไม่ต้องแจ้ง/))
    expect(textOf(step)).toMatch(/ตรวจสอบก่อนส่ง[\s\S]*หลักฐาน: 1 รายการ/)
    const done = textOf(await chat.tap(button(step, /^ส่ง$/)))
    const code = /C-2569-[A-Z2-9]{6}/.exec(done)?.[0] ?? ''
    const secret = /รหัสลับ: ([A-Z2-9]{5}-[A-Z2-9]{5})/.exec(done)?.[1] ?? ''
    expect(code).not.toBe('')
    expect(secret).not.toBe('')
    // The person reads both in the chat page's transcript.
    const shown = (await chat.transcript()).map((e) => e.html).join('')
    expect(shown).toContain(code)
    expect(shown).toContain(secret)

    // Filed: the photo waits in the sealed filing; the case tables get it at the day's entry.
    expect(await t.testDb.db.selectFrom('complaint_filing_files').selectAll().execute()).toHaveLength(1)
    expect(await t.testDb.db.selectFrom('complaint_cases').selectAll().execute()).toEqual([])
    expect(await enterNow(t)).toEqual({ entered: 1, held: 0 })

    const [c] = await t.testDb.db.selectFrom('complaint_cases').selectAll().execute()
    const evidence = await t.testDb.db.selectFrom('complaint_evidence').selectAll().execute()
    expect(evidence).toHaveLength(1)
    const [filed] = evidence
    expect(filed).toMatchObject({
      case_id: c?.id,
      kind: 'image',
      mime: 'image/jpeg',
      draft_key: null,
      source_message: null,
    })
    const sealed = filed?.content ?? new Uint8Array()
    expect(contains(sealed, S.make)).toBe(false)
    const clear = await t.deps.keyring.open(filed?.key_id ?? '', sealed)
    for (const needle of [S.make, S.model, S.software, S.xmp, S.comment, S.icc, S.trailer, 'Exif'])
      expect(contains(clear, needle), needle).toBe(false)
    expect(contains(clear, gpsBytes(GPS.lat))).toBe(false)
    expect(contains(clear, gpsBytes(GPS.lon))).toBe(false)
    // Still a picture: it decodes, turned upright (the phone's orientation 6 applied).
    const img = jpeg.decode(clear, { useTArray: true })
    expect([img.width, img.height]).toEqual([32, 64])

    await chat.say('ติดตามเรื่องร้องเรียน')
    await chat.say(code)
    const summary = await chat.say(secret)
    const view = textOf(await chat.tap(button(summary, /^ส่ง$/)))
    expect(view).toMatch(new RegExp(`เรื่อง ${code}: รับเรื่องแล้ว`))
  })
})
