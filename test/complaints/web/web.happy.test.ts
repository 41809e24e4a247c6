import jpeg from 'jpeg-js'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { addMessage } from '../../../src/complaints/service.js'
import { fromUtf8 } from '../../../src/core/bytes.js'
import { createTestApp, type TestApp } from '../../helpers/app.js'
import { DB_KINDS } from '../../helpers/db.js'
import { enterNow } from '../file-case.js'
import { ascii, countRows, GPS_SENTINEL, gpsJpeg, REPORT, receiptOf, WebClient } from './helpers.js'

describe.each(DB_KINDS)('web complaint form, happy path (%s)', (kind) => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp(kind)
  })
  afterEach(() => t.close())

  test('the form asks the LINE form’s questions in its words, with the promise and the deadlines', async () => {
    const web = new WebClient(t)
    const res = await web.get('/report')
    expect(res.status).toBe(200)
    const html = web.html
    const def = t.deps.flows.forms.get('complaint')
    for (const f of def?.fields ?? []) {
      const prompt = typeof f.prompt === 'string' ? f.prompt : f.prompt.th
      if (f.id === 'notify') expect(html).not.toContain('name="notify"')
      else expect(html).toContain(prompt.split('\n')[0])
    }
    for (const label of ['สินบน/เรียกรับเงิน', 'จัดซื้อจัดจ้าง', 'ใช้ทรัพย์สินราชการ', 'ใช้อำนาจไม่ชอบ', 'อื่น ๆ']) {
      expect(html).toContain(label)
    }
    expect(html).toContain('ตอบรับเรื่องภายใน 7 วัน แจ้งผลการดำเนินการภายใน 90 วัน')
    // The web's own promise: no chat command, no LINE id (the web never learns one), one language.
    expect(html).toContain('ระบบยังไม่เก็บสิ่งใดจนกว่าท่านจะกด "ส่งเรื่อง"'.replaceAll('"', '&quot;'))
    for (const chatOnly of ['ยกเลิก', 'LINE ID', 'Type &quot;cancel&quot;', 'This channel protects']) {
      expect(html).not.toContain(chatOnly)
    }
    expect(html).toContain('type="file" name="evidence"')
    expect(html).toContain('enctype="multipart/form-data"')
    expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)/)
    const en = new WebClient(t)
    await en.get('/report?lang=en')
    expect(en.html).toContain('What happened? Give as much detail as you can.')
    expect(en.html).toContain('Acknowledgement within 7 days')
    expect(en.html).not.toContain('ช่องทางร้องเรียนนี้ปกป้องตัวตนของผู้แจ้ง')
    expect(en.html).toContain('>Other</label>')
    expect(en.html).toContain('action="/report?lang=en"')
  })

  test('files a complaint with a GPS-tagged photo: code and secret once, the photo stored clean and sealed', async () => {
    const web = new WebClient(t)
    await web.get('/report')
    const photo = gpsJpeg()
    expect(ascii(photo)).toContain(GPS_SENTINEL)
    const res = await web.post('/report', { ...REPORT }, [
      { name: 'IMG_0001.JPG', bytes: photo, type: 'image/jpeg' },
    ])
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const { code, secret } = receiptOf(web)
    expect(code).toMatch(/^C-2569-[A-Z2-9]{6}$/)
    expect(secret).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/)
    expect(web.html).toContain('ไม่บันทึกในอุปกรณ์ที่ใช้ร่วมกับผู้อื่น')
    // The receipt says when the report enters the system (COMPLAINT_ENTRY_TIME) and why.
    expect(web.page).toMatch(/เรื่องจะเข้าสู่ระบบพร้อมเรื่องอื่นของวันเดียวกันในเวลา 00:30 น\./)

    // Filed: one sealed filing with its cleaned photo; the case tables wait for the entry.
    expect(await countRows(t, 'complaint_filings')).toBe(1)
    const waiting = await t.testDb.db.selectFrom('complaint_filing_files').selectAll().execute()
    expect(waiting.map((f) => [f.kind, f.mime])).toEqual([['image', 'image/jpeg']])
    expect(ascii(waiting[0]?.content ?? new Uint8Array())).not.toContain('JFIF') // sealed
    expect(await countRows(t, 'complaint_cases')).toBe(0)
    expect(await countRows(t, 'complaint_evidence')).toBe(0)
    expect(await enterNow(t)).toEqual({ entered: 1, held: 0 })
    expect(await countRows(t, 'complaint_filings')).toBe(0)
    expect(await countRows(t, 'complaint_filing_files')).toBe(0)

    const row = await t.testDb.db.selectFrom('complaint_cases').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      code,
      channel: 'web',
      category: 'bribery',
      identity: 'anonymous',
      notify_to: null,
    })
    expect(row.identity_sealed).toBeNull()
    const content = JSON.parse(
      fromUtf8(await t.deps.keyring.open(row.key_id, row.content ?? new Uint8Array())),
    )
    expect(content).toEqual({ what: REPORT.what, when: REPORT.when, where: REPORT.where, who: REPORT.who })

    const ev = await t.testDb.db.selectFrom('complaint_evidence').selectAll().executeTakeFirstOrThrow()
    expect(ev).toMatchObject({
      case_id: row.id,
      draft_key: null,
      source_message: null,
      kind: 'image',
      mime: 'image/jpeg',
      added_on: row.received_on,
    })
    expect(ascii(ev.content)).not.toContain('JFIF')
    const bytes = await t.deps.keyring.open(ev.key_id, ev.content)
    expect(ev.size_bytes).toBe(bytes.length)
    expect(ev.name).toBeNull() // officers see "หลักฐาน-1.jpg", never the file's own name
    expect(ascii(bytes)).not.toContain('Exif')
    expect(ascii(bytes)).not.toContain(GPS_SENTINEL)
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xd8])
    for (let i = 2; i + 1 < bytes.length && bytes[i] === 0xff && bytes[i + 1] !== 0xda; ) {
      expect(bytes[i + 1], 'no APP1 (Exif/XMP) segment').not.toBe(0xe1)
      i += 2 + (((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0))
    }
    expect(jpeg.decode(bytes).width).toBe(16)

    // No event and no log line for a filing: either would date it finer than the day.
    expect(await t.testDb.db.selectFrom('engagement_events').selectAll().execute()).toEqual([])
    expect(t.logs.filter((l) => l.includes('complaint.web'))).toEqual([])
  })

  test('a named complaint seals the name and contact on their own; an anonymous one drops them', async () => {
    const web = new WebClient(t)
    await web.get('/report')
    await web.post('/report', {
      ...REPORT,
      identity: 'named',
      name: 'สมหญิง ใจกล้า กองคลัง',
      contact: '081-000-0000',
    })
    const anonymous = new WebClient(t)
    await anonymous.get('/report')
    await anonymous.post('/report', { ...REPORT, name: 'ไม่ควรถูกเก็บ', contact: '099' })
    expect(await countRows(t, 'complaint_filings')).toBe(2)
    expect(await countRows(t, 'complaint_cases')).toBe(0)
    expect(await enterNow(t)).toEqual({ entered: 2, held: 0 })
    const rows = await t.testDb.db.selectFrom('complaint_cases').selectAll().orderBy('identity').execute()
    expect(rows.map((r) => r.identity)).toEqual(['anonymous', 'named'])
    const [anon, named] = rows
    expect(anon?.identity_sealed).toBeNull()
    const sealed = named?.identity_sealed ?? new Uint8Array()
    expect(JSON.parse(fromUtf8(await t.deps.keyring.open(named?.key_id ?? '', sealed)))).toEqual({
      name: 'สมหญิง ใจกล้า กองคลัง',
      contact: '081-000-0000',
    })
    expect(await countRows(t, 'complaint_evidence')).toBe(0)
  })

  test('follow up with code and secret: status, Buddhist-era dates, officers’ messages; reply and add evidence', async () => {
    const web = new WebClient(t)
    await web.get('/report')
    await web.post('/report', { ...REPORT })
    const { code, secret } = receiptOf(web)
    expect(await countRows(t, 'complaint_cases')).toBe(0)
    expect(await enterNow(t)).toEqual({ entered: 1, held: 0 })
    const row = await t.testDb.db.selectFrom('complaint_cases').selectAll().executeTakeFirstOrThrow()
    await addMessage(t.deps.db, t.deps.keyring, {
      orgId: 'default',
      caseId: row.id,
      author: 'officer',
      officerId: null,
      text: 'ขอทราบวันที่เกิดเหตุโดยประมาณ',
      now: t.clock.now(),
      timeZone: 'Asia/Bangkok',
    })

    const follower = new WebClient(t)
    await follower.get('/report/follow')
    const opened = await follower.post('/report/follow', { code: code.toLowerCase(), secret: ` ${secret} ` })
    expect(opened.status).toBe(200)
    expect(follower.html).toContain('รับเรื่องแล้ว')
    expect(follower.html).toContain('22 พ.ย. 2569')
    expect(follower.html).toContain('29 พ.ย. 2569')
    expect(follower.html).toContain('ขอทราบวันที่เกิดเหตุโดยประมาณ')
    expect(follower.html).not.toContain(secret)

    const png = await import('fast-png').then((m) =>
      m.encode({ width: 2, height: 2, data: new Uint8Array(16), channels: 4 }),
    )
    const replied = await follower.post('/report/follow/reply', { message: 'เกิดเหตุวันที่ 14 พ.ย.' }, [
      { name: 'scan.png', bytes: png },
    ])
    expect(replied.status).toBe(200)
    expect(follower.html).toContain('ส่งถึงเจ้าหน้าที่แล้ว ข้อความและหลักฐานจะแสดงในเรื่องนี้หลังรอบบันทึกเวลา 00:30 น.')
    // The reply and its file wait, sealed, for the day's entry like a complaint.
    expect(follower.html).toMatch(/id="evidence-count">0</)
    expect(await countRows(t, 'complaint_filings')).toBe(1)
    expect(await countRows(t, 'complaint_filing_files')).toBe(1)
    expect(await countRows(t, 'complaint_messages')).toBe(1)
    expect(await countRows(t, 'complaint_evidence')).toBe(0)
    expect(await enterNow(t)).toEqual({ entered: 1, held: 0 })
    await follower.post('/report/follow/case', {})
    expect(follower.html).toContain('เกิดเหตุวันที่ 14 พ.ย.')
    expect(follower.html).toMatch(/id="evidence-count">1</)
    const messages = await t.testDb.db.selectFrom('complaint_messages').selectAll().orderBy('seq').execute()
    expect(messages.map((m) => [m.author, m.sent_on])).toEqual([
      ['officer', '2026-11-22'],
      ['complainant', '2026-11-22'],
    ])
    const ev = await t.testDb.db.selectFrom('complaint_evidence').selectAll().executeTakeFirstOrThrow()
    expect(ev).toMatchObject({ case_id: row.id, kind: 'image', mime: 'image/png' })

    // Evidence alone, then the English view through the access token (no secret again).
    await follower.post('/report/follow/reply', { message: '' }, [{ name: 'more.png', bytes: png }])
    expect(follower.html).toContain('ส่งถึงเจ้าหน้าที่แล้ว')
    expect(await enterNow(t)).toEqual({ entered: 1, held: 0 })
    expect(await countRows(t, 'complaint_messages')).toBe(2) // an empty message adds no row
    await follower.post('/report/follow/case', {})
    expect(follower.html).toMatch(/id="evidence-count">2</)
    const english = await follower.post('/report/follow/case?lang=en', {})
    expect(english.status).toBe(200)
    expect(follower.html).toContain('Received')
    expect(follower.html).toContain('22 Nov 2569 BE')
  })
})
