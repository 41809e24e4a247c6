import { afterEach, describe, expect, it } from 'vitest'
import { BUSY, type EvidenceCleaner } from '../../src/complaints/evidence/cleaner.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { phoneJpeg } from './evidence/fixtures/images.js'
import { walkToEvidence } from './line-intake.js'
import { countRows, REPORT, WebClient } from './web/helpers.js'

// When Node's evidence threads and their queue are full (src/runtime/evidence-pool.ts), the
// file is answered at once with "busy, send again shortly", in the chat and on the web form,
// and nothing of it is kept. The pool's own behaviour is tested in test/complaints/evidence/.

const busy: EvidenceCleaner = { clean: async () => BUSY, close: async () => {} }

describe.each(DB_KINDS)('evidence while the cleaner is busy (%s)', (kind) => {
  let t: TestApp
  afterEach(() => t.close())

  it('LINE: the photo is refused with the busy message, nothing kept', async () => {
    const line = new MemoryLine()
    t = await createTestApp(kind, { line, evidence: busy })
    const chat = chatAs(t, line)
    await walkToEvidence(chat)
    line.contents.set('m-photo', { kind: 'ok', contentType: 'image/jpeg', bytes: phoneJpeg() })
    const step = await chat.attach({ type: 'image', id: 'm-photo' })
    expect(textOf(step)).toContain('ระบบกำลังประมวลผลหลักฐานจำนวนมาก กรุณาส่งใหม่อีกครั้งในอีกสักครู่')
    expect(await countRows(t, 'complaint_draft_files')).toBe(0)
  })

  it('web: the report is shown again naming the file and the busy message, nothing stored', async () => {
    t = await createTestApp(kind, { evidence: busy })
    const web = new WebClient(t)
    await web.get('/report')
    const res = await web.post('/report', { ...REPORT }, [{ name: 'photo.jpg', bytes: phoneJpeg() }])
    expect(res.status).toBe(422)
    expect(web.page).toContain('ไฟล์ "photo.jpg": ระบบกำลังประมวลผลหลักฐานจำนวนมาก กรุณาส่งใหม่อีกครั้งในอีกสักครู่')
    expect(web.html).toContain(REPORT.what)
    expect(await countRows(t, 'complaint_filings')).toBe(0)
    expect(await countRows(t, 'complaint_filing_files')).toBe(0)
  })

  it('web, in English: the busy message in English', async () => {
    t = await createTestApp(kind, { evidence: busy })
    const web = new WebClient(t)
    await web.get('/report?lang=en')
    const res = await web.post('/report?lang=en', { ...REPORT }, [{ name: 'photo.jpg', bytes: phoneJpeg() }])
    expect(res.status).toBe(422)
    expect(web.page).toContain('The system is processing a lot of evidence right now')
  })
})
