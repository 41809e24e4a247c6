import { sql } from 'kysely'
import { afterEach, describe, expect, test } from 'vitest'
import {
  bodyRuleFor,
  CONSOLE_MAX_BODY_BYTES,
  DEFAULT_MAX_BODY_BYTES,
  LOGIN_MAX_BODY_BYTES,
} from '../src/body-limits.js'
import { FOLLOW_FORM_MAX_BYTES, totalFilesBytes } from '../src/complaints/web/guard.js'
import { createOrg } from '../src/orgs/service.js'
import { createSimulator, type Simulator } from '../src/simulator/simulator.js'
import { createTestApp, TEST_CHANNEL_SECRET, type TestApp } from './helpers/app.js'
import { DB_KINDS } from './helpers/db.js'

// Every unauthenticated POST refuses a body over its limit with 413, before anything parses
// it, and stores nothing. Bodies are made here as they are pulled, so a test also sees how much
// of one the app read: nothing past a declared Content-Length, at most a chunk or two past the
// limit of a chunked one.

const KB = 1024
const CHUNK = 16 * KB

/** A body of `size` bytes that exists only as the app pulls it; `pulled` says how much it did. */
function lazyBody(size: number) {
  let pulled = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(ctl) {
      if (pulled >= size) return ctl.close()
      const n = Math.min(CHUNK, size - pulled)
      pulled += n
      ctl.enqueue(new Uint8Array(n).fill(0x61))
    },
  })
  return { stream, pulled: () => pulled }
}

async function postBig(
  t: TestApp,
  path: string,
  size: number,
  opts: { chunked?: boolean; json?: boolean } = {},
) {
  const body = lazyBody(size)
  const headers = new Headers({
    'content-type': opts.json ? 'application/json' : 'application/x-www-form-urlencoded',
  })
  if (!opts.chunked) headers.set('content-length', String(size))
  const init = { method: 'POST', body: body.stream, headers, duplex: 'half' }
  const res = await t.app.request(`http://localhost${path}`, init as RequestInit)
  return { res, text: await res.text(), pulled: body.pulled() }
}

const TABLES = [
  'admin_login_failures',
  'admin_audit_log',
  'admin_sessions',
  'complaint_filings',
  'complaint_messages',
  'complaint_follow_throttle',
  'webhook_inbox',
] as const

async function counts(t: TestApp) {
  const out: Record<string, number> = {}
  for (const table of TABLES) {
    const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.testDb.db)
    out[table] = Number(r.rows[0]?.n ?? -1)
  }
  return out
}

describe('which limit a path gets', () => {
  test('routes with their own limit, the console, the sign-in form and the default', () => {
    for (const p of [
      '/webhook',
      '/webhook/north',
      '/report',
      '/report/north/follow/reply',
      '/api/v1/audiences',
    ])
      expect(bodyRuleFor(p), p).toEqual({ kind: 'route' })
    expect(bodyRuleFor('/admin/budget/upload')).toEqual({ kind: 'route' })
    expect(bodyRuleFor('/dev/chat/api/image')).toEqual({ kind: 'route' })
    expect(bodyRuleFor('/admin/login')).toEqual({
      kind: 'limit',
      maxBytes: LOGIN_MAX_BODY_BYTES,
      style: 'html',
    })
    expect(bodyRuleFor('/admin/broadcasts/new')).toEqual({
      kind: 'limit',
      maxBytes: CONSOLE_MAX_BODY_BYTES,
      style: 'html',
    })
    // A look-alike prefix is not the route it resembles.
    for (const p of ['/reportx', '/webhooks', '/dev/chat/api/say', '/healthz', '/'])
      expect(bodyRuleFor(p), p).toEqual({ kind: 'limit', maxBytes: DEFAULT_MAX_BODY_BYTES, style: 'json' })
  })
})

describe.each(DB_KINDS)('body limits on unauthenticated POSTs (%s)', (kind) => {
  let t: TestApp
  let sim: Simulator
  afterEach(async () => t?.close())

  async function open() {
    sim = createSimulator({ channelSecret: TEST_CHANNEL_SECRET })
    t = await createTestApp(kind, { simulator: sim })
    const made = await createOrg(t.deps.db, t.deps.keyring, {
      slug: 'north',
      nameTh: 'สำนักงานภาคเหนือ',
      nameEn: 'Northern Office',
      channel: {
        channelSecret: 'aaaabbbbccccddddeeeeffff00001111',
        accessToken: 'north-access-token-0123456789',
      },
    })
    if (!made.ok) throw new Error(made.reason)
    return counts(t)
  }

  test('each route refuses one byte over its limit from Content-Length, reading none of it; nothing is stored', async () => {
    const before = await open()
    const report = totalFilesBytes(t.deps.config.env) + 256 * KB
    const cases: [string, number, 'html' | 'json', string][] = [
      ['/admin/login', LOGIN_MAX_BODY_BYTES, 'html', 'ข้อมูลที่ส่งมีขนาดเกิน 8 KB'],
      ['/report', report, 'html', 'ข้อมูลที่ส่งมีขนาดรวมเกิน 20 MB'],
      ['/report/north', report, 'html', 'ข้อมูลที่ส่งมีขนาดรวมเกิน 20 MB'],
      ['/report/follow', FOLLOW_FORM_MAX_BYTES, 'html', 'ข้อมูลที่ส่งมีขนาดเกิน 16 KB'],
      ['/report/north/follow', FOLLOW_FORM_MAX_BYTES, 'html', 'ข้อมูลที่ส่งมีขนาดเกิน 16 KB'],
      ['/report/follow/case', FOLLOW_FORM_MAX_BYTES, 'html', 'ข้อมูลที่ส่งมีขนาดเกิน 16 KB'],
      ['/report/follow/reply', report, 'html', 'ข้อมูลที่ส่งมีขนาดรวมเกิน 20 MB'],
      ['/webhook', t.deps.config.env.WEBHOOK_MAX_BODY_BYTES, 'json', 'payload_too_large'],
      ['/webhook/north', t.deps.config.env.WEBHOOK_MAX_BODY_BYTES, 'json', 'payload_too_large'],
      ['/dev/chat/api/say', DEFAULT_MAX_BODY_BYTES, 'json', 'payload_too_large'],
      ['/dev/chat/api/open', DEFAULT_MAX_BODY_BYTES, 'json', 'payload_too_large'],
      ['/healthz', DEFAULT_MAX_BODY_BYTES, 'json', 'payload_too_large'],
    ]
    for (const [path, limit, style, says] of cases) {
      const { res, text, pulled } = await postBig(t, path, limit + 1, { json: style === 'json' })
      expect(res.status, path).toBe(413)
      expect(res.headers.get('content-type') ?? '', path).toContain(style === 'json' ? 'json' : 'text/html')
      expect(text, path).toContain(says)
      // Only what the request object buffers ahead of any reader.
      expect(pulled, path).toBeLessThanOrEqual(2 * CHUNK)
    }
    expect(await counts(t)).toEqual(before)
    expect(sim.transcript.lastSeq()).toBe(0)
  })

  test('a chunked body (no Content-Length) is cut off as it streams, a chunk or two past the limit; nothing is stored', async () => {
    const before = await open()
    const cases: [string, number, boolean][] = [
      ['/admin/login', LOGIN_MAX_BODY_BYTES, false],
      ['/report/follow', FOLLOW_FORM_MAX_BYTES, false],
      ['/report/follow/case', FOLLOW_FORM_MAX_BYTES, false],
      ['/webhook', t.deps.config.env.WEBHOOK_MAX_BODY_BYTES, true],
      ['/dev/chat/api/say', DEFAULT_MAX_BODY_BYTES, true],
    ]
    for (const [path, limit, json] of cases) {
      const { res, pulled } = await postBig(t, path, 64 * 1024 * KB, { chunked: true, json })
      expect(res.status, path).toBe(413)
      expect(pulled, path).toBeGreaterThan(limit)
      expect(pulled, path).toBeLessThanOrEqual(limit + 3 * CHUNK)
    }
    expect(await counts(t)).toEqual(before)
    expect(sim.transcript.lastSeq()).toBe(0)
  })

  test('every route that takes a body, listed from the app itself, answers a 64 MB one (over every limit) without reading it', async () => {
    const before = await open()
    const routes = t.app.routes.filter(
      (r) => r.method !== 'GET' && r.method !== 'ALL' && !r.path.includes('*'),
    )
    expect(routes.length).toBeGreaterThan(50)
    for (const r of routes) {
      // A sample for each parameter: an organization that exists, else a number.
      const path = r.path.replace(/:(org|slug)(\{[^}]*\})?\??/g, 'north').replace(/:\w+(\{[^}]*\})?\??/g, '1')
      const body = lazyBody(64 * 1024 * KB)
      const headers = { 'content-length': String(64 * 1024 * KB), 'content-type': 'application/json' }
      const init = { method: r.method, body: body.stream, headers, duplex: 'half' }
      const res = await t.app.request(`http://localhost${path}`, init as RequestInit)
      const label = `${r.method} ${path}`
      // Refused for its size, or before its size matters: no session (303) or no API token (401).
      expect([413, 303, 401], label).toContain(res.status)
      expect(body.pulled(), label).toBeLessThanOrEqual(2 * CHUNK)
    }
    expect(await counts(t)).toEqual(before)
    expect(sim.transcript.lastSeq()).toBe(0)
  })

  test('the English page when the form was in English; a body within the limit still reaches the route', async () => {
    await open()
    const login = await postBig(t, '/admin/login', LOGIN_MAX_BODY_BYTES + 1)
    expect(login.text).toContain('The request is over 8 KB, so nothing was accepted or stored.')
    expect(login.text).toContain('href="/admin"')
    expect(login.res.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(login.res.headers.get('cache-control')).toBe('no-store')
    const { res, text } = await postBig(t, '/report/follow?lang=en', FOLLOW_FORM_MAX_BYTES + 1)
    expect(res.status).toBe(413)
    expect(text).toContain('What you sent is over 16 KB, so nothing was accepted or stored.')
    expect(text).toContain('href="/report/follow?lang=en"')
    const ok = await postBig(t, '/admin/login', LOGIN_MAX_BODY_BYTES)
    // Read in full and refused for what it says (no form token), not for its size.
    expect(ok.res.status).toBe(403)
    expect(ok.pulled).toBe(LOGIN_MAX_BODY_BYTES)
  })
})
