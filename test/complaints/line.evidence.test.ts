import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { draftMessageKey } from '../../src/complaints/drafts.js'
import { applyRetention } from '../../src/complaints/retention.js'
import { localDay } from '../../src/core/time/index.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { phoneJpeg } from './evidence/fixtures/images.js'
import { contains, GPS, gpsBytes, S } from './evidence/fixtures/sentinels.js'
import { enterNow } from './file-case.js'
import { walkToEvidence } from './line-intake.js'

describe.each(DB_KINDS)('complaint evidence sent in LINE (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const evidence = () => t.testDb.db.selectFrom('complaint_evidence').selectAll().execute()
  const draftFiles = () => t.testDb.db.selectFrom('complaint_draft_files').selectAll().execute()
  const filingFiles = () => t.testDb.db.selectFrom('complaint_filing_files').selectAll().execute()

  async function toEvidence() {
    const chat = chatAs(t, line)
    return { chat, step: await walkToEvidence(chat) }
  }

  it('a GPS-tagged photo is fetched at once, stripped, sealed, and filed with the case', async () => {
    const { chat } = await toEvidence()
    line.contents.set('m-photo', { kind: 'ok', contentType: 'image/jpeg', bytes: phoneJpeg() })
    let step = await chat.attach({ type: 'image', id: 'm-photo' })
    expect(textOf(step)).toMatch(/ได้รับแล้ว 1/)
    // A draft's file waits in its own table; the LINE message id only as an HMAC.
    expect(await evidence()).toEqual([])
    const [draft] = await draftFiles()
    expect(draft).toMatchObject({
      message_key: await draftMessageKey(t.deps.keyring, 'm-photo'),
      kind: 'image',
      mime: 'image/jpeg',
    })
    expect(JSON.stringify(draft)).not.toContain('m-photo')
    step = await chat.tap(button(step, /เสร็จ/))
    step = await chat.tap(button(step, /ไม่ระบุชื่อ/))
    step = await chat.tap(button(step, /ไม่ต้องแจ้ง/))
    expect(textOf(step)).toMatch(/หลักฐาน: 1 รายการ/)
    await chat.tap(button(step, /^ส่ง$/))

    // Filed: the file moved into the sealed filing, the draft's row deleted, no case yet.
    expect(await draftFiles()).toEqual([])
    expect(await filingFiles()).toHaveLength(1)
    expect(await evidence()).toEqual([])
    expect(await enterNow(t)).toEqual({ entered: 1, held: 0 })
    expect(await filingFiles()).toEqual([])

    const [filed] = await evidence()
    const [c] = await t.testDb.db.selectFrom('complaint_cases').selectAll().execute()
    expect(filed).toMatchObject({
      case_id: c?.id,
      draft_key: null,
      source_message: null,
      name: null,
      added_on: c?.received_on,
      draft_expires_at: null,
    })
    expect(contains(filed?.content ?? new Uint8Array(), S.make)).toBe(false) // sealed
    const clear = await t.deps.keyring.open(filed?.key_id ?? '', filed?.content ?? new Uint8Array())
    expect(clear[0]).toBe(0xff) // still a JPEG
    for (const needle of [S.make, S.model, S.xmp, S.comment, S.trailer, 'Exif'])
      expect(contains(clear, needle)).toBe(false)
    expect(contains(clear, gpsBytes(GPS.lat))).toBe(false)
  })

  it('too large, unsupported and gone content each get a clear reply and store nothing', async () => {
    const { chat } = await toEvidence()
    const big = await chat.attach({
      type: 'file',
      id: 'm-big',
      fileName: 'clip.mp4',
      fileSize: 30 * 1024 * 1024,
    })
    expect(textOf(big)).toMatch(/30\.0 MB เกินกำหนด 10 MB/)
    line.contents.set('m-exe', {
      kind: 'ok',
      contentType: 'application/pdf',
      bytes: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
    })
    const exe = await chat.attach({ type: 'file', id: 'm-exe', fileName: 'report.pdf', fileSize: 8 })
    expect(textOf(exe)).toMatch(/⚠️/)
    line.contents.set('m-gone', { kind: 'gone' })
    const gone = await chat.attach({ type: 'image', id: 'm-gone' })
    expect(textOf(gone)).toMatch(/ไม่มีอยู่ใน LINE แล้ว/)
    expect(textOf(gone)).toMatch(/ได้รับแล้ว 0/)
    expect(await draftFiles()).toEqual([])
    expect(await evidence()).toEqual([])
  })

  it('cancel, unsend and expiry destroy draft evidence', async () => {
    const { chat } = await toEvidence()
    line.contents.set('m-1', { kind: 'ok', contentType: 'image/jpeg', bytes: phoneJpeg() })
    line.contents.set('m-2', { kind: 'ok', contentType: 'image/jpeg', bytes: phoneJpeg() })
    await chat.attach({ type: 'image', id: 'm-1' })
    await chat.attach({ type: 'image', id: 'm-2' })
    expect(await draftFiles()).toHaveLength(2)
    const { envelope, signedRequest, simpleEvent, fromUser } = await import('../helpers/line-events.js')
    await t.app.request(
      await signedRequest(
        envelope([
          simpleEvent('unsend', fromUser(), { unsend: { messageId: 'm-1' } }, t.clock.now().getTime()),
        ]),
      ),
    )
    await t.settle()
    expect((await draftFiles()).map((e) => e.message_key)).toEqual([
      await draftMessageKey(t.deps.keyring, 'm-2'),
    ])
    await chat.say('ยกเลิก')
    expect(await draftFiles()).toEqual([])
    expect(await t.testDb.db.selectFrom('complaint_filings').selectAll().execute()).toEqual([])
    expect(await evidence()).toEqual([])
    expect(await t.testDb.db.selectFrom('complaint_cases').selectAll().execute()).toEqual([])

    // A draft left open: its file goes with the draft's time, not before.
    const again = await toEvidence()
    line.contents.set('m-3', { kind: 'ok', contentType: 'image/jpeg', bytes: phoneJpeg() })
    await again.chat.attach({ type: 'image', id: 'm-3' })
    const [left] = await draftFiles()
    const expiresAt = left?.expires_at ?? new Date(0)
    expect(expiresAt.getTime()).toBeGreaterThan(t.clock.now().getTime())
    const day = localDay(t.clock.now(), 'Asia/Bangkok')
    expect(await applyRetention(t.testDb.db, day, new Date(expiresAt.getTime() - 1000))).toEqual({
      stubs: 0,
      drafts: 0,
    })
    expect(await draftFiles()).toHaveLength(1)
    expect(await applyRetention(t.testDb.db, day, expiresAt)).toEqual({ stubs: 0, drafts: 1 })
    expect(await draftFiles()).toEqual([])
  })
})

describe('evidence photos without a rotation tag', () => {
  it('lose their Exif and GPS too (orientation 1 is not a shortcut)', async () => {
    const { sanitizeEvidence } = await import('../../src/complaints/evidence/index.js')
    for (const orientation of [1, 6]) {
      const r = await sanitizeEvidence(phoneJpeg({ orientation }), {}, { maxBytes: 10_000_000 })
      expect(r.ok).toBe(true)
      const bytes = r.ok ? r.bytes : new Uint8Array()
      for (const needle of [S.make, S.model, 'Exif'])
        expect(contains(bytes, needle), `${orientation} ${needle}`).toBe(false)
      expect(contains(bytes, gpsBytes(GPS.lat))).toBe(false)
    }
  })
})
