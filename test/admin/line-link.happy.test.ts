import { afterEach, describe, expect, test } from 'vitest'
import { fromUtf8 } from '../../src/core/bytes.js'
import { broadcastApp } from '../broadcasts/console/broadcasts.fixture.js'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { fromUser, USER_A } from '../helpers/line-events.js'
import { auditActions } from './helpers.js'
import { deliveryRows, draft, issueCode, links, outcomes, sendText } from './line-link.fixture.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe.each(DB_KINDS)('linking an admin LINE account, test sends (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('a code sent in 1:1 links the account; a test goes to it only; unlink', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const admin = made.sender
    await admin.get('/admin/line-link')
    expect(admin.lastHtml).toContain('ยังไม่ได้ผูกบัญชี LINE')
    const code = await issueCode(admin)
    expect(admin.lastHtml).toContain('ภายใน 10 นาที')
    expect(admin.lastHtml).toContain('22 พ.ย. 2569 10:10 น.') // issued at 10:00 Bangkok

    await sendText(t, `ผูกบัญชี ${code}`)
    expect(made.line.texts().at(-1)).toContain('ผูกบัญชี LINE นี้กับบัญชีผู้ดูแล sender@agency.go.th แล้ว')
    // Handled in 1:1: the reply says so, and the inbox keeps no row of it, outcome included.
    expect(await outcomes(t)).toEqual([])
    const [row] = await links(t)
    expect(row?.key_id).toBe(t.deps.keyring.keyId)
    // Contact class, sealed: the stored bytes are not the id, the keyring opens them to it.
    expect(fromUtf8(row?.line_user ?? new Uint8Array())).not.toContain(USER_A)
    expect(fromUtf8(await t.deps.keyring.open(row?.key_id ?? '', row?.line_user ?? new Uint8Array()))).toBe(
      USER_A,
    )
    await admin.get('/admin/line-link')
    expect(admin.lastHtml).toContain('ผูกบัญชี LINE แล้วเมื่อ 22 พ.ย. 2569 10:00 น.')

    const id = await draft(admin)
    await admin.get(`/admin/broadcasts/${id}`)
    expect(admin.lastHtml).toContain('id="test-me"')
    const sendId = admin.lastHtml.match(/name="sendId" value="([^"]+)"/)?.[1] ?? ''
    expect(sendId).toMatch(UUID)
    const before = made.line.calls.length
    const sent = await admin.post(`/admin/broadcasts/${id}/test`, { to: 'me', sendId })
    expect(sent.status).toBe(303)
    await admin.get(`/admin/broadcasts/${id}`)
    expect(admin.lastHtml).toContain('<p class="msg" role="status">ส่งทดสอบแล้ว</p>')
    // The same form posted twice carries the same retry key: LINE sends it once.
    await admin.post(`/admin/broadcasts/${id}/test`, { to: 'me', sendId })
    const pushes = made.line.calls.slice(before).filter((c) => c.op === 'push')
    expect(pushes).toHaveLength(2)
    expect(pushes.map((p) => (p.op === 'push' ? p.to : ''))).toEqual([USER_A, USER_A])
    const keys = pushes.map((p) => (p.op === 'push' ? p.opts.retryKey : ''))
    expect(keys[0]).toMatch(UUID)
    expect(keys[1]).toBe(keys[0])
    expect(JSON.stringify(pushes[0])).toContain('นโยบายไม่รับของขวัญ')

    // Not a delivery: no run, no delivery row, no engagement event, still a draft.
    expect(await deliveryRows(t)).toEqual({ runs: 0, deliveries: 0, events: 0 })
    const b = await t.deps.db.selectFrom('broadcasts').select('status').executeTakeFirstOrThrow()
    expect(b.status).toBe('draft')

    const unlinked = await admin.post('/admin/line-link/unlink', {})
    expect(unlinked.status).toBe(303)
    await admin.get('/admin/line-link')
    expect(admin.lastHtml).toContain('ยกเลิกการผูกบัญชี LINE แล้ว')
    expect(admin.lastHtml).toContain('ยังไม่ได้ผูกบัญชี LINE')
    expect(await links(t)).toEqual([])
    expect(await auditActions(t, 'default')).toEqual(
      expect.arrayContaining([
        'line_link.code_issued',
        'line_link.linked',
        'broadcast.test_sent',
        'line_link.unlinked',
      ]),
    )
  })

  test('"link" in English and Thai digits work; a new code replaces the earlier one', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const first = await issueCode(made.sender)
    const second = await issueCode(made.sender)
    await sendText(t, `link ${first}`)
    expect(made.line.texts().at(-1)).toContain('รหัสไม่ถูกต้องหรือหมดอายุแล้ว')
    const thai = [...second].map((d) => String.fromCodePoint(0x0e50 + Number(d))).join('')
    await sendText(t, `ผูกบัญชี${thai}`, fromUser())
    expect(made.line.texts().at(-1)).toContain('ผูกบัญชี LINE นี้กับบัญชีผู้ดูแล')
    expect(await links(t)).toHaveLength(1)
  })
})
