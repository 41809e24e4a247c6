import { sql } from 'kysely'
import { afterEach, describe, expect, test } from 'vitest'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { auditActions, Client, labelsOf, PASSWORD_A, PASSWORD_B, seedAccount, twoOrgs } from './helpers.js'

describe.each(DB_KINDS)('admin console, organizations and security (%s)', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  test("an admin of org A cannot read or change org B's groups, accounts or audit log (404, unchanged)", async () => {
    const o = await twoOrgs(kind)
    t = o.t
    const b = new Client(t, '192.0.2.2')
    await b.login('owner-b@north.go.th', PASSWORD_B)
    await b.get('/admin/groups')
    expect((await b.post('/admin/groups/labels', { chat: o.groupB, labels: 'ภาคเหนือ' })).status).toBe(200)
    const victim = await seedAccount(t, 'north', 'officer-b@north.go.th', 'complaint_officer', PASSWORD_B)

    const a = new Client(t)
    await a.login('owner-a@agency.go.th', PASSWORD_A)
    await a.get('/admin/home')
    expect(a.lastHtml).toContain('หน่วยงาน')
    expect(a.lastHtml).toMatch(/id="count-groups"><b>1<\/b>/)
    await a.get('/admin/groups')
    expect(a.lastHtml).toContain('กองคลัง A')
    expect(a.lastHtml).not.toContain('กองคลัง B')
    await a.get('/admin/accounts')
    expect(a.lastHtml).not.toContain('north.go.th')
    await a.get('/admin/audit')
    expect(a.lastHtml).not.toContain('north.go.th')
    expect(a.lastHtml).not.toContain('ภาคเหนือ')

    const auditBefore = await auditActions(t, 'north')
    const label = await a.post('/admin/groups/labels', { chat: o.groupB, labels: 'ยึดแล้ว' })
    expect(label.status).toBe(404)
    expect(a.lastHtml).toContain('ไม่พบรายการนี้')
    expect(await labelsOf(t, 'north', o.groupB)).toEqual(['ภาคเหนือ'])
    expect(await labelsOf(t, 'default', o.groupB)).toEqual([])

    const disable = await a.post('/admin/accounts/disable', { id: victim })
    expect(disable.status).toBe(404)
    const row = await t.deps.db
      .selectFrom('admin_accounts')
      .select('disabled_at')
      .where('id', '=', victim)
      .executeTakeFirstOrThrow()
    expect(row.disabled_at).toBeNull()
    expect(await auditActions(t, 'north')).toEqual(auditBefore)

    // B sees its own organization's name and data.
    await b.get('/admin/groups')
    expect(b.lastHtml).toContain('สำนักงานภาคเหนือ')
    expect(b.lastHtml).toContain('กองคลัง B')
    expect(b.lastHtml).not.toContain('กองคลัง A')
  })

  test('roles: only owners manage accounts and read the audit log; auditors cannot label', async () => {
    const o = await twoOrgs(kind)
    t = o.t
    await seedAccount(t, 'default', 'auditor@agency.go.th', 'auditor', PASSWORD_A)
    const c = new Client(t)
    await c.login('auditor@agency.go.th', PASSWORD_A)
    expect((await c.get('/admin/accounts')).status).toBe(403)
    expect((await c.get('/admin/audit')).status).toBe(403)
    await c.get('/admin/groups')
    expect(c.lastHtml).not.toContain('action="/admin/groups/labels"')
    const r = await c.post('/admin/groups/labels', { chat: o.groupA, labels: 'x' })
    expect(r.status).toBe(403)
    expect(await labelsOf(t, 'default', o.groupA)).toEqual([])
    const made = await c.post('/admin/accounts', { email: 'sneaky@agency.go.th', role: 'owner' })
    expect(made.status).toBe(403)
    expect(
      await t.deps.db
        .selectFrom('admin_accounts')
        .where('email', '=', 'sneaky@agency.go.th')
        .selectAll()
        .execute(),
    ).toEqual([])
  })

  test('cookies: __Host- prefix, HttpOnly, Secure, SameSite=Lax, Path=/; only a hash in the database', async () => {
    ;({ t } = await twoOrgs(kind))
    const b = new Client(t)
    await b.get('/admin/login')
    const res = await b.post('/admin/login', { email: 'owner-a@agency.go.th', password: PASSWORD_A })
    const setCookie = res.headers.getSetCookie().find((l) => l.startsWith('__Host-admin_session=')) ?? ''
    expect(setCookie).toMatch(/; Path=\//)
    expect(setCookie).toMatch(/; HttpOnly/)
    expect(setCookie).toMatch(/; Secure/)
    expect(setCookie).toMatch(/; SameSite=Lax/)
    expect(setCookie).not.toMatch(/Domain=/i)
    const token = (b.cookies.get('__Host-admin_session') ?? '').split('.')[0] ?? ''
    const rows = await t.deps.db.selectFrom('admin_sessions').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows)).not.toContain(token)
  })

  test('secure headers: CSP without scripts, no framing, no caching', async () => {
    ;({ t } = await twoOrgs(kind))
    const res = await t.app.request('/admin/login')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("form-action 'self'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.text()).not.toContain('<script')
  })

  test('the audit log is append-only in the database as well', async () => {
    ;({ t } = await twoOrgs(kind))
    const before = await auditActions(t, 'default')
    await expect(sql`update admin_audit_log set action = 'x'`.execute(t.deps.db)).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`delete from admin_audit_log`.execute(t.deps.db)).rejects.toThrow(/append-only/)
    expect(await auditActions(t, 'default')).toEqual(before)
  })

  test('no password, token or session value reaches the logs', async () => {
    ;({ t } = await twoOrgs(kind))
    const b = new Client(t)
    await b.login('owner-a@agency.go.th', PASSWORD_A)
    await b.login('owner-a@agency.go.th', 'a wrong secret')
    const logs = t.logs.join('\n')
    expect(logs).not.toContain(PASSWORD_A)
    expect(logs).not.toContain('a wrong secret')
    expect(logs).not.toContain((b.cookies.get('__Host-admin_session') ?? 'none').split('.')[0])
  })
})
