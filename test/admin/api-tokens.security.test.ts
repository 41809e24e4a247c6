import { afterEach, describe, expect, test } from 'vitest'
import { createApiToken } from '../../src/api/tokens.js'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { tokenApp, tokenCount } from './api-tokens.fixture.js'
import { Client, PASSWORD_A, seedAccount } from './helpers.js'

describe.each(DB_KINDS)('API tokens in the console, security (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('only owners manage tokens; a CSRF-less post creates nothing', async () => {
    const made = await tokenApp(kind)
    t = made.t
    await seedAccount(t, 'default', 'sender@agency.go.th', 'broadcaster', PASSWORD_A)
    const sender = new Client(t, '192.0.2.83')
    await sender.login('sender@agency.go.th', PASSWORD_A)
    await sender.get('/admin/home')
    expect(sender.lastHtml).not.toContain('href="/admin/api-tokens"')
    expect((await sender.get('/admin/api-tokens')).status).toBe(403)
    expect((await sender.post('/admin/api-tokens', { name: 'x' })).status).toBe(403)
    expect((await made.owner.post('/admin/api-tokens', { name: 'x' }, { csrf: null })).status).toBe(403)
    expect(await tokenCount(made)).toBe(0)
  })

  test("another organization's token is neither listed nor revocable; only its hash is stored", async () => {
    const made = await tokenApp(kind)
    t = made.t
    const north = await createApiToken(t.deps.db, t.clock.now(), {
      orgId: 'north',
      name: 'north system',
      createdBy: made.ownerB,
    })
    if (!north.ok) throw new Error(north.reason)
    await made.owner.get('/admin/api-tokens')
    expect(made.owner.lastHtml).not.toContain('north system')
    expect((await made.owner.post('/admin/api-tokens/revoke', { id: north.row.id })).status).toBe(422)
    const row = await t.deps.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', north.row.id)
      .executeTakeFirstOrThrow()
    expect(row.revoked_at).toBeNull()
    expect(JSON.stringify(row)).not.toContain(north.token)
    const res = await t.app.request('http://localhost/api/v1/broadcasts', {
      headers: { authorization: `Bearer ${north.token}` },
    })
    expect(res.status).toBe(200)
  })
})
