import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'

// One mapping from "nobody serves this" and "a route failed" to an answer: a short page in one
// language for people, JSON for machines (src/http-errors.ts). Nothing of the error is shown.

const page = { accept: 'text/html,application/xhtml+xml' }

describe('error answers: a page to people, JSON to machines', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp('postgres')
    t.app.get('/boom', () => {
      throw new Error('database password is hunter2')
    })
    t.app.get('/api/boom', () => {
      throw new Error('database password is hunter2')
    })
  })
  afterAll(() => t.close())

  it('a page nobody serves: Thai by default, English when asked, never both', async () => {
    const th = await t.app.request('/no-such-page', { headers: page })
    expect(th.status).toBe(404)
    expect(th.headers.get('content-type')).toContain('text/html')
    const thHtml = await th.text()
    expect(thHtml).toContain('<html lang="th">')
    expect(thHtml).toContain('ไม่พบหน้าที่ต้องการ')
    expect(thHtml).not.toContain('Page not found')
    const en = await (await t.app.request('/no-such-page?lang=en', { headers: page })).text()
    expect(en).toContain('Page not found')
    expect(en).not.toContain('ไม่พบหน้าที่ต้องการ')
    // The console's choice of English carries over.
    const cookie = await t.app.request('/no-such-page', {
      headers: { ...page, cookie: 'admin_lang=en' },
    })
    expect(await cookie.text()).toContain('Page not found')
  })

  it('machines get JSON: the API, the webhook, and any client that does not ask for HTML', async () => {
    for (const [path, headers] of [
      ['/api/no-such-thing', page],
      ['/webhook/no-such-thing', page],
      ['/no-such-page', {}],
      ['/no-such-page', { accept: 'application/json' }],
    ] as const) {
      const r = await t.app.request(path, { headers })
      expect(r.status, path).toBe(404)
      expect(await r.json()).toMatchObject({ error: 'not_found' })
    }
  })

  it('a failing route: 500, the page or the JSON says nothing of the error, the log does', async () => {
    const html = await t.app.request('/boom', { headers: page })
    expect(html.status).toBe(500)
    const body = await html.text()
    expect(body).toContain('ขออภัย ระบบขัดข้อง')
    expect(body).not.toContain('hunter2')
    const json = await t.app.request('/api/boom', { headers: page })
    expect(json.status).toBe(500)
    const j = await json.json()
    expect(j).toMatchObject({ error: 'internal' })
    expect(JSON.stringify(j)).not.toContain('hunter2')
    expect(t.logs.join('\n')).toContain('http.unhandled')
  })

  it('nothing of the request is echoed into the page', async () => {
    const r = await t.app.request('/%3Cscript%3Ealert(1)%3C/script%3E?lang=%3Cb%3E', { headers: page })
    const body = await r.text()
    expect(body).not.toContain('<script>')
    expect(body).not.toContain('<b>')
    expect(body).toContain('<html lang="th">')
  })
})
