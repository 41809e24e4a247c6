import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { EntryView } from '../../src/simulator/client.js'
import type { ChatSummary } from '../../src/simulator/model.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createSimApp, type SimApp } from './helpers.js'

const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>'

let t: SimApp
beforeAll(async () => {
  t = await createSimApp()
})
afterAll(async () => {
  await t?.close()
})

describe('simulator security', () => {
  test('names and texts typed by people are escaped in the entry HTML', async () => {
    const opened = await t.api<{ chat: ChatSummary }>('POST', '/open', {
      name: '<b>x</b><img src=x onerror=1>',
    })
    expect(opened.status).toBe(200)
    const json = opened.json
    const said = await t.api<{ entry: EntryView }>('POST', '/say', { chat: json.chat.id, text: XSS })
    expect(said.status).toBe(200)
    const retryKey = crypto.randomUUID()
    await t.sim.line.push(json.chat.id, [{ type: 'text', text: XSS }], { retryKey })
    const { json: transcript } = await t.api<{ entries: EntryView[] }>(
      'GET',
      `/transcript?chat=${json.chat.id}`,
    )
    for (const e of transcript.entries) {
      expect(e.html).not.toMatch(/<script|<img|<b>/i)
    }
    expect(transcript.entries.map((e) => e.html).join('')).toContain('&lt;script&gt;')
  })

  test('the page only runs its own script (CSP with a fresh nonce) and is never cached', async () => {
    const a = await t.app.request('/dev/chat')
    const b = await t.app.request('/dev/chat')
    const csp = a.headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(/default-src 'none'/)
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+'/)
    expect(csp).toMatch(/frame-ancestors 'none'/)
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).not.toBe(b.headers.get('content-security-policy'))
    expect(a.headers.get('cache-control')).toBe('no-store')
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(await a.text()).toContain(`<script nonce="${nonce}">`)
  })

  test('the persona names on the page are escaped too', async () => {
    const html = await (await t.app.request('/dev/chat')).text()
    expect(html).not.toContain(XSS)
  })

  test('requests from another site cannot drive the simulator (CSRF)', async () => {
    const body = JSON.stringify({ name: 'ผู้บุกรุก' })
    const post = (headers: Record<string, string>) =>
      t.app.request('http://localhost/dev/chat/api/open', { method: 'POST', headers, body })
    expect((await post({ 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await post({ 'content-type': 'application/json', 'sec-fetch-site': 'same-site' })).status).toBe(
      403,
    )
    expect((await post({ 'content-type': 'application/json', origin: 'http://evil.test' })).status).toBe(403)
    expect(t.sim.chats().some((c) => c.name === 'ผู้บุกรุก')).toBe(false)
    const same = await post({
      'content-type': 'application/json',
      origin: 'http://localhost',
      'sec-fetch-site': 'same-origin',
    })
    expect(same.status).toBe(200)
  })

  test('a webhook signed with another secret is refused and nothing reaches the handlers', async () => {
    const res = await t.app.request('/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': 'AAAA' },
      body: '{"destination":"x","events":[]}',
    })
    expect(res.status).toBe(401)
  })
})

describe('outside local mode', () => {
  let plain: TestApp
  beforeAll(async () => {
    plain = await createTestApp('pglite')
  })
  afterAll(async () => {
    await plain?.close()
  })

  test('with a real LINE channel there is no /dev at all', async () => {
    expect((await plain.app.request('/dev/chat')).status).toBe(404)
    expect((await plain.app.request('/dev/chat/api/chats')).status).toBe(404)
    const res = await plain.app.request('/dev/chat/api/say', { method: 'POST', body: '{}' })
    expect(res.status).toBe(404)
  })
})
