import { encode as encodePng } from 'fast-png'
import { afterEach, describe, expect, test } from 'vitest'
import type { TestApp } from '../helpers/app.js'
import { Client, PASSWORD_A, PASSWORD_B, seedAccount, twoOrgs } from './helpers.js'

// Only an organization's owner names it, and only it; the logo is served as the re-encoded
// image it became, never as whatever was uploaded.

describe('the agency name and logo, who and what (pglite)', () => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('other roles get 403; an owner changes only their own organization', async () => {
    const orgs = await twoOrgs('pglite')
    t = orgs.t
    for (const role of ['broadcaster', 'auditor', 'complaint_officer'] as const) {
      await seedAccount(t, 'default', `${role}@agency.go.th`, role, PASSWORD_A)
      const c = new Client(t)
      await c.login(`${role}@agency.go.th`, PASSWORD_A)
      expect((await c.get('/admin/org')).status, role).toBe(403)
      expect(c.lastHtml).not.toContain('href="/admin/org"')
      expect((await c.post('/admin/org', { nameTh: 'ยึดชื่อ' })).status, role).toBe(403)
      expect((await c.post('/admin/org/logo/delete', {})).status, role).toBe(403)
    }
    const north = new Client(t)
    await north.login('owner-b@north.go.th', PASSWORD_B)
    await north.get('/admin/org')
    expect(north.lastHtml).toContain('value="สำนักงานภาคเหนือ"')
    expect((await north.post('/admin/org', { nameTh: 'ภาคเหนือใหม่', nameEn: '', shortName: '' })).status).toBe(
      303,
    )
    // Without the page's token nothing is changed.
    expect((await north.post('/admin/org', { nameTh: 'ไม่มีโทเคน' }, { csrf: null })).status).toBe(403)
    const names = await t.deps.db.selectFrom('orgs').select(['slug', 'name_th']).orderBy('slug').execute()
    expect(names).toEqual([
      { slug: 'default', name_th: 'หน่วยงาน' },
      { slug: 'north', name_th: 'ภาคเหนือใหม่' },
    ])
  })

  test('a name with quotes and ampersands is text everywhere it is shown', async () => {
    const orgs = await twoOrgs('pglite')
    t = orgs.t
    const c = new Client(t)
    await c.login('owner-a@agency.go.th', PASSWORD_A)
    await c.get('/admin/org')
    await c.post('/admin/org', { nameTh: 'กรม "ทดสอบ" & \'ลูก\'', nameEn: '', shortName: '' })
    await c.get('/admin/home')
    expect(c.lastHtml).toContain('<span class="full">กรม &quot;ทดสอบ&quot; &amp; &#39;ลูก&#39;</span>')
    const form = await (await t.app.request('http://localhost/report')).text()
    expect(form).toContain('<strong>กรม &quot;ทดสอบ&quot; &amp; &#39;ลูก&#39;</strong>')
  })

  test('the logo route: the re-encoded image only, typed, never sniffed or run; unknown is 404', async () => {
    const orgs = await twoOrgs('pglite')
    t = orgs.t
    const c = new Client(t)
    await c.login('owner-a@agency.go.th', PASSWORD_A)
    await c.get('/admin/org')
    const png = encodePng({ width: 16, height: 16, data: new Uint8Array(1024).fill(50), channels: 4 })
    const tail = new TextEncoder().encode('<html><script>alert(document.cookie)</script>')
    const polyglot = new Uint8Array([...png, ...tail])
    expect((await c.postMultipart('/admin/org/logo', { logo: new File([polyglot], 'a.html') })).status).toBe(
      303,
    )
    const res = await t.app.request('http://localhost/logo/default')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
    expect(res.headers.get('set-cookie')).toBeNull()
    const served = Buffer.from(await res.arrayBuffer())
    expect(served.includes(Buffer.from('<script>'))).toBe(false)
    for (const path of ['/logo/north', '/logo/nowhere', '/logo/..%2Fadmin', '/logo/DEFAULT']) {
      const r = await t.app.request(`http://localhost${path}`)
      expect(r.status, path).toBe(404)
      expect(await r.text(), path).toBe('')
    }
  })
})
