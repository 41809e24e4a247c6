import { afterEach, describe, expect, test } from 'vitest'
import { consoleWords } from '../../src/console/i18n.js'
import { findOrg } from '../../src/orgs/repository.js'
import { openOrgChannel } from '../../src/orgs/service.js'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { NORTH_SECRET, twoOrgs } from './helpers.js'
import { hostClient, SOUTH } from './orgs.fixture.js'

const th = consoleWords('th')
const en = consoleWords('en')

const snapshot = async (t: TestApp) => ({
  orgs: (await t.deps.db.selectFrom('orgs').select('slug').orderBy('slug').execute()).map((r) => r.slug),
  accounts: (await t.deps.db.selectFrom('admin_accounts').select('email').orderBy('email').execute()).map(
    (r) => r.email,
  ),
  audit: (await t.deps.db.selectFrom('admin_audit_log').select('action').execute()).length,
})

describe.each(DB_KINDS)('organizations in the console, bad input (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('each bad new organization gets its own message and changes nothing', async () => {
    const orgs = await twoOrgs(kind)
    t = orgs.t
    const host = await hostClient(t)
    const cases: [Record<string, string>, string][] = [
      [{ slug: 'north' }, th('org_exists')],
      [{ slug: 'North' }, th('invalid_slug')],
      [{ slug: 'ภาคใต้' }, th('invalid_slug')],
      [{ slug: 'a_b' }, th('invalid_slug')],
      [{ slug: '' }, th('invalid_slug')],
      [{ slug: 'x'.repeat(41) }, th('invalid_slug')],
      [{ nameTh: '  ' }, th('org_name')],
      [{ channelSecret: '' }, th('empty_secret')],
      [{ channelSecret: 'two words' }, th('empty_secret')],
      [{ accessToken: '   ' }, th('empty_token')],
      [{ ownerEmail: 'not-an-email' }, th('invalid_email')],
      [{ ownerEmail: 'owner-b@north.go.th' }, th('exists')],
    ]
    // Logins wrote their entries already; from here nothing may change.
    const before = await snapshot(t)
    for (const [change, message] of cases) {
      await host.get('/admin/orgs')
      const r = await host.post('/admin/orgs', { ...SOUTH, ...change })
      expect(r.status, JSON.stringify(change)).toBe(422)
      expect(host.lastHtml).toContain(`<p class="msg error" role="alert">${message}</p>`)
      // What was typed comes back, except the secrets.
      expect(host.lastHtml).not.toContain(SOUTH.channelSecret)
      expect(host.lastHtml).not.toContain(SOUTH.accessToken)
    }
    expect(await snapshot(t)).toEqual(before)
  })

  test('bad replacements of LINE credentials change nothing', async () => {
    const orgs = await twoOrgs(kind)
    t = orgs.t
    const host = await hostClient(t)
    const before = await snapshot(t)
    const good = {
      channelSecret: 'ffffeeeeddddccccbbbbaaaa99998888',
      accessToken: 'rotated-token-0123456789',
    }
    const empty = await host.post('/admin/orgs/north/channel', { ...good, channelSecret: '' })
    expect(empty.status).toBe(422)
    expect(host.lastHtml).toContain(th('empty_secret'))
    await host.get('/admin/orgs')
    const noToken = await host.post('/admin/orgs/north/channel', { ...good, accessToken: '' })
    expect(noToken.status).toBe(422)
    expect(host.lastHtml).toContain(th('empty_token'))
    await host.get('/admin/orgs?lang=en')
    const env = await host.post('/admin/orgs/default/channel', good)
    expect(env.status).toBe(422)
    expect(host.lastHtml).toContain(en('default_channel').replace("'", '&#39;'))
    expect((await host.post('/admin/orgs/nowhere/channel', good)).status).toBe(404)
    expect(await snapshot(t)).toEqual(before)
    const row = await findOrg(t.deps.db, 'north')
    expect((row ? await openOrgChannel(t.deps.keyring, row) : null)?.channelSecret).toBe(NORTH_SECRET)
    expect((await findOrg(t.deps.db, 'default'))?.channel_secret).toBeNull()
  })
})
