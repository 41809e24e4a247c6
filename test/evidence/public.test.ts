import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { DB_KINDS } from '../helpers/db.js'
import { evidenceAudit, evidenceWorld } from './console.fixture.js'
import { calls } from './mock-report.js'

// The public page (opt-in per organization) and organization scoping: what one agency's
// people can see of another's, and what anyone can see before an owner says so.
vi.mock('../../src/evidence/report.js', () => import('./mock-report.js'))

describe.each(DB_KINDS)('public evidence page and scoping (%s)', (kind) => {
  let w: Awaited<ReturnType<typeof evidenceWorld>>
  beforeEach(async () => {
    w = await evidenceWorld(kind)
    calls.length = 0
  })
  afterEach(() => w.t.close())

  const get = (path: string) => w.t.app.request(`http://localhost${path}`)

  test('off by default: 404 with a Thai and English page, for a known or unknown agency alike', async () => {
    for (const path of [
      '/public/ita/2569',
      '/public/north/ita/2569',
      '/public/nowhere/ita/2569',
      '/public/ita',
    ]) {
      const res = await get(path)
      expect(res.status, path).toBe(404)
      const html = await res.text()
      expect(html, path).toContain('ไม่พบหน้าเผยแพร่')
      expect(html, path).toContain('This agency has not published its results here')
      expect(res.headers.get('cache-control'), path).toBe('no-store')
    }
    expect(calls).toEqual([])
  })

  test('an owner turns it on (audited, redirect with a message), then off again', async () => {
    const owner = await w.as('owner-a@agency.go.th')
    await owner.get('/admin/evidence/2569')
    expect(owner.lastHtml).toContain('id="public-toggle"')
    const on = await owner.post('/admin/evidence/public', { enabled: '1' })
    expect(on.status).toBe(303)
    expect(on.headers.get('location')).toBe('/admin/evidence')
    await owner.get('/admin/evidence/2569')
    expect(owner.lastHtml).toContain('เปิดหน้าเผยแพร่สาธารณะแล้ว')
    expect(owner.lastHtml).toContain('href="/public/ita/2569"')

    const page = await get('/public/ita/2569')
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('public, max-age=300')
    expect(page.headers.get('set-cookie')).toBeNull()
    const html = await page.text()
    expect(html).toContain('<p id="org-name">หน่วยงาน</p>') // the name in the orgs table
    expect(html).toMatch(/data-measure="nogift"[\s\S]*?<td class="people">180<\/td>/)
    expect(html).toMatch(/data-kind="complaint.filed">[\s\S]*?&lt;5/)
    expect(html).not.toContain('ทุกกอง')
    expect((await get('/public/ita')).headers.get('location')).toBe('/public/ita/2570')
    expect((await get('/public/ita/abc')).status).toBe(404)
    expect((await get('/public/ita/2599')).status).toBe(400)
    // Another agency stays unpublished.
    expect((await get('/public/north/ita/2569')).status).toBe(404)

    await owner.post('/admin/evidence/public', { enabled: '0' })
    expect((await get('/public/ita/2569')).status).toBe(404)
    const audit = await evidenceAudit(w.t, 'default')
    expect(audit.filter((r) => r.action !== 'evidence.viewed').map((r) => r.action)).toEqual([
      'evidence.published',
      'evidence.unpublished',
    ])
  })

  test('the switch needs the CSRF token', async () => {
    const owner = await w.as('owner-a@agency.go.th')
    await owner.get('/admin/evidence/2569')
    expect((await owner.post('/admin/evidence/public', { enabled: '1' }, { csrf: null })).status).toBe(403)
    expect((await get('/public/ita/2569')).status).toBe(404)
  })

  test('an auditor of another agency sees only their own: the URL cannot choose the organization', async () => {
    const north = await w.as('auditor@north.go.th')
    await north.get('/admin/evidence/2569?org=default&orgId=default')
    expect(north.lastHtml).toContain('ภาคเหนือ nogift')
    expect(north.lastHtml).not.toContain('แจ้งเตือน 4 ครั้ง')
    await north.get('/admin/evidence/2569/print?org=default')
    expect(north.lastHtml).toContain('สำนักงานภาคเหนือ')
    const csv = await north.get('/admin/evidence/2569/export.csv?org=default')
    expect(csv.status).toBe(200)
    expect(calls.map((c) => c.orgId)).toEqual(['north', 'north', 'north'])
    expect(await evidenceAudit(w.t, 'default')).toEqual([])
    expect((await evidenceAudit(w.t, 'north')).map((r) => r.actor_email)).toEqual([
      'auditor@north.go.th',
      'auditor@north.go.th',
      'auditor@north.go.th',
    ])
    // Publishing north's page does not publish the default organization's.
    const owner = await w.as('owner-b@north.go.th')
    await owner.get('/admin/evidence/2569')
    await owner.post('/admin/evidence/public', { enabled: '1' })
    expect((await get('/public/north/ita/2569')).status).toBe(200)
    expect((await get('/public/ita/2569')).status).toBe(404)
  })
})
