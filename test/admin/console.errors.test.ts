import { afterEach, describe, expect, test } from 'vitest'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { auditActions, Client, labelsOf, PASSWORD_A, twoOrgs } from './helpers.js'

const EMAIL_A = 'owner-a@agency.go.th'

describe.each(DB_KINDS)('admin console, errors as values (%s)', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  test('wrong password: 401 with a clear message, no session, a failed-login audit entry', async () => {
    ;({ t } = await twoOrgs(kind))
    const b = new Client(t)
    const r = await b.login(EMAIL_A, 'not the password')
    expect(r.status).toBe(401)
    expect(b.lastHtml).toContain('อีเมลหรือรหัสผ่านไม่ถูกต้อง')
    expect(b.cookies.has('__Host-admin_session')).toBe(false)
    expect(await t.deps.db.selectFrom('admin_sessions').selectAll().execute()).toEqual([])
    expect(await auditActions(t, 'default')).toEqual(['account.created', 'login.failed'])
    // An unknown e-mail answers the same and is logged without naming any organization.
    const u = await b.login('nobody@agency.go.th', 'whatever')
    expect(u.status).toBe(401)
    expect(await auditActions(t, null)).toEqual(['login.failed'])
  })

  test('each failure on an account doubles the wait before its next attempt (1, 2, 4, 8 s), even with the right password; then the owner gets in', async () => {
    ;({ t } = await twoOrgs(kind))
    for (let i = 0; i < 4; i++) {
      expect((await new Client(t, `198.51.100.${i}`).login(EMAIL_A, 'wrong')).status).toBe(401)
      // The wait after this failure, to the second: the next try (from another address) is let in.
      if (i < 3) t.clock.advance(1000 * 2 ** i)
    }
    const right = new Client(t, '203.0.113.1')
    const r = await right.login(EMAIL_A, PASSWORD_A)
    expect(r.status).toBe(429)
    expect(r.headers.get('retry-after')).toBe('8')
    expect(right.lastHtml).toContain('บัญชีนี้มีการเข้าสู่ระบบผิดเมื่อสักครู่ กรุณารอ 8 วินาที แล้วลองใหม่อีกครั้ง')
    expect(await t.deps.db.selectFrom('admin_sessions').selectAll().execute()).toEqual([])
    const stored = await t.deps.db.selectFrom('admin_login_failures').selectAll().execute()
    expect(stored).toHaveLength(12) // per account, per address and in all, as keyed HMACs
    expect(JSON.stringify(stored)).not.toContain('agency.go.th')
    expect(JSON.stringify(stored)).not.toContain('198.51.100')
    expect(await auditActions(t, 'default')).toContain('login.locked')

    await right.get('/admin/login?lang=en')
    await right.post('/admin/login', { email: EMAIL_A, password: PASSWORD_A })
    expect(right.lastHtml).toContain(
      'This account had a failed sign-in just now. Please wait 8 seconds and try again.',
    )

    t.clock.advance(8000)
    expect((await right.login(EMAIL_A, PASSWORD_A)).status).toBe(303)
  })

  test('one address failing ten times, on any accounts, is locked for 15 minutes with a Thai date; other addresses are not', async () => {
    ;({ t } = await twoOrgs(kind))
    const b = new Client(t, '198.51.100.77')
    for (let i = 0; i < 10; i++) await b.login(`guess${i}@agency.go.th`, 'wrong')
    const r = await b.login(EMAIL_A, PASSWORD_A)
    expect(r.status).toBe(429)
    // Test clock: 03:00 UTC = 10:00 Bangkok; locked until 15 minutes later.
    expect(b.lastHtml).toContain('เข้าสู่ระบบผิดหลายครั้งเกินไป ลองใหม่ได้หลัง 22 พ.ย. 2569 10:15 น.')
    expect((await new Client(t, '198.51.100.78').login(EMAIL_A, PASSWORD_A)).status).toBe(303)
    t.clock.advance(15 * 60_000 + 1000)
    expect((await b.login(EMAIL_A, PASSWORD_A)).status).toBe(303)
  })

  test('an idle session expires: redirect to login with a message, and the row is gone', async () => {
    ;({ t } = await twoOrgs(kind))
    const b = new Client(t)
    await b.login(EMAIL_A, PASSWORD_A)
    expect((await b.get('/admin/home')).status).toBe(200)
    t.clock.advance(31 * 60_000)
    const r = await b.get('/admin/groups')
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe('/admin/login?m=expired')
    expect(await t.deps.db.selectFrom('admin_sessions').selectAll().execute()).toEqual([])
    await b.get('/admin/login?m=expired')
    expect(b.lastHtml).toContain('หมดเวลาการใช้งาน กรุณาเข้าสู่ระบบอีกครั้ง')
  })

  test('absolute expiry after 12 hours even when active', async () => {
    ;({ t } = await twoOrgs(kind))
    const b = new Client(t)
    await b.login(EMAIL_A, PASSWORD_A)
    for (let i = 0; i < 25; i++) {
      t.clock.advance(29 * 60_000)
      const r = await b.get('/admin/home')
      if (i < 24) expect(r.status).toBe(200)
      else expect(r.headers.get('location')).toBe('/admin/login?m=expired')
    }
  })

  test('a form post without the CSRF token: 403 with a clear message, nothing changed', async () => {
    const o = await twoOrgs(kind)
    t = o.t
    const b = new Client(t)
    await b.login(EMAIL_A, PASSWORD_A)
    await b.get('/admin/groups')
    const before = await auditActions(t, 'default')
    const r = await b.post('/admin/groups/labels', { chat: o.groupA, labels: 'กองคลัง' }, { csrf: null })
    expect(r.status).toBe(403)
    expect(b.lastHtml).toContain('แบบฟอร์มไม่มีโทเค็นความปลอดภัย (CSRF)')
    const wrong = await b.post(
      '/admin/groups/labels',
      { chat: o.groupA, labels: 'กองคลัง' },
      { csrf: 'forged' },
    )
    expect(wrong.status).toBe(403)
    expect(await labelsOf(t, 'default', o.groupA)).toEqual([])
    expect(await auditActions(t, 'default')).toEqual(before)
  })

  test('a cross-site Origin is refused even with the token; logout without a token keeps the session', async () => {
    const o = await twoOrgs(kind)
    t = o.t
    const b = new Client(t)
    await b.login(EMAIL_A, PASSWORD_A)
    await b.get('/admin/groups')
    const r = await b.post(
      '/admin/groups/labels',
      { chat: o.groupA, labels: 'x' },
      { origin: 'https://evil.example' },
    )
    expect(r.status).toBe(403)
    expect(await labelsOf(t, 'default', o.groupA)).toEqual([])
    expect((await b.post('/admin/logout', {}, { csrf: null })).status).toBe(403)
    expect(await t.deps.db.selectFrom('admin_sessions').selectAll().execute()).toHaveLength(1)
  })

  test('a login post without the login CSRF cookie is refused and logs nobody in', async () => {
    ;({ t } = await twoOrgs(kind))
    const b = new Client(t)
    const r = await b.post('/admin/login', { email: EMAIL_A, password: PASSWORD_A }, { csrf: 'made-up' })
    expect(r.status).toBe(403)
    expect(await t.deps.db.selectFrom('admin_sessions').selectAll().execute()).toEqual([])
  })

  test('a tampered session cookie is no session', async () => {
    ;({ t } = await twoOrgs(kind))
    const b = new Client(t)
    await b.login(EMAIL_A, PASSWORD_A)
    const v = b.cookies.get('__Host-admin_session') ?? ''
    // A character that differs from the one it replaces (a fixed 'X' left it unchanged 1 time in 64).
    const other = v[5] === 'X' ? 'Y' : 'X'
    b.cookies.set('__Host-admin_session', `${v.slice(0, 5)}${other}${v.slice(6)}`)
    expect((await b.get('/admin/home')).headers.get('location')).toBe('/admin/login')
  })

  test('password change errors leave the password as it was', async () => {
    ;({ t } = await twoOrgs(kind))
    const b = new Client(t)
    await b.login(EMAIL_A, PASSWORD_A)
    await b.get('/admin/password')
    const cases: [Record<string, string>, string][] = [
      [{ current: 'wrong', next: 'long enough pass', confirm: 'long enough pass' }, 'รหัสผ่านปัจจุบันไม่ถูกต้อง'],
      [{ current: PASSWORD_A, next: 'short', confirm: 'short' }, 'สั้นเกินไป'],
      [{ current: PASSWORD_A, next: 'long enough pass', confirm: 'long enough pasz' }, 'ไม่ตรงกัน'],
      [{ current: PASSWORD_A, next: PASSWORD_A, confirm: PASSWORD_A }, 'ต้องไม่ซ้ำ'],
    ]
    for (const [fields, message] of cases) {
      expect((await b.post('/admin/password', fields)).status).toBe(422)
      expect(b.lastHtml).toContain(message)
    }
    expect((await new Client(t, '192.0.2.50').login(EMAIL_A, PASSWORD_A)).status).toBe(303)
  })
})
