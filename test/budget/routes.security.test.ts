import { afterEach, describe, expect, test } from 'vitest'
import { Client, PASSWORD_B, twoOrgs } from '../admin/helpers.js'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { budgetApp, count, fixture, loggedIn, upload, versionIdFrom } from './helpers.js'

const csvFile = () => ({ bytes: fixture('budget-2569.csv'), name: 'budget.csv' })

describe.each(DB_KINDS)('budget console, security (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('roles: an auditor cannot upload, a complaint officer sees nothing; no session → sign-in', async () => {
    t = (await budgetApp(kind)).t
    const auditor = await loggedIn(t, 'auditor')
    expect((await auditor.get('/admin/budget/upload')).status).toBe(403)
    // The auditor's own valid token, from a page the auditor may see.
    await auditor.get('/admin/budget')
    const { res } = await upload(t, auditor, csvFile(), {}, { csrf: auditor.csrf })
    expect(res.status).toBe(403)
    const officer = await loggedIn(t, 'complaint_officer')
    expect((await officer.get('/admin/budget')).status).toBe(403)
    expect(officer.lastHtml).not.toContain('href="/admin/budget"')
    const anonymous = new Client(t)
    const r = await anonymous.get('/admin/budget')
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe('/admin/login')
    expect(await count(t, 'budget_versions')).toBe(0)
  })

  test('an upload without the CSRF token, or with a stranger’s, is refused and stores nothing', async () => {
    t = (await budgetApp(kind)).t
    const owner = await loggedIn(t, 'owner')
    expect((await upload(t, owner, csvFile(), {}, { csrf: null })).res.status).toBe(403)
    expect((await upload(t, owner, csvFile(), {}, { csrf: 'x'.repeat(43) })).res.status).toBe(403)
    expect(await count(t, 'budget_versions')).toBe(0)
  })

  test("one agency never sees another's budget", async () => {
    const orgs = await twoOrgs(kind)
    t = orgs.t
    const a = new Client(t)
    await a.login('owner-a@agency.go.th', 'correct horse battery A')
    const id = versionIdFrom((await upload(t, a, csvFile())).res)
    expect(id).not.toBe('')
    const b = new Client(t)
    await b.login('owner-b@north.go.th', PASSWORD_B)
    expect((await b.get(`/admin/budget/versions/${id}`)).status).toBe(404)
    await b.get('/admin/budget')
    expect(b.lastHtml).toContain('ยังไม่มีข้อมูลงบประมาณ')
    expect(b.lastHtml).not.toContain(id)
  })

  test('names from a file are escaped on every page; the preview allows inline styles only', async () => {
    t = (await budgetApp(kind)).t
    const owner = await loggedIn(t, 'owner')
    const evil = '<img src=x onerror=alert(1)>'
    const csv = [
      'fiscal_year,period,unit,plan,allocation,commitment,disbursement,target',
      `2569,Q1,"${evil}","<script>alert(2)</script>",1000,0,100,30%`,
    ].join('\n')
    const { res } = await upload(t, owner, { bytes: new TextEncoder().encode(csv), name: '<b>x</b>.csv' })
    const id = versionIdFrom(res)
    const page = await owner.get(`/admin/budget/versions/${id}?unit=${encodeURIComponent(evil)}`)
    expect(page.status).toBe(200)
    expect(owner.lastHtml).not.toContain(evil)
    expect(owner.lastHtml).not.toContain('<script>alert(2)')
    expect(owner.lastHtml).toContain('&lt;img src=x onerror=alert(1)&gt;')
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'none'")
    expect(csp).toContain("style-src-attr 'unsafe-inline'")
    await owner.get('/admin/budget')
    expect(owner.lastHtml).toContain('&lt;b&gt;x&lt;/b&gt;.csv')
    expect(owner.lastHtml).not.toContain('<b>x</b>')
  })
})
