import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { phoneJpeg } from './evidence/fixtures/images.js'
import { holdQueue as hold } from './hold-queue.js'
import { walkToEvidence, walkToReplySubmit } from './line-intake.js'
import { countRows, followFiledReport, gpsJpeg, REPORT, WebClient } from './web/helpers.js'

// The evidence writes' queue is bounded (EVIDENCE_WRITES_QUEUE, EVIDENCE_WRITES_WAIT_MS): a
// write that finds it full, or waits its limit, is answered "busy" with nothing stored, and
// what the person gave is kept for the next try: the web form's answers, a LINE draft and its
// files. Here the queue takes no waiting write at all (0), or lets one wait 1 s.

const BUSY_WEB = /ขณะนี้ระบบกำลังจัดเก็บหลักฐานจำนวนมาก จึงยังไม่ได้บันทึกสิ่งที่ส่ง/
const BUSY_LINE_FILE = /ระบบกำลังประมวลผลหลักฐานจำนวนมาก กรุณาส่งใหม่อีกครั้ง/
const BUSY_LINE_SUBMIT = /จึงยังไม่ได้ส่ง ข้อมูลและไฟล์ของท่านยังอยู่ครบ กรุณาแตะ "ส่ง" อีกครั้ง/
const photo = () => [{ name: 'a.jpg', bytes: gpsJpeg(), type: 'image/jpeg' }]

describe.each(DB_KINDS)('evidence writes when the queue is full (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  const restore: (() => void)[] = []
  const holdQueue = () => hold(t.deps.evidenceWrites, restore)
  const open = async (env: Record<string, string>) => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line, env })
  }
  beforeEach(() => open({ EVIDENCE_WRITES_QUEUE: '0' }))
  afterEach(async () => {
    for (const r of restore.splice(0)) r()
    await t.close()
  })

  it('a web report with photos is answered 503 "busy" at once, its answers kept and nothing stored', async () => {
    const web = new WebClient(t)
    await web.get('/report')
    const q = holdQueue()
    const res = await web.post('/report', { ...REPORT }, photo())
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('30')
    expect(web.html).toMatch(BUSY_WEB)
    expect(web.html).toContain(REPORT.what)
    expect(await countRows(t, 'complaint_filings')).toBe(0)
    expect(await countRows(t, 'complaint_filing_files')).toBe(0)
    // Once the queue moves, the same report goes through.
    await q.release()
    await web.get('/report')
    expect((await web.post('/report', { ...REPORT }, photo())).status).toBe(200)
    expect(await countRows(t, 'complaint_filing_files')).toBe(1)
  })

  it('a web report that waited its limit is answered "busy", and the queue holds nothing of it', async () => {
    await t.close()
    await open({ EVIDENCE_WRITES_QUEUE: '4', EVIDENCE_WRITES_WAIT_MS: '1000' })
    const web = new WebClient(t)
    await web.get('/report')
    const q = holdQueue()
    const started = Date.now()
    const res = await web.post('/report', { ...REPORT }, photo())
    expect(res.status).toBe(503)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    expect(web.html).toMatch(BUSY_WEB)
    expect(t.deps.evidenceWrites.pending).toBe(1)
    await q.release()
    expect(await countRows(t, 'complaint_filings')).toBe(0)
  })

  it('a complainant’s web reply with a file is answered "busy", the message kept for the next try', async () => {
    const follower = await followFiledReport(t)
    const q = holdQueue()
    const res = await follower.post('/report/follow/reply', { message: 'ภาพถ่ายเพิ่มเติม' }, photo())
    expect(res.status).toBe(503)
    expect(follower.html).toMatch(BUSY_WEB)
    expect(follower.html).toContain('ภาพถ่ายเพิ่มเติม')
    expect(await countRows(t, 'complaint_filings')).toBe(0)
    await q.release()
  })

  it('a photo sent in LINE is refused "busy, send again" and not kept; the next one is', async () => {
    const chat = chatAs(t, line)
    await walkToEvidence(chat)
    line.contents.set('m-photo', { kind: 'ok', contentType: 'image/jpeg', bytes: phoneJpeg() })
    const q = holdQueue()
    let step = await chat.attach({ type: 'image', id: 'm-photo' })
    expect(textOf(step)).toMatch(BUSY_LINE_FILE)
    expect(textOf(step)).toMatch(/ได้รับแล้ว 0/)
    expect(await countRows(t, 'complaint_draft_files')).toBe(0)
    await q.release()
    line.contents.set('m-photo-2', { kind: 'ok', contentType: 'image/jpeg', bytes: phoneJpeg() })
    step = await chat.attach({ type: 'image', id: 'm-photo-2' })
    expect(textOf(step)).toMatch(/ได้รับแล้ว 1/)
  })

  it('a LINE complaint submitted while busy keeps its draft and files; "ส่ง" again files it', async () => {
    const chat = chatAs(t, line)
    await walkToEvidence(chat)
    line.contents.set('m-photo', { kind: 'ok', contentType: 'image/jpeg', bytes: phoneJpeg() })
    let step = await chat.attach({ type: 'image', id: 'm-photo' })
    step = await chat.tap(button(step, /เสร็จ/))
    step = await chat.tap(button(step, /ไม่ระบุชื่อ/))
    step = await chat.tap(button(step, /ไม่ต้องแจ้ง/))
    const q = holdQueue()
    const busy = await chat.tap(button(step, /^ส่ง$/))
    expect(textOf(busy)).toMatch(BUSY_LINE_SUBMIT)
    expect(await countRows(t, 'complaint_filings')).toBe(0)
    expect(await countRows(t, 'complaint_draft_files')).toBe(1)
    await q.release()
    // The summary came again with its button: the same draft, submitted now.
    const done = await chat.tap(button(busy, /^ส่ง$/))
    expect(textOf(done)).toMatch(/C-2569-[A-Z2-9]{6}/)
    expect(await countRows(t, 'complaint_filings')).toBe(1)
    expect(await countRows(t, 'complaint_filing_files')).toBe(1)
    expect(await countRows(t, 'complaint_draft_files')).toBe(0)
  })

  it('a LINE reply submitted while busy keeps its draft; "ส่ง" again sends it', async () => {
    const chat = chatAs(t, line)
    let step = await walkToEvidence(chat)
    step = await chat.tap(button(step, /เสร็จ/))
    step = await chat.tap(button(step, /ไม่ระบุชื่อ/))
    step = await chat.tap(button(step, /ไม่ต้องแจ้ง/))
    const done = textOf(await chat.tap(button(step, /^ส่ง$/)))
    step = await walkToReplySubmit(t, chat, done)
    const q = holdQueue()
    const busy = await chat.tap(button(step, /^ส่ง$/))
    expect(textOf(busy)).toMatch(BUSY_LINE_SUBMIT)
    expect(await countRows(t, 'complaint_filings')).toBe(0)
    await q.release()
    expect(textOf(await chat.tap(button(busy, /^ส่ง$/)))).toMatch(/ส่งถึงเจ้าหน้าที่แล้ว/)
    expect(await countRows(t, 'complaint_filings')).toBe(1)
  })
})
