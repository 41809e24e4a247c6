import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createOrg } from '../../../src/orgs/service.js'
import { createTestApp, type TestApp } from '../../helpers/app.js'
import { DB_KINDS } from '../../helpers/db.js'
import { enterNow } from '../file-case.js'
import { REPORT, receiptOf, WebClient } from './helpers.js'

// Each organization has its own web form at /report/<org>; /report stays the default one's.

describe.each(DB_KINDS)('web complaint form per organization (%s)', (kind) => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp(kind)
    await createOrg(t.deps.db, t.deps.keyring, { slug: 'acme', nameTh: 'เทศบาลตัวอย่าง', nameEn: 'Acme' })
  })
  afterEach(() => t.close())

  const filings = () => t.testDb.db.selectFrom('complaint_filings').select('org_id').execute()
  const casesOf = (org: string) =>
    t.testDb.db.selectFrom('complaint_cases').select('code').where('org_id', '=', org).execute()

  /** Files REPORT through the form at `base`; returns the code and the secret shown once. */
  async function file(web: WebClient, base: string) {
    expect((await web.get(base)).status).toBe(200)
    expect(web.html).toContain(`action="${base}"`)
    expect(web.html).toContain(`href="${base}/follow"`)
    expect((await web.post(base, { ...REPORT })).status).toBe(200)
    const { code, secret } = receiptOf(web)
    expect(code).toMatch(/^C-\d{4}-[A-Z2-9]{6}$/)
    expect(web.html).toContain(`href="${base}/follow"`)
    return { code, secret }
  }

  test('filing at /report/<org> lands in that organization, /report in the default one', async () => {
    const acme = await file(new WebClient(t), '/report/acme')
    expect(await filings()).toEqual([{ org_id: 'acme' }])
    const byDefault = await file(new WebClient(t), '/report')
    expect((await filings()).map((f) => f.org_id).sort()).toEqual(['acme', 'default'])
    await enterNow(t)
    expect(await casesOf('acme')).toEqual([{ code: acme.code }])
    expect(await casesOf('default')).toEqual([{ code: byDefault.code }])
  })

  test('the follow-up works for each organization’s cases under its own form', async () => {
    const acme = await file(new WebClient(t), '/report/acme')
    const byDefault = await file(new WebClient(t), '/report')
    await enterNow(t)
    for (const [base, c] of [
      ['/report/acme', acme],
      ['/report', byDefault],
    ] as const) {
      const web = new WebClient(t)
      await web.get(`${base}/follow`)
      expect(web.html).toContain(`action="${base}/follow"`)
      const res = await web.post(`${base}/follow`, { code: c.code, secret: c.secret })
      expect(res.status).toBe(200)
      expect(web.html).toContain(c.code)
      expect(web.html).toContain(`action="${base}/follow/reply"`)
      const reply = await web.post(`${base}/follow/reply`, { message: 'ขอเพิ่มเติมรายละเอียด' })
      expect(reply.status).toBe(200)
    }
  })

  test('English keeps the organization in every link', async () => {
    const web = new WebClient(t)
    await web.get('/report/acme?lang=en')
    expect(web.html).toContain('action="/report/acme?lang=en"')
    expect(web.html).toContain('href="/report/acme/follow?lang=en"')
    expect(web.html).toContain('href="/report/acme"')
  })
})
