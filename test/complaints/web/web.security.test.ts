import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createTestApp, type TestApp } from '../../helpers/app.js'
import { DB_KINDS } from '../../helpers/db.js'
import { enterNow } from '../file-case.js'
import { REAL_CODE, SECRET, seedCase, throttleRows } from '../followup-helpers.js'
import { countRows, dump, gpsJpeg, hex, REPORT, receiptOf, WebClient } from './helpers.js'

const IP = '203.0.113.77'
const UA = 'SentinelBrowser/9.9 (Linux; Android 14; SM-TEST)'
const IDENTIFYING = { 'x-forwarded-for': IP, 'cf-connecting-ip': IP, 'x-real-ip': IP, 'user-agent': UA }

function expectStrictHeaders(res: Response) {
  const csp = res.headers.get('content-security-policy') ?? ''
  expect(csp).toMatch(/style-src 'nonce-[A-Za-z0-9+/=]+'/)
  for (const d of [
    "default-src 'none'",
    "script-src 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
  ]) {
    expect(csp).toContain(d)
  }
  expect(res.headers.get('cache-control')).toBe('no-store')
  expect(res.headers.get('referrer-policy')).toBe('no-referrer')
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
}

describe.each(DB_KINDS)('web complaint form, security (%s)', (kind) => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp(kind)
  })
  afterEach(() => t.close())

  test('posts without the form token, with a forged one, without the cookie or from another site are refused', async () => {
    const web = new WebClient(t)
    await web.get('/report')
    const token = web.hidden('_csrf')
    const attempts: [Record<string, string | null>, Record<string, string>, boolean][] = [
      [{ _csrf: null }, {}, true],
      [{ _csrf: 'A'.repeat(120) }, {}, true],
      [{ _csrf: token }, {}, false], // the token without the cookie it belongs to
      [{ _csrf: token }, { 'sec-fetch-site': 'cross-site' }, true],
      [{ _csrf: token }, { origin: 'https://evil.example' }, true],
    ]
    for (const [fields, headers, withCookie] of attempts) {
      const client = withCookie ? web : new WebClient(t)
      const res = await client.post('/report', { ...REPORT, ...fields }, [], headers)
      expect(res.status).toBe(403)
      expect(client.html).toContain('id="csrf"')
      expectStrictHeaders(res)
    }
    // Another visitor's token does not go with this visitor's cookie.
    const other = new WebClient(t)
    await other.get('/report')
    expect((await web.post('/report', { ...REPORT, _csrf: other.hidden('_csrf') })).status).toBe(403)
    // The follow-up forms as well: no token, or an access token that is not one.
    expect(
      (await web.post('/report/follow', { _csrf: null, code: 'C-2569-AAAAAA', secret: 'x' })).status,
    ).toBe(403)
    expect((await web.post('/report/follow/reply', { access: 'A'.repeat(80), message: 'x' })).status).toBe(
      403,
    )
    expect((await web.post('/report/follow/reply', { access: token, message: 'x' })).status).toBe(403)
    expect(await countRows(t, 'complaint_cases')).toBe(0)
    expect(await countRows(t, 'complaint_messages')).toBe(0)
    // The form token is not an access token, nor the other way round.
    await web.get('/report')
    expect((await web.post('/report/follow/case', { access: web.hidden('_csrf') })).status).toBe(403)
  })

  test('a body that is not a well-formed form (too many parts, cut short, no boundary) is refused whole', async () => {
    const web = new WebClient(t)
    await web.get('/report')
    const csrf = web.hidden('_csrf')
    const part = (name: string, value: string) =>
      `--B\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
    const fields = Object.entries({ ...REPORT, _csrf: csrf }).map(([k, v]) => part(k, v))
    const bodies = [
      // 65 parts: every answer given, then one more filler than the form's limit allows.
      `${fields.join('')}${Array.from({ length: 65 - fields.length }, (_, i) => part(`x${i}`, 'x')).join('')}--B--\r\n`,
      fields.join(''),
      `${fields.join('')}--B--\r\n`.replaceAll('--B', '--C'),
    ]
    // Said as what it is (400, the limit named when it was one), not as a forged request.
    const said = [/มีเกิน 64 ส่วน/, /อ่านข้อมูลที่ส่งมาเป็นแบบฟอร์มไม่ได้/, /อ่านข้อมูลที่ส่งมาเป็นแบบฟอร์มไม่ได้/]
    for (const [i, body] of bodies.entries()) {
      const res = await web.send('/report', {
        method: 'POST',
        body,
        headers: { 'content-type': 'multipart/form-data; boundary=B' },
      })
      expect(res.status).toBe(400)
      expect(web.html).toContain('id="unreadable"')
      expect(web.html).toMatch(said[i] ?? /never/)
    }
    expect(await countRows(t, 'complaint_filings')).toBe(0)
    // The same answers, well formed, are filed: the refusals above were the body's shape alone.
    await web.get('/report')
    const good = `${Object.entries({ ...REPORT, _csrf: web.hidden('_csrf') })
      .map(([k, v]) => part(k, v))
      .join('')}--B--\r\n`
    const res = await web.send('/report', {
      method: 'POST',
      body: good,
      headers: { 'content-type': 'multipart/form-data; boundary=B' },
    })
    expect(res.status).toBe(200)
    expect(await countRows(t, 'complaint_filings')).toBe(1)
  })

  test('every page: strict headers, no script, nothing from elsewhere; the only cookie is the form nonce', async () => {
    const web = new WebClient(t)
    const pages = [
      await web.get('/report'),
      await web.get('/report?lang=en'),
      await web.get('/report/follow'),
    ]
    const filed = await web.post('/report', { ...REPORT })
    pages.push(filed, await web.post('/report/follow', { code: 'C-2569-AAAAAA', secret: 'AAAAA-AAAAA' }))
    for (const res of pages) {
      expectStrictHeaders(res)
      const html = await res.clone().text()
      expect(html).not.toMatch(/<script|<iframe|<img |src="http|href="http|@import/i)
      for (const line of res.headers.getSetCookie()) {
        expect(line).toMatch(
          /^__Host-report_form=[A-Za-z0-9_-]{24}; Max-Age=3600; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
        )
      }
    }
    expect([...web.cookies.keys()]).toEqual(['__Host-report_form'])
  })

  test('the database after a web report and follow-up holds no address, browser or time of day', async () => {
    const web = new WebClient(t, IDENTIFYING)
    await web.get('/report')
    await web.post('/report', { ...REPORT, what: `เรื่องทดสอบ SENTINEL-CONTENT` }, [
      { name: 'photo.jpg', bytes: gpsJpeg() },
    ])
    const { code, secret } = receiptOf(web)
    await expectNothingIdentifying(secret, code) // while the filing waits
    await enterNow(t)
    t.clock.advance(3 * 3_600_000 + 17 * 60_000 + 23_000) // 13:17:23 in Bangkok
    await web.get('/report/follow')
    await web.post('/report/follow', { code, secret: 'WRONG-WRONG' })
    await web.post('/report/follow', { code, secret })
    await web.post('/report/follow/reply', { message: 'SENTINEL-REPLY' })
    expect(await countRows(t, 'complaint_filings')).toBe(1)
    await expectNothingIdentifying(secret, code) // while the reply waits
    await enterNow(t)
    expect(await countRows(t, 'complaint_messages')).toBe(1)
    await expectNothingIdentifying(secret, code)
    // No log line for the filing nor the reply: their timestamps would date them to the second.
    const outcomes = t.logs.filter((l) => l.includes('complaint.web')).map((l) => JSON.parse(l).outcome)
    expect(outcomes).toEqual(['follow_wrong', 'follow_ok'])
  })

  async function expectNothingIdentifying(secret: string, code: string) {
    const all = await dump(t)
    for (const needle of [IP, UA, 'SentinelBrowser', 'SENTINEL-CONTENT', 'SENTINEL-REPLY', secret]) {
      expect(all).not.toContain(needle)
      expect(all).not.toContain(hex(needle))
    }
    // Times: only midnight (the day) on the case and what hangs off it. Wrong secrets lock
    // nothing: they are counted apart from the case, under a hash of the client, by day.
    const times = [...all.matchAll(/"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[^"]*)"/g)].map((m) => m[1] ?? '')
    const caseLines = all.split('\n').filter((l) => /^(complaint_|engagement_events)/.test(l))
    const caseTimes = caseLines.flatMap((l) =>
      [...l.matchAll(/"(\d{4}-\d{2}-\d{2}T[^"]*)"/g)].map((m) => m[1] ?? ''),
    )
    expect(times.length).toBeGreaterThan(0)
    for (const at of caseTimes)
      expect(new Date(at).getUTCHours() * 60 + new Date(at).getUTCMinutes(), at).toBe(0)
    const logs = t.logs.join('\n')
    for (const needle of [IP, UA, 'SENTINEL', secret, code]) expect(logs).not.toContain(needle)
  }

  test('the right secret opens a case after 50 wrong ones from other addresses; the throttle keeps no address', async () => {
    await seedCase(t.testDb.db, t.deps.keyring)
    const addresses = ['203.0.113.10', '203.0.113.11', '203.0.113.12', '203.0.113.13', '203.0.113.14']
    for (const ip of addresses) {
      const guesser = new WebClient(t, {}, ip)
      await guesser.get('/report/follow')
      for (let i = 0; i < 10; i++) {
        expect((await guesser.post('/report/follow', { code: REAL_CODE, secret: `WRONG-${i}` })).status).toBe(
          401,
        )
      }
    }
    const complainant = new WebClient(t, {}, IP)
    await complainant.get('/report/follow')
    expect((await complainant.post('/report/follow', { code: REAL_CODE, secret: SECRET })).status).toBe(200)
    expect(complainant.html).toContain(REAL_CODE)
    const rows = JSON.stringify(await throttleRows(t.testDb.db))
    for (const needle of [IP, ...addresses, REAL_CODE]) {
      expect(rows).not.toContain(needle)
      expect(rows).not.toContain(hex(needle))
    }
  })

  test('what people type is escaped everywhere it is shown; the secret never appears in a URL', async () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    const web = new WebClient(t)
    await web.get('/report')
    await web.post('/report', { ...REPORT, what: evil, when: '' })
    expect(web.html).not.toContain('<script>alert(1)')
    expect(web.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    await web.post('/report', { ...REPORT, what: evil })
    const { code, secret } = receiptOf(web)
    await enterNow(t)
    await web.get('/report/follow')
    await web.post('/report/follow', { code, secret })
    await web.post('/report/follow/reply', { message: evil })
    await enterNow(t)
    await web.post('/report/follow/case', {})
    expect(web.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(web.html).not.toContain('<img src=x')
    expect(web.html).toContain('&lt;img src=x onerror=alert(2)&gt;')
    const urls = [...web.html.matchAll(/(?:href|action)="([^"]*)"/g)].map((m) => m[1] ?? '')
    expect(urls.length).toBeGreaterThan(0)
    for (const u of urls) expect(u).not.toContain(secret)
    expect(web.html).not.toContain(secret)
  })
})
