import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { FORM_LIMITS } from '../../../src/complaints/web/http.js'
import { createTestApp, type TestApp } from '../../helpers/app.js'
import { DB_KINDS } from '../../helpers/db.js'
import { countRows, followFiledReport, REPORT, WebClient } from './helpers.js'

// A post that cannot be read as a form (FORM_LIMITS crossed, or not multipart as it claims) is
// answered 400 with a page that names the limit, on every route that reads a form, before the
// form token is even looked at; nothing is stored. A browser never sends such a body: whoever
// sees this page built the request by hand, and is told what was wrong with it.

const part = (name: string, value: string, filename?: string) =>
  `--B\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n\r\n${value}\r\n`
const multipart = (parts: string[]) => `${parts.join('')}--B--\r\n`

/** Bodies crossing each limit, with what the Thai and the English pages say of it. */
const CROSSING = [
  {
    limit: 'parts',
    body: () => multipart(Array.from({ length: FORM_LIMITS.maxParts + 1 }, (_, i) => part(`x${i}`, 'x'))),
    th: `ข้อมูลที่ส่งมีเกิน ${FORM_LIMITS.maxParts} ส่วน`,
    en: `more than ${FORM_LIMITS.maxParts} parts`,
  },
  {
    limit: 'part headers',
    body: () => multipart([part('evidence', 'x', `${'ก'.repeat(FORM_LIMITS.maxHeaderBytes / 3)}.jpg`)]),
    th: `ส่วนหัวของข้อมูลส่วนหนึ่งยาวเกิน ${FORM_LIMITS.maxHeaderBytes / 1024} KB`,
    en: `headers are over ${FORM_LIMITS.maxHeaderBytes / 1024} KB`,
  },
  {
    limit: 'text field',
    body: () => multipart([part('what', 'ข'.repeat(FORM_LIMITS.maxFieldBytes / 3 + 1))]),
    th: `ข้อความในช่องหนึ่งยาวเกิน ${FORM_LIMITS.maxFieldBytes / 1024} KB`,
    en: `over ${FORM_LIMITS.maxFieldBytes / 1024} KB`,
  },
  {
    limit: 'none: cut short',
    body: () => part('what', 'ไม่มีเส้นปิดท้าย'),
    th: 'ระบบอ่านข้อมูลที่ส่งมาเป็นแบบฟอร์มไม่ได้',
    en: 'could not be read as the form',
  },
] as const

describe.each(DB_KINDS)('web forms that cannot be read (%s)', (kind) => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp(kind)
  })
  afterEach(() => t.close())

  const post = (web: WebClient, path: string, body: string) =>
    web.send(path, { method: 'POST', body, headers: { 'content-type': 'multipart/form-data; boundary=B' } })

  test.each(CROSSING)(
    '/report: a body crossing the $limit limit gets 400 naming it, in Thai or English',
    async (c) => {
      const web = new WebClient(t)
      await web.get('/report')
      const res = await post(web, '/report', c.body())
      expect(res.status).toBe(400)
      expect(web.html).toContain('id="unreadable"')
      expect(web.html).toContain(c.th)
      expect(web.html).toContain('href="/report"')
      await post(web, '/report?lang=en', c.body())
      expect(web.html).toContain(c.en)
      expect(web.html).not.toContain(c.th)
      expect(await countRows(t, 'complaint_filings')).toBe(0)
      // The form still works: the refusal was the body's alone.
      await web.get('/report')
      expect((await web.post('/report', { ...REPORT })).status).toBe(200)
    },
  )

  // The follow-up forms read at most 16 KB (their guard answers 413 past it): the field limit is
  // out of their reach, the others are not.
  test.each(CROSSING.filter((c) => c.limit !== 'text field'))(
    '/report/follow, /report/follow/case and /report/follow/reply: the $limit limit gets 400 naming it',
    async (c) => {
      const follower = await followFiledReport(t)
      for (const path of ['/report/follow', '/report/follow/case', '/report/follow/reply']) {
        const res = await post(follower, path, c.body())
        expect({ path, status: res.status }).toEqual({ path, status: 400 })
        expect(follower.html).toContain(c.th)
        expect(follower.html).toContain('href="/report/follow"')
      }
      expect(await countRows(t, 'complaint_filings')).toBe(0)
    },
  )
})
