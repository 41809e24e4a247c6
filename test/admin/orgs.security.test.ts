import { afterEach, describe, expect, test } from 'vitest'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { Client, PASSWORD_A, PASSWORD_B, seedAccount, twoOrgs } from './helpers.js'
import { hostClient, SOUTH } from './orgs.fixture.js'

const slugs = async (t: TestApp) =>
  (await t.deps.db.selectFrom('orgs').select('slug').orderBy('slug').execute()).map((r) => r.slug)

describe.each(DB_KINDS)('organizations in the console, security (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test("only the default organization's owner sees or changes organizations", async () => {
    const orgs = await twoOrgs(kind)
    t = orgs.t
    await seedAccount(t, 'default', 'sender@agency.go.th', 'broadcaster', PASSWORD_A)
    const north = new Client(t, '192.0.2.81')
    await north.login('owner-b@north.go.th', PASSWORD_B)
    const sender = new Client(t, '192.0.2.82')
    await sender.login('sender@agency.go.th', PASSWORD_A)
    for (const who of [north, sender]) {
      await who.get('/admin/home')
      expect(who.lastHtml).not.toContain('href="/admin/orgs"')
      expect((await who.get('/admin/orgs')).status).toBe(403)
      expect((await who.post('/admin/orgs', SOUTH)).status).toBe(403)
      const rotate = { channelSecret: 'x'.repeat(32), accessToken: 'y'.repeat(40) }
      expect((await who.post('/admin/orgs/north/channel', rotate)).status).toBe(403)
    }
    expect(await slugs(t)).toEqual(['default', 'north'])
  })

  test('a CSRF-less post creates nothing; secrets reach neither the page, the logs nor the audit log', async () => {
    const orgs = await twoOrgs(kind)
    t = orgs.t
    const host = await hostClient(t)
    expect((await host.post('/admin/orgs', SOUTH, { csrf: null })).status).toBe(403)
    expect(await slugs(t)).toEqual(['default', 'north'])
    await host.get('/admin/orgs')
    await host.post('/admin/orgs', SOUTH)
    expect(await slugs(t)).toEqual(['default', 'north', 'south'])
    await host.post('/admin/orgs/south/channel', {
      channelSecret: 'rotated-secret-1',
      accessToken: 'rotated-token-1',
    })
    await host.get('/admin/orgs')
    const seen = [
      host.lastHtml,
      t.logs.join('\n'),
      JSON.stringify(await t.deps.db.selectFrom('admin_audit_log').selectAll().execute()),
    ].join('\n')
    for (const secret of [SOUTH.channelSecret, SOUTH.accessToken, 'rotated-secret-1', 'rotated-token-1']) {
      expect(seen).not.toContain(secret)
    }
  })
})
