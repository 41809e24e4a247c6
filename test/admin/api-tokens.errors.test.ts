import { afterEach, describe, expect, test } from 'vitest'
import { createApiToken } from '../../src/api/tokens.js'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { tokenApp, tokenCount } from './api-tokens.fixture.js'

const NAME_ERROR = 'ชื่อโทเคนต้องมี 1–100 ตัวอักษร'
const GONE = 'ไม่พบโทเคนนี้ หรือถูกเพิกถอนไปแล้ว'

describe.each(DB_KINDS)('API tokens in the console, bad input (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('an empty or too long name is refused and creates nothing', async () => {
    const made = await tokenApp(kind)
    t = made.t
    for (const name of ['', '   ', 'x'.repeat(101)]) {
      const r = await made.owner.post('/admin/api-tokens', { name })
      expect(r.status).toBe(422)
      expect(made.owner.lastHtml).toContain(`<p class="msg error" role="alert">${NAME_ERROR}</p>`)
      expect(made.owner.lastHtml).not.toMatch(/itab_/)
    }
    expect(await tokenCount(made)).toBe(0)
  })

  test('revoking an unknown or already revoked token says so and changes nothing', async () => {
    const made = await tokenApp(kind)
    t = made.t
    const created = await createApiToken(t.deps.db, t.clock.now(), {
      orgId: 'default',
      name: 'e-Office',
      createdBy: made.ownerA,
    })
    if (!created.ok) throw new Error(created.reason)
    await made.owner.get('/admin/api-tokens')
    expect((await made.owner.post('/admin/api-tokens/revoke', { id: 'no-such-id' })).status).toBe(422)
    expect(made.owner.lastHtml).toContain(GONE)
    expect((await made.owner.post('/admin/api-tokens/revoke', { id: created.row.id })).status).toBe(303)
    await made.owner.get('/admin/api-tokens')
    const again = await made.owner.post('/admin/api-tokens/revoke', { id: created.row.id })
    expect(again.status).toBe(422)
    expect(made.owner.lastHtml).toContain(GONE)
    const revocations = await t.deps.db
      .selectFrom('admin_audit_log')
      .select('id')
      .where('action', '=', 'api_token.revoked')
      .execute()
    expect(revocations).toHaveLength(1)
  })
})
