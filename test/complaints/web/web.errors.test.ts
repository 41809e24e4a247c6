import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createTestApp, type TestApp } from '../../helpers/app.js'
import { DB_KINDS } from '../../helpers/db.js'
import { enterNow } from '../file-case.js'
import { REAL_CODE, SECRET, seedCase, UNKNOWN_CODE, WRONG } from '../followup-helpers.js'
import { countRows, gpsJpeg, REPORT, receiptOf, WebClient } from './helpers.js'

const MB = 1024 * 1024
const nothingStored = async (t: TestApp) => {
  expect(await countRows(t, 'complaint_filings')).toBe(0)
  expect(await countRows(t, 'complaint_filing_files')).toBe(0)
  expect(await countRows(t, 'complaint_cases')).toBe(0)
  expect(await countRows(t, 'complaint_evidence')).toBe(0)
  expect(await t.testDb.db.selectFrom('engagement_events').selectAll().execute()).toEqual([])
}

describe.each(DB_KINDS)('web complaint form, bad input (%s)', (kind) => {
  let t: TestApp
  let web: WebClient
  beforeEach(async () => {
    t = await createTestApp(kind)
    web = new WebClient(t)
    await web.get('/report')
  })
  afterEach(() => t.close())

  test('6,000 characters of "what happened": a clear message, the form again with what was typed', async () => {
    const long = 'ก'.repeat(6000)
    const res = await web.post('/report', { ...REPORT, what: long })
    expect(res.status).toBe(422)
    expect(web.page).toMatch(/id="err-what"[^>]*>"เหตุการณ์" ยาว 6000 ตัวอักษร เกินกำหนด 5000 ตัวอักษร/)
    expect(web.html).toContain(long)
    expect(web.html).toContain(`value="${REPORT.where}"`)
    expect(web.html).toMatch(/value="bribery" checked/)
    await nothingStored(t)
  })

  test('missing answers and an unknown category are named, in Thai or English', async () => {
    const res = await web.post('/report', {
      category: 'gossip',
      what: '  ',
      when: '',
      where: 'x',
      identity: 'named',
    })
    expect(res.status).toBe(422)
    expect(web.page).toContain('กรุณาเลือก "ประเภทเรื่อง" จากรายการ')
    expect(web.page).toContain('กรุณากรอก "เหตุการณ์"')
    expect(web.page).toContain('กรุณากรอก "เมื่อไร"')
    expect(web.page).toContain('กรุณากรอก "ชื่อ"')
    expect(web.html).not.toContain('id="err-who"')
    const en = new WebClient(t)
    await en.get('/report?lang=en')
    await en.post('/report?lang=en', { ...REPORT, identity: 'maybe' })
    expect(en.page).toContain('Please choose "Do you want to give your name" from the list.')
    await nothingStored(t)
  })

  test('a refused post opens on a summary at the top, each problem a link to its question', async () => {
    await web.post('/report', { ...REPORT, category: '', what: '' })
    // Right after the page's title, before the promise: on a phone it is on the first screen.
    expect(web.html).toMatch(
      /<main><h1>[^<]*<\/h1><div class="summary" id="fix" role="alert" tabindex="-1" autofocus="">/,
    )
    const links = [...web.page.matchAll(/<li><a href="(#[^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => [
      m[1],
      m[2],
    ])
    expect(links).toEqual([
      ['#q-category', 'กรุณาเลือก "ประเภทเรื่อง" จากรายการ'],
      ['#what', 'กรุณากรอก "เหตุการณ์"'],
    ])
    expect(web.html).toContain('id="q-category"')
    expect(web.html).toContain('id="what"')
    // No file was chosen: nothing to choose again.
    expect(web.page).not.toContain('ไฟล์ที่เลือกไว้ยังไม่ถูกส่ง')
    // A good photo beside a missing answer: the browser drops the file, and the page says so.
    await web.post('/report', { ...REPORT, when: '' }, [{ name: 'ok.jpg', bytes: gpsJpeg() }])
    expect(web.page).toContain('ไฟล์ที่เลือกไว้ยังไม่ถูกส่ง กรุณาเลือกไฟล์อีกครั้ง')
    // A refused file is in the summary too, linked to the evidence question.
    await web.post('/report', { ...REPORT }, [
      { name: 'x.exe', bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0]) },
    ])
    expect(web.page).toMatch(/<li><a href="#evidence">ไฟล์ "x.exe": /)
    await nothingStored(t)
  })

  test('a 30 MB upload is refused unread with 413 and a clear page', async () => {
    const res = await web.post('/report', { ...REPORT }, [
      { name: 'video.mp4', bytes: new Uint8Array(30 * MB) },
    ])
    expect(res.status).toBe(413)
    expect(web.html).toContain('เกิน 20 MB')
    expect(web.html).toContain('id="too-large"')
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    await nothingStored(t)
  })

  test('too large, unsupported, corrupt or empty files are named with the reason; nothing is stored', async () => {
    const big = new Uint8Array(12 * MB)
    big.set(gpsJpeg())
    // One good photo beside a refused file: neither is stored.
    const mixed = await web.post('/report', { ...REPORT }, [
      { name: 'ok.jpg', bytes: gpsJpeg() },
      { name: 'setup.exe', bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0]) },
    ])
    expect(mixed.status).toBe(422)
    await nothingStored(t)
    const res = await web.post('/report', { ...REPORT }, [
      { name: 'big.jpg', bytes: big },
      { name: 'setup.exe', bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]) },
      { name: 'anim.gif', bytes: new TextEncoder().encode('GIF89a\x01\x00\x01\x00\x00\x00\x00') },
      { name: 'broken.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3]) },
      { name: 'empty.pdf', bytes: new Uint8Array(0) },
    ])
    expect(res.status).toBe(422)
    const problems = [...web.page.matchAll(/class="msg error problem"[^>]*>([^<]+)</g)].map((m) => m[1] ?? '')
    expect(problems).toHaveLength(5)
    expect(problems[0]).toMatch(/^ไฟล์ "big.jpg": ไฟล์มีขนาด 12.0 MB เกินกำหนด 10 MB/)
    expect(problems[1]).toMatch(/^ไฟล์ "setup.exe": ระบบรับหลักฐานได้เฉพาะ/)
    expect(problems[2]).toMatch(/^ไฟล์ "anim.gif": ระบบรับภาพได้เฉพาะ JPEG หรือ PNG/)
    expect(problems[3]).toMatch(/^ไฟล์ "broken.jpg": ไฟล์เสียหาย/)
    expect(problems[4]).toMatch(/^ไฟล์ "empty.pdf": ไฟล์ไม่มีข้อมูล/)
    expect(web.page).toContain('กรุณาเลือกไฟล์อีกครั้ง')
    expect(web.html).toContain(REPORT.what)
    await nothingStored(t)
  })

  test('more files than the form takes (5) are refused', async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `p${i}.jpg`, bytes: gpsJpeg() }))
    expect((await web.post('/report', { ...REPORT }, six)).status).toBe(422)
    expect(web.html).toContain('เลือกไฟล์ 6 ไฟล์ เกินกำหนด 5 ไฟล์')
    await nothingStored(t)
  })

  test('a form left open too long keeps what was typed and asks to send again', async () => {
    t.clock.advance(61 * 60_000)
    const res = await web.post('/report', { ...REPORT })
    expect(res.status).toBe(422)
    expect(web.html).toContain('แบบฟอร์มนี้เปิดไว้นานเกินไป')
    expect(web.html).toContain(REPORT.what)
    await nothingStored(t)
    expect((await web.post('/report', { ...REPORT })).status).toBe(200)
    expect(await countRows(t, 'complaint_filings')).toBe(1)
  })

  test('a failure while storing evidence leaves no filing behind (one transaction)', async () => {
    await sql`create function refuse_evidence() returns trigger language plpgsql as $$
      begin raise exception 'disk full'; end $$`.execute(t.testDb.db)
    await sql`create trigger refuse_evidence before insert on complaint_filing_files
      for each row execute function refuse_evidence()`.execute(t.testDb.db)
    const res = await web.post('/report', { ...REPORT }, [{ name: 'p.jpg', bytes: gpsJpeg() }])
    expect(res.status).toBe(500)
    expect(web.html).toContain('ระบบขัดข้อง ยังไม่ได้รับเรื่อง')
    expect(web.html).toContain(REPORT.what)
    await nothingStored(t)
    expect(await countRows(t, 'complaint_messages')).toBe(0)
    expect(t.logs.join('\n')).not.toContain(REPORT.what)
  })

  test('a wrong secret and an unknown code: the same status and page after 0, 5 and 50 tries; an address waits after 10', async () => {
    await seedCase(t.testDb.db, t.deps.keyring)
    const onReal = new WebClient(t, {}, '198.51.100.1')
    const onUnknown = new WebClient(t, {}, '198.51.100.2')
    await onReal.get('/report/follow')
    await onUnknown.get('/report/follow')
    // Each page has its own style nonce and form token, and shows the code as typed: nothing else may differ.
    const seen = (c: WebClient, res: Response, code: string) => [
      res.status,
      res.headers.get('retry-after'),
      c.html
        .replaceAll(code, 'CODE')
        .replace(/nonce="[^"]*"/g, '')
        .replace(/name="_csrf" value="[^"]*"/, ''),
    ]
    for (let i = 0; i <= 50; i++) {
      const real = seen(
        onReal,
        await onReal.post('/report/follow', { code: REAL_CODE, secret: WRONG }),
        REAL_CODE,
      )
      const unknown = seen(
        onUnknown,
        await onUnknown.post('/report/follow', { code: UNKNOWN_CODE, secret: WRONG }),
        UNKNOWN_CODE,
      )
      expect(real, `try ${i}`).toEqual(unknown)
      if (i === 0 || i === 5 || i === 9) {
        expect(real.slice(0, 2)).toEqual([401, null])
        expect(onReal.html).toContain('เลขที่เรื่องหรือรหัสลับไม่ถูกต้อง กรุณาตรวจสอบแล้วลองอีกครั้ง')
      }
      if (i === 10 || i === 50) {
        expect(real.slice(0, 2)).toEqual([429, '900'])
        expect(onReal.html).toContain('มีการกรอกเลขที่เรื่องหรือรหัสลับผิดหลายครั้ง กรุณาลองใหม่ในอีก 15 นาที')
      }
    }
    // In English too, and even the right secret waits its turn at this address.
    await onReal.get('/report/follow?lang=en')
    expect((await onReal.post('/report/follow?lang=en', { code: REAL_CODE, secret: SECRET })).status).toBe(
      429,
    )
    expect(onReal.html).toContain('Too many wrong case codes or secrets. Please try again in 15 minutes.')
    t.clock.advance(15 * 60_000)
    await onReal.get('/report/follow')
    expect((await onReal.post('/report/follow', { code: REAL_CODE, secret: SECRET })).status).toBe(200)
    expect(onReal.html).toContain(REAL_CODE)
    expect(await countRows(t, 'complaint_messages')).toBe(0)
  })

  test('replies: too long, empty, or after access expired are refused and store nothing', async () => {
    await web.post('/report', { ...REPORT })
    const { code, secret } = receiptOf(web)
    await enterNow(t)
    const follower = new WebClient(t)
    await follower.get('/report/follow')
    await follower.post('/report/follow', { code, secret })
    const access = follower.hidden('access')
    expect((await follower.post('/report/follow/reply', { message: 'ข'.repeat(6000) })).status).toBe(422)
    expect(follower.html).toContain('ยาว 6000 ตัวอักษร เกินกำหนด 5000 ตัวอักษร')
    expect((await follower.post('/report/follow/reply', { message: '' })).status).toBe(422)
    expect(follower.html).toContain('กรุณาพิมพ์ข้อความหรือเลือกไฟล์')
    await follower.post('/report/follow/reply', { message: 'x' }, [
      { name: 'notes.doc', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]) },
    ])
    expect(follower.page).toContain('ไฟล์ "notes.doc": ระบบไม่รับไฟล์ Office รุ่นเก่า')
    expect(follower.html).toContain('>x</textarea>')
    t.clock.advance(21 * 60_000)
    const late = await follower.post('/report/follow/reply', { access, message: 'ข้อความที่ส่งไม่ทัน' })
    expect(late.status).toBe(401)
    expect(follower.html).toContain('หมดเวลาการเข้าถึงเรื่องนี้')
    expect(follower.html).toMatch(/<textarea readonly="" id="unsent">ข้อความที่ส่งไม่ทัน<\/textarea>/)
    expect(await countRows(t, 'complaint_filings')).toBe(0)
    expect(await countRows(t, 'complaint_filing_files')).toBe(0)
    expect(await enterNow(t)).toEqual({ entered: 0, held: 0 })
    expect(await countRows(t, 'complaint_messages')).toBe(0)
    expect(await countRows(t, 'complaint_evidence')).toBe(0)
  })
})
