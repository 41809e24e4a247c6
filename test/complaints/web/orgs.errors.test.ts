import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createOrg } from '../../../src/orgs/service.js'
import { createTestApp, type TestApp } from '../../helpers/app.js'
import { DB_KINDS } from '../../helpers/db.js'
import { enterNow } from '../file-case.js'
import { countRows, REPORT, receiptOf, WebClient } from './helpers.js'

// An address that names no organization: one plain 404 in Thai and English, never a 500, and
// nothing about which organizations exist or a link that would file elsewhere.

const UNKNOWN = [
  '/report/nobody',
  '/report/Acme',
  '/report/a%20b',
  '/report/%3Cscript%3E',
  `/report/${'x'.repeat(41)}`,
  '/report/nobody/follow',
  '/report/nobody/follow/case',
]

describe.each(DB_KINDS)('web complaint form, unknown organization (%s)', (kind) => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp(kind)
    await createOrg(t.deps.db, t.deps.keyring, { slug: 'acme', nameTh: 'เทศบาลตัวอย่าง', nameEn: 'Acme' })
  })
  afterEach(() => t.close())

  test.each(UNKNOWN)('GET %s: the same Thai/English 404, no link, no echo', async (path) => {
    const web = new WebClient(t)
    const res = await web.get(path)
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(web.page).toContain('ไม่พบหน้าที่ต้องการ')
    expect(web.page).toContain('Page not found')
    expect(web.html).not.toMatch(/<a |<form|nobody|script|Acme|acme|default/i)
  })

  test('every unknown address answers alike, whether the name is well formed or not', async () => {
    const pages = new Set<string>()
    for (const path of UNKNOWN.slice(0, 5)) {
      const web = new WebClient(t)
      await web.get(path)
      pages.add(web.html.replace(/nonce="[^"]+"/g, ''))
    }
    expect(pages.size).toBe(1)
  })

  test('no organization can be called "follow": /report/follow is the default one’s follow-up', async () => {
    const made = await createOrg(t.deps.db, t.deps.keyring, { slug: 'follow', nameTh: 'ก', nameEn: 'F' })
    expect(made).toEqual({ ok: false, reason: 'invalid_slug' })
    const web = new WebClient(t)
    await web.get('/report/follow')
    expect(web.html).toContain('action="/report/follow"')
    expect(web.html).toContain('name="secret"')
  })

  test('posting a report to an unknown organization files nothing', async () => {
    const web = new WebClient(t)
    await web.get('/report/acme')
    const res = await web.post('/report/nobody', { ...REPORT })
    expect(res.status).toBe(404)
    expect(await countRows(t, 'complaint_filings')).toBe(0)
  })

  test('a case is followed up only under its own organization: elsewhere its code is wrong', async () => {
    const web = new WebClient(t)
    await web.get('/report/acme')
    await web.post('/report/acme', { ...REPORT })
    const { code, secret } = receiptOf(web)
    await enterNow(t)
    const other = new WebClient(t)
    await other.get('/report/follow')
    const res = await other.post('/report/follow', { code, secret })
    expect(res.status).toBe(401)
    expect(other.html).not.toContain('id="case-secret"')
    expect(other.html).not.toContain('name="access"')
  })

  test('an access token of one organization’s case opens nothing under another', async () => {
    const web = new WebClient(t)
    await web.get('/report/acme')
    await web.post('/report/acme', { ...REPORT })
    const { code, secret } = receiptOf(web)
    await enterNow(t)
    await web.get('/report/acme/follow')
    await web.post('/report/acme/follow', { code, secret })
    const access = web.hidden('access')
    expect(access).not.toBe('')
    const res = await web.post('/report/follow/case', { access })
    expect(res.status).toBe(401)
    expect(web.html).not.toContain(code)
  })
})
