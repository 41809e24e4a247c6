import { afterEach, describe, expect, test } from 'vitest'
import { consoleWords } from '../../src/console/i18n.js'
import { broadcastApp } from '../broadcasts/console/broadcasts.fixture.js'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { fromGroup, fromUser, USER_A, USER_B } from '../helpers/line-events.js'
import { auditActions, Client, PASSWORD_A } from './helpers.js'
import { deliveryRows, draft, issueCode, links, outcomes, sendText } from './line-link.fixture.js'

const th = consoleWords('th')
/** As the page writes it: quotes escaped. */
const inPage = (text: string) => text.replaceAll('"', '&quot;')
const INVALID = 'รหัสไม่ถูกต้องหรือหมดอายุแล้ว'

/** Another six digits than `code`. */
const other = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0')

describe.each(DB_KINDS)('linking LINE and test sends, bad input (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('a wrong code, an expired code, a used code: a clear reply and nothing linked', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const code = await issueCode(made.sender)
    await sendText(t, `ผูกบัญชี ${other(code)}`)
    expect(made.line.texts().at(-1)).toContain(INVALID)
    expect(made.line.texts().at(-1)).not.toMatch(/The code|wrong|expired/) // Thai only
    expect(await links(t)).toEqual([])

    t.clock.advance(10 * 60_000) // valid for ten minutes: not a moment longer
    await sendText(t, `ผูกบัญชี ${code}`)
    expect(made.line.texts().at(-1)).toContain(INVALID)
    expect(await links(t)).toEqual([])

    const fresh = await issueCode(made.sender)
    await sendText(t, `link ${fresh}`, fromUser(USER_A))
    await sendText(t, `link ${fresh}`, fromUser(USER_B)) // works once only
    expect(made.line.texts().at(-1)).toContain(INVALID)
    const rows = await links(t)
    expect(rows).toHaveLength(1)
    // The replies above tell each case apart; 1:1 events leave no inbox row, outcome included.
    expect(await outcomes(t)).toEqual([])
  })

  test('a code sent in a group is refused and cancelled', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const code = await issueCode(made.sender)
    await sendText(t, `ผูกบัญชี ${code}`, fromGroup(undefined, USER_A))
    expect(made.line.texts().at(-1)).toContain('รหัสผูกบัญชีใช้ได้เฉพาะในแชต 1:1 กับบอต')
    await sendText(t, `ผูกบัญชี ${code}`)
    expect(made.line.texts().at(-1)).toContain(INVALID)
    expect(await links(t)).toEqual([])
    // The group's event keeps its outcome; the 1:1 one leaves no row.
    expect(await outcomes(t)).toEqual(['line-link:group'])
  })

  test('five wrong codes lock the sender out for ten minutes, even with the right code', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const code = await issueCode(made.sender)
    for (let i = 0; i < 5; i++) await sendText(t, `link ${other(String(Number(code) + i))}`)
    await sendText(t, `link ${code}`)
    expect(made.line.texts().at(-1)).toContain('ใส่รหัสผิดหลายครั้งเกินไป')
    expect(await links(t)).toEqual([])
    expect(await outcomes(t)).toEqual([]) // 1:1: no inbox row, outcome included
  })

  test('a disabled account cannot be linked with the code it was shown', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const code = await issueCode(made.sender)
    await t.deps.db
      .updateTable('admin_accounts')
      .set({ disabled_at: t.clock.now() })
      .where('email', '=', 'sender@agency.go.th')
      .execute()
    await sendText(t, `link ${code}`)
    expect(made.line.texts().at(-1)).toContain(INVALID)
    expect(await links(t)).toEqual([])
  })

  test('a test to "me" without a linked account, or to a persona without a simulator: 422, nothing sent', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const admin = made.sender
    const id = await draft(admin)
    await admin.get(`/admin/broadcasts/${id}`)
    expect(admin.lastHtml).toContain(inPage(th('notLinked')))
    expect(admin.lastHtml).not.toContain('id="test-simulator"') // no simulator in this app
    const before = made.line.calls.length
    const me = await admin.post(`/admin/broadcasts/${id}/test`, { to: 'me' })
    expect(me.status).toBe(422)
    expect(admin.lastHtml).toContain(`<p class="msg error" role="alert">${inPage(th('notLinked'))}</p>`)
    const persona = await admin.post(`/admin/broadcasts/${id}/test`, { to: 'persona', persona: 'สมชาย ใจดี' })
    expect(persona.status).toBe(422)
    expect(admin.lastHtml).toContain(th('unknownPersona'))
    expect(made.line.calls.slice(before).filter((c) => c.op === 'push')).toEqual([])
    expect(await auditActions(t, 'default')).not.toContain('broadcast.test_sent')
  })

  test('LINE refusing the test push: its answer is shown and audited, and it is no delivery', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    await sendText(t, `link ${await issueCode(made.sender)}`)
    const admin = made.sender
    const id = await draft(admin)
    await admin.get(`/admin/broadcasts/${id}`)
    made.line.script.push({ kind: 'rejected', status: 400, detail: 'Failed to send messages' })
    const r = await admin.post(`/admin/broadcasts/${id}/test`, { to: 'me' })
    expect(r.status).toBe(422)
    expect(admin.lastHtml).toContain('ส่งทดสอบไม่สำเร็จ (rejected 400: Failed to send messages)')
    expect(await deliveryRows(t)).toEqual({ runs: 0, deliveries: 0, events: 0 })
    const entry = await t.deps.db
      .selectFrom('admin_audit_log')
      .select('detail')
      .where('action', '=', 'broadcast.test_sent')
      .executeTakeFirstOrThrow()
    expect(entry.detail).toBe('linked LINE account; rejected')
  })

  test('an auditor cannot send tests; any admin may link their own account', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const id = await draft(made.sender)
    const auditor = new Client(t, '192.0.2.60')
    await auditor.login('auditor@agency.go.th', PASSWORD_A)
    await auditor.get(`/admin/broadcasts/${id}`)
    expect(auditor.lastHtml).not.toContain('id="test-send"')
    expect((await auditor.post(`/admin/broadcasts/${id}/test`, { to: 'me' })).status).toBe(403)
    await sendText(t, `link ${await issueCode(auditor)}`, fromUser(USER_B))
    expect(made.line.texts().at(-1)).toContain('auditor@agency.go.th')
  })
})
