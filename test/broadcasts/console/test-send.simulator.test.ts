import { afterEach, describe, expect, test } from 'vitest'
import type { Simulator } from '../../../src/simulator/simulator.js'
import { auditActions, Client, PASSWORD_A, seedGroup } from '../../admin/helpers.js'
import { deliveryRows, draft } from '../../admin/line-link.fixture.js'
import { localModeApp } from '../../admin/local-mode.fixture.js'
import type { TestApp } from '../../helpers/app.js'
import { DB_KINDS, type DbKind } from '../../helpers/db.js'

/** Local mode with a broadcaster signed in and one group labelled กองคลัง. */
async function localApp(kind: DbKind): Promise<{ t: TestApp; sim: Simulator; admin: Client }> {
  const { t, sim } = await localModeApp(kind)
  await seedGroup(t, 'default', `C${'7'.repeat(32)}`, 'ฝ่ายการเงิน', 12)
  await t.deps.db
    .insertInto('group_labels')
    .values({ org_id: 'default', chat_id: `C${'7'.repeat(32)}`, label: 'กองคลัง' })
    .execute()
  const admin = new Client(t)
  await admin.login('sender@agency.go.th', PASSWORD_A)
  return { t, sim, admin }
}

describe.each(DB_KINDS)('a test send in local mode goes to a simulated 1:1 chat (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('pick a persona: the message lands in its chat on /dev/chat, and it is no delivery', async () => {
    const made = await localApp(kind)
    t = made.t
    const id = await draft(made.admin)
    await made.admin.get(`/admin/broadcasts/${id}`)
    expect(made.admin.lastHtml).toContain('id="test-simulator"')
    expect(made.admin.lastHtml).toContain('<option value="สมหญิง รักงาน">')
    const res = await made.admin.post(`/admin/broadcasts/${id}/test`, {
      to: 'persona',
      persona: 'สมหญิง รักงาน',
    })
    expect(res.status).toBe(303)
    await t.settle()
    await made.admin.get(`/admin/broadcasts/${id}`)
    expect(made.admin.lastHtml).toContain('ส่งทดสอบแล้ว ดูได้ที่หน้าจำลองแชต /dev/chat')

    const chat = made.sim.chats().find((c) => c.name === 'สมหญิง รักงาน')
    expect(chat?.kind).toBe('user')
    // Read back through the chat page's own API: the push is in the persona's transcript.
    const api = await t.app.request(`/dev/chat/api/transcript?chat=${chat?.id}`)
    const { entries } = (await api.json()) as {
      entries: { kind: string; via?: string; messages?: unknown }[]
    }
    const pushed = entries.filter((e) => e.kind === 'bot' && e.via === 'push')
    expect(pushed).toHaveLength(1)
    expect(JSON.stringify(pushed[0]?.messages)).toContain('นโยบายไม่รับของขวัญ')
    expect(await deliveryRows(t)).toEqual({ runs: 0, deliveries: 0, events: 0 })
    expect(await auditActions(t, 'default')).toContain('broadcast.test_sent')
    const detail = await t.deps.db
      .selectFrom('admin_audit_log')
      .select('detail')
      .where('action', '=', 'broadcast.test_sent')
      .executeTakeFirstOrThrow()
    expect(detail.detail).toBe('simulator: สมหญิง รักงาน')
  })

  test('a name that is not one of the personas is refused and nothing is sent', async () => {
    const made = await localApp(kind)
    t = made.t
    const id = await draft(made.admin)
    await made.admin.get(`/admin/broadcasts/${id}`)
    const before = made.sim.calls.length
    const res = await made.admin.post(`/admin/broadcasts/${id}/test`, { to: 'persona', persona: 'ผู้บุกรุก' })
    expect(res.status).toBe(422)
    expect(made.admin.lastHtml).toContain('ไม่พบผู้ใช้จำลองนี้')
    expect(made.sim.calls.slice(before).filter((c) => c.op === 'push')).toEqual([])
    expect(made.sim.chats().some((c) => c.name === 'ผู้บุกรุก')).toBe(false)
  })
})
