import { afterEach, describe, expect, test } from 'vitest'
import { ensureLocalOwner, LOCAL_OWNER_EMAIL } from '../../src/admin/accounts.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { auditActions, Client, labelsOf, seedGroup } from './helpers.js'

describe.each(DB_KINDS)('admin console, happy paths (%s)', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  test('first-start owner: sign in with the one-time password, forced change, then the console', async () => {
    t = await createTestApp(kind)
    const oneTime = await ensureLocalOwner(t.deps.db, t.clock.now(), t.deps.keyring.secrets.hash)
    expect(oneTime).toMatch(/^\S{16}$/)
    expect(await ensureLocalOwner(t.deps.db, t.clock.now(), t.deps.keyring.secrets.hash)).toBeNull() // once only
    const stored = await t.deps.db
      .selectFrom('admin_accounts')
      .select('password_hash')
      .executeTakeFirstOrThrow()
    expect(stored.password_hash).not.toContain(oneTime ?? '-')

    const b = new Client(t)
    const login = await b.login(LOCAL_OWNER_EMAIL, oneTime ?? '')
    expect(login.status).toBe(303)
    expect(login.headers.get('location')).toBe('/admin/password')
    // Until the password changes, every page leads back to the change form.
    const home = await b.get('/admin/home')
    expect(home.headers.get('location')).toBe('/admin/password')
    await b.get('/admin/password')
    expect(b.lastHtml).toContain('กรุณาตั้งรหัสผ่านใหม่')
    const changed = await b.post('/admin/password', {
      current: oneTime ?? '',
      next: 'a new long passphrase',
      confirm: 'a new long passphrase',
    })
    expect(changed.status).toBe(200)
    expect(b.lastHtml).toContain('เปลี่ยนรหัสผ่านแล้ว')

    await seedGroup(t, 'default', `C${'1'.repeat(32)}`, 'ฝ่ายการเงิน', 9)
    const page = await b.get('/admin/home')
    expect(page.status).toBe(200)
    expect(b.lastHtml).toContain('หน่วยงาน')
    expect(b.lastHtml).toMatch(/id="count-groups"><b>1<\/b>/)
    expect(b.lastHtml).toMatch(/id="count-followers"><b>0<\/b>/)

    // The old one-time password no longer works; the new one does.
    const again = new Client(t, '192.0.2.99')
    expect((await again.login(LOCAL_OWNER_EMAIL, oneTime ?? '')).status).toBe(401)
    t.clock.advance(1000) // a failure makes the account wait a second
    expect((await again.login(LOCAL_OWNER_EMAIL, 'a new long passphrase')).headers.get('location')).toBe(
      '/admin/home',
    )
  })

  test('label a group; the owner reads the audit log in Thai dates; logout ends the session', async () => {
    t = await createTestApp(kind)
    const oneTime = (await ensureLocalOwner(t.deps.db, t.clock.now(), t.deps.keyring.secrets.hash)) ?? ''
    await seedGroup(t, 'default', `C${'1'.repeat(32)}`, 'ฝ่ายการเงิน', 9)
    const b = new Client(t)
    await b.login(LOCAL_OWNER_EMAIL, oneTime)
    await b.get('/admin/password')
    await b.post('/admin/password', {
      current: oneTime,
      next: 'another passphrase',
      confirm: 'another passphrase',
    })

    await b.get('/admin/groups')
    expect(b.lastHtml).toContain('ฝ่ายการเงิน')
    expect(b.lastHtml).toContain('9 สมาชิก')
    const r = await b.post('/admin/groups/labels', {
      chat: `C${'1'.repeat(32)}`,
      labels: 'กองคลัง, ฝ่ายพัสดุ, กองคลัง',
    })
    expect(r.status).toBe(200)
    expect(await labelsOf(t, 'default', `C${'1'.repeat(32)}`)).toEqual(['กองคลัง', 'ฝ่ายพัสดุ'])

    await b.get('/admin/audit')
    expect(b.lastHtml).toContain('group.labelled')
    expect(b.lastHtml).toContain('22 พ.ย. 2569 10:00 น.') // the test clock: 03:00 UTC
    expect(b.lastHtml).not.toContain('C1111') // no raw LINE ids in the log
    expect(await auditActions(t, 'default')).toEqual([
      'account.created',
      'login.succeeded',
      'password.changed',
      'group.labelled',
    ])

    await b.get('/admin/groups?lang=en')
    expect(b.lastHtml).toContain('LINE groups')
    // The switch back keeps what the page was showing; only the language changes.
    await b.get('/admin/gifts?fy=2569')
    expect(b.lastHtml).toContain('href="/admin/gifts?fy=2569&amp;lang=th"')
    await b.get('/admin/home')
    expect(b.lastHtml).toContain('Followers') // remembered in a cookie

    const out = await b.post('/admin/logout', {})
    expect(out.headers.get('location')).toBe('/admin/login?m=loggedOut')
    expect(await t.deps.db.selectFrom('admin_sessions').selectAll().execute()).toEqual([])
    expect((await b.get('/admin/home')).headers.get('location')).toBe('/admin/login')
  })

  test('the owner creates a broadcaster, who may label but not manage accounts; the owner disables it', async () => {
    t = await createTestApp(kind)
    const oneTime = (await ensureLocalOwner(t.deps.db, t.clock.now(), t.deps.keyring.secrets.hash)) ?? ''
    const owner = new Client(t)
    await owner.login(LOCAL_OWNER_EMAIL, oneTime)
    await owner.get('/admin/password')
    await owner.post('/admin/password', {
      current: oneTime,
      next: 'owner passphrase!',
      confirm: 'owner passphrase!',
    })
    await owner.get('/admin/accounts')
    await owner.post('/admin/accounts', { email: 'Staff@Agency.go.th', role: 'broadcaster' })
    const pw = owner.lastHtml.match(/<code>(\S{16})<\/code>/)?.[1] ?? ''
    expect(pw).toHaveLength(16)

    const staff = new Client(t, '192.0.2.20')
    expect((await staff.login('staff@agency.go.th', pw)).headers.get('location')).toBe('/admin/password')
    await staff.get('/admin/password')
    await staff.post('/admin/password', {
      current: pw,
      next: 'staff passphrase',
      confirm: 'staff passphrase',
    })
    expect((await staff.get('/admin/groups')).status).toBe(200)
    expect((await staff.get('/admin/accounts')).status).toBe(403)
    expect((await staff.get('/admin/audit')).status).toBe(403)

    const id = (
      await t.deps.db
        .selectFrom('admin_accounts')
        .select('id')
        .where('email', '=', 'staff@agency.go.th')
        .executeTakeFirstOrThrow()
    ).id
    await owner.get('/admin/accounts')
    expect((await owner.post('/admin/accounts/disable', { id })).status).toBe(200)
    // The disabled account's session ends at once and it cannot sign in again.
    expect((await staff.get('/admin/groups')).headers.get('location')).toMatch(/^\/admin\/login/)
    expect((await staff.login('staff@agency.go.th', 'staff passphrase')).status).toBe(401)
  })
})
