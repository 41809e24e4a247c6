import { afterEach, describe, expect, test } from 'vitest'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { tokenApp } from './api-tokens.fixture.js'

const api = (t: TestApp, token: string) =>
  t.app.request('http://localhost/api/v1/broadcasts', { headers: { authorization: `Bearer ${token}` } })

describe.each(DB_KINDS)('API tokens in the console (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('create shows the token once; the list shows name, created and last used; revoke ends it', async () => {
    const made = await tokenApp(kind)
    t = made.t
    const owner = made.owner
    expect(owner.lastHtml).toContain('<a href="/admin/api-tokens">โทเคน API</a>')
    expect(owner.lastHtml).toContain('ยังไม่มีโทเคน')
    const r = await owner.post('/admin/api-tokens', { name: 'ระบบ e-Office' })
    expect(r.status).toBe(200)
    const token = owner.lastHtml.match(/<code>(itab_[a-z0-9]{10}_[A-Za-z0-9_-]{43})<\/code>/)?.[1] ?? ''
    expect(token).not.toBe('')
    expect(owner.lastHtml).toContain('แสดงครั้งเดียว')
    expect(owner.lastHtml).toMatch(/ระบบ e-Office <code>[a-z0-9]{10}<\/code>/)
    expect(owner.lastHtml).toContain('ยังไม่เคยใช้')

    expect((await api(t, token)).status).toBe(200)
    t.clock.advance(5 * 60_000)
    await owner.get('/admin/api-tokens')
    expect(owner.lastHtml).not.toContain(token) // shown once, never again
    expect(owner.lastHtml).toContain('22 พ.ย. 2569 10:00 น.') // created, and last used, at 10:00
    expect(owner.lastHtml).not.toContain('ยังไม่เคยใช้')

    const id = owner.lastHtml.match(/name="id" value="([^"]+)"/)?.[1] ?? ''
    const revoked = await owner.post('/admin/api-tokens/revoke', { id })
    expect(revoked.status).toBe(303)
    await owner.get('/admin/api-tokens')
    expect(owner.lastHtml).toContain('เพิกถอนโทเคนแล้ว')
    expect(owner.lastHtml).toContain('เพิกถอนแล้ว 22 พ.ย. 2569 10:05 น.')
    expect((await api(t, token)).status).toBe(401)

    const entries = await t.deps.db
      .selectFrom('admin_audit_log')
      .select(['action', 'actor_email'])
      .where('action', 'like', 'api_token.%')
      .orderBy('id')
      .execute()
    expect(entries).toEqual([
      { action: 'api_token.created', actor_email: 'owner-a@agency.go.th' },
      { action: 'api_token.revoked', actor_email: 'owner-a@agency.go.th' },
    ])
  })
})
