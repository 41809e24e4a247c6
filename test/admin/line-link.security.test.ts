import { afterEach, describe, expect, test } from 'vitest'
import { issueLinkCode, redeemLinkCode } from '../../src/admin/line-link.js'
import type { Session } from '../../src/console/session.js'
import { broadcastApp } from '../broadcasts/console/broadcasts.fixture.js'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { USER_A } from '../helpers/line-events.js'
import { auditActions, Client, PASSWORD_B, seedAccount, twoOrgs } from './helpers.js'
import { draft, issueCode, links, sendText } from './line-link.fixture.js'

describe.each(DB_KINDS)('linking LINE and test sends, security (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('logs and the audit log carry neither the LINE id nor the code; the code is stored as an HMAC', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const code = await issueCode(made.sender)
    const stored = await t.deps.db.selectFrom('admin_line_link_codes').selectAll().execute()
    expect(stored).toHaveLength(1)
    expect(stored[0]?.code_hash).toMatch(/^[0-9a-f]{32}$/)
    expect(stored[0]?.code_hash).not.toContain(code)
    await sendText(t, `ผูกบัญชี ${code}`)
    const id = await draft(made.sender)
    await made.sender.get(`/admin/broadcasts/${id}`)
    await made.sender.post(`/admin/broadcasts/${id}/test`, { to: 'me' })
    expect(await links(t)).toHaveLength(1)
    const logs = t.logs.join('\n')
    expect(logs).not.toContain(USER_A)
    expect(logs).not.toContain(code)
    const audit = JSON.stringify(await t.deps.db.selectFrom('admin_audit_log').selectAll().execute())
    expect(audit).not.toContain(USER_A)
    expect(audit).not.toContain(code)
    // The code is gone once used: nothing left to replay.
    expect(await t.deps.db.selectFrom('admin_line_link_codes').selectAll().execute()).toEqual([])
  })

  test('CSRF-less posts to issue a code, unlink or send a test are refused and change nothing', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const id = await draft(made.sender)
    await made.sender.get('/admin/line-link')
    for (const path of ['/admin/line-link/code', '/admin/line-link/unlink', `/admin/broadcasts/${id}/test`]) {
      const r = await made.sender.post(path, { to: 'me' }, { csrf: null })
      expect(r.status).toBe(403)
    }
    expect(await t.deps.db.selectFrom('admin_line_link_codes').selectAll().execute()).toEqual([])
    expect(made.line.calls.filter((c) => c.op === 'push')).toEqual([])
    expect(await auditActions(t, 'default')).not.toContain('line_link.code_issued')
  })

  test("one organization's code does not link in another, and its broadcasts cannot be tested there", async () => {
    const orgs = await twoOrgs(kind)
    t = orgs.t
    const session: Session = {
      admin: {
        id: orgs.ownerA,
        orgId: 'default',
        email: 'owner-a@agency.go.th',
        role: 'owner',
        mustChangePassword: false,
      },
      tokenHash: 'x',
      csrfToken: 'x',
    }
    const { code } = await issueLinkCode(t.deps.db, t.deps.keyring, t.clock.now(), session)
    const north = await redeemLinkCode(t.deps.db, t.deps.keyring, t.clock.now(), {
      orgId: 'north',
      lineUserId: USER_A,
      code,
    })
    expect(north).toEqual({ ok: false, reason: 'invalid' })
    expect(await links(t)).toEqual([])

    await seedAccount(t, 'default', 'sender@agency.go.th', 'broadcaster', PASSWORD_B)
    const sender = new Client(t)
    await sender.login('sender@agency.go.th', PASSWORD_B)
    await t.deps.db
      .insertInto('group_labels')
      .values({ org_id: 'default', chat_id: orgs.groupA, label: 'กองคลัง' })
      .execute()
    const id = await draft(sender)
    const b = new Client(t, '192.0.2.77')
    await b.login('owner-b@north.go.th', PASSWORD_B)
    await b.get('/admin/line-link')
    expect((await b.post(`/admin/broadcasts/${id}/test`, { to: 'me' })).status).toBe(404)
  })
})
