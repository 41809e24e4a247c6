import { afterEach, describe, expect, test } from 'vitest'
import { fromUtf8 } from '../../src/core/bytes.js'
import { findOrg } from '../../src/orgs/repository.js'
import { openOrgChannel } from '../../src/orgs/service.js'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { auditActions, Client, NORTH_SECRET, twoOrgs } from './helpers.js'
import { hostClient, SOUTH } from './orgs.fixture.js'

describe.each(DB_KINDS)('organizations in the console (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('the host owner lists organizations with their webhook URLs and adds one with a first owner', async () => {
    const orgs = await twoOrgs(kind)
    t = orgs.t
    const host = await hostClient(t)
    expect(host.lastHtml).toContain('<a href="/admin/orgs">หน่วยงานในระบบ</a>')
    expect(host.lastHtml).toContain('<code class="webhook">http://localhost/webhook</code>')
    expect(host.lastHtml).toContain('<code class="webhook">http://localhost/webhook/north</code>')
    expect(host.lastHtml).toContain('สำนักงานภาคเหนือ')

    const r = await host.post('/admin/orgs', { ...SOUTH, ownerEmail: 'Owner@South.go.th' })
    expect(r.status).toBe(200)
    expect(host.lastHtml).toContain('เพิ่มหน่วยงานแล้ว')
    expect(host.lastHtml).toContain('http://localhost/webhook/south')
    const password = host.lastHtml.match(/owner@south\.go\.th — .*?<code>([^<]+)<\/code>/)?.[1] ?? ''
    expect(password.length).toBeGreaterThanOrEqual(12)

    const row = await findOrg(t.deps.db, 'south')
    expect(row).toMatchObject({ name_th: 'สำนักงานภาคใต้', name_en: 'Southern Office' })
    expect(fromUtf8(row?.channel_secret ?? new Uint8Array())).not.toContain(SOUTH.channelSecret)
    expect(row && (await openOrgChannel(t.deps.keyring, row))).toEqual({
      channelSecret: SOUTH.channelSecret,
      accessToken: SOUTH.accessToken,
    })
    expect(await auditActions(t, 'default')).toContain('org.created')
    expect(await auditActions(t, 'south')).toEqual(['org.created', 'account.created'])

    // The first owner signs in with the one-time password and must change it.
    const owner = new Client(t, '192.0.2.91')
    const login = await owner.login('owner@south.go.th', password)
    expect(login.headers.get('location')).toBe('/admin/password')
  })

  test('replacing an organization’s LINE credentials seals the new ones; the outcome shows after the redirect', async () => {
    const orgs = await twoOrgs(kind)
    t = orgs.t
    const host = await hostClient(t)
    const r = await host.post('/admin/orgs/north/channel', {
      channelSecret: 'ffffeeeeddddccccbbbbaaaa99998888',
      accessToken: 'rotated-token-0123456789',
    })
    expect(r.status).toBe(303)
    await host.get('/admin/orgs')
    expect(host.lastHtml).toContain('เปลี่ยนข้อมูลช่อง LINE แล้ว มีผลภายใน 1 นาที')
    const row = await findOrg(t.deps.db, 'north')
    const opened = row ? await openOrgChannel(t.deps.keyring, row) : null
    expect(opened).toEqual({
      channelSecret: 'ffffeeeeddddccccbbbbaaaa99998888',
      accessToken: 'rotated-token-0123456789',
    })
    expect(opened?.channelSecret).not.toBe(NORTH_SECRET)
    expect(await auditActions(t, 'default')).toContain('org.channel_rotated')
    expect(await auditActions(t, 'north')).toContain('org.channel_rotated')
  })

  test('the English switch names organizations in English', async () => {
    const orgs = await twoOrgs(kind)
    t = orgs.t
    const host = await hostClient(t)
    await host.get('/admin/orgs?lang=en')
    expect(host.lastHtml).toContain('Northern Office')
    expect(host.lastHtml).toContain('Add organization')
  })
})
