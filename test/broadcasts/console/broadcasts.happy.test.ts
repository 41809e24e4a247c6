import { afterEach, describe, expect, test } from 'vitest'
import { auditActions, Client, PASSWORD_A } from '../../admin/helpers.js'
import type { TestApp } from '../../helpers/app.js'
import { DB_KINDS } from '../../helpers/db.js'
import { broadcastApp, GROUP, noGift, runTick } from './broadcasts.fixture.js'

const idFrom = (location: string | null) => (location ?? '').split('/').at(-1) ?? ''

describe.each(DB_KINDS)('admin broadcasts, happy path (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('compose → preview → schedule → tick → delivery log shows sent', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const b = made.sender
    await b.get('/admin/broadcasts/new')
    expect(b.lastHtml).toContain('กองคลัง')
    // 10:01 Bangkok on the test day (03:00 UTC = 10:00): a minute ahead.
    const created = await b.post('/admin/broadcasts', {
      ...noGift,
      mode: 'at',
      date: '2026-11-22',
      time: '10:01',
    })
    expect(created.status).toBe(303)
    const id = idFrom(created.headers.get('location'))
    await b.get(`/admin/broadcasts/${id}`)
    expect(b.lastHtml).toContain('ร่าง')
    expect(b.lastHtml).toContain('class="lc-messages"') // the simulator's renderer
    expect(b.lastHtml).toContain('นโยบายไม่รับของขวัญ')
    expect(b.lastHtml).toMatch(/id="quota"/)
    expect(b.lastHtml).toContain(
      'ส่งถึง 1 กลุ่ม ใช้โควตาข้อความ 12 ข้อความจากโควตาเดือนนี้ (LINE นับ 1 ข้อความต่อสมาชิก 1 คนในกลุ่ม)',
    )
    // Not due yet: the page does not reload itself.
    expect(b.lastHtml).not.toContain('http-equiv="refresh"')
    // Post/redirect/get: the outcome is shown once after the redirect, and a reload repeats nothing.
    const s = await b.post(`/admin/broadcasts/${id}/schedule`, {})
    expect(s.status).toBe(303)
    expect(s.headers.get('location')).toBe(`/admin/broadcasts/${id}`)
    await b.get(`/admin/broadcasts/${id}`)
    expect(b.lastHtml).toContain('<p class="msg" role="status">ตั้งเวลาแล้ว</p>')
    expect(b.lastHtml).toContain('22 พ.ย. 2569 10:01 น.')
    await b.get(`/admin/broadcasts/${id}`)
    expect(b.lastHtml).not.toContain('role="status"')
    expect(b.lastHtml).toContain('class="status status-scheduled"')

    await runTick(t) // not yet due
    expect(made.line.calls.filter((c) => c.op === 'push')).toEqual([])
    t.clock.advance(60_000)
    await runTick(t)
    await runTick(t)
    expect(made.line.calls.filter((c) => c.op === 'push')).toHaveLength(1) // the Flex reminder

    await b.get('/admin/broadcasts')
    expect(b.lastHtml).toContain('ส่งแล้ว')
    await b.get(`/admin/broadcasts/${id}`)
    const run = b.lastHtml.match(/href="(\/admin\/broadcasts\/[^"]+\/runs\/[^"]+)"/)?.[1] ?? ''
    await b.get(run)
    expect(b.lastHtml).toContain('ฝ่ายการเงิน')
    expect(b.lastHtml).toContain('(กองคลัง)')
    expect(b.lastHtml).toMatch(/class="status status-sent">ส่งแล้ว/)
    expect(b.lastHtml).not.toContain(GROUP) // never the raw LINE id
    // A finished run's log stays still; an open one reloads itself as the broadcast's page does.
    expect(b.lastHtml).not.toContain('http-equiv="refresh"')
    const runId = run.split('/').pop() ?? ''
    await t.testDb.db
      .updateTable('broadcast_runs')
      .set({ status: 'sending' })
      .where('id', '=', runId)
      .execute()
    await b.get(run)
    expect(b.lastHtml).toContain('<meta http-equiv="refresh" content="3"/>')
    expect(await auditActions(t, 'default')).toEqual(
      expect.arrayContaining(['broadcast.created', 'broadcast.scheduled']),
    )
  })

  test('recurring preset, cancel back to draft; English switch; auditor reads but cannot act', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const b = made.sender
    await b.get('/admin/broadcasts/new')
    const created = await b.post('/admin/broadcasts', {
      title: 'สรุปงบ',
      content: 'text',
      text: 'สรุปงบประมาณประจำเดือน',
      measure: 'budget',
      audienceKind: 'labels',
      labels: 'กองคลัง',
      mode: 'monthly',
      day: '1',
      time: '09:00',
    })
    const id = idFrom(created.headers.get('location'))
    await b.get(`/admin/broadcasts/${id}`)
    expect(b.lastHtml).toContain('<code>0 9 1 * *</code>')
    await b.post(`/admin/broadcasts/${id}/schedule`, {})
    await b.get(`/admin/broadcasts/${id}`)
    expect(b.lastHtml).toContain('1 ธ.ค. 2569 09:00 น.')
    const cancelled = await b.post(`/admin/broadcasts/${id}/cancel`, {})
    expect(cancelled.status).toBe(303)
    await b.get(`/admin/broadcasts/${id}`)
    expect(b.lastHtml).toContain('ยกเลิกกลับเป็นร่างแล้ว')
    expect(b.lastHtml).toContain('class="status status-draft"')
    await b.get(`/admin/broadcasts/${id}?lang=en`)
    expect(b.lastHtml).toContain('Draft')

    const auditor = new Client(t, '192.0.2.50')
    await auditor.login('auditor@agency.go.th', PASSWORD_A)
    expect((await auditor.get('/admin/broadcasts')).status).toBe(200)
    expect(auditor.lastHtml).toContain('สรุปงบ')
    expect(auditor.lastHtml).not.toContain('id="new-broadcast"')
    expect((await auditor.get(`/admin/broadcasts/${id}`)).status).toBe(200)
    expect(auditor.lastHtml).not.toContain('id="schedule"')
  })

  test('retry of failed recipients: 303 to the delivery log, which says so once', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const b = made.sender
    await b.get('/admin/broadcasts/new')
    const created = await b.post('/admin/broadcasts', { ...noGift, mode: 'now' })
    const id = idFrom(created.headers.get('location'))
    await b.get(`/admin/broadcasts/${id}`)
    made.line.script.push({ kind: 'rejected', status: 400, detail: 'bad request' })
    // "Now" in the form: scheduling it starts sending at once, in the background.
    await b.post(`/admin/broadcasts/${id}/schedule`, {})
    await t.settle()
    await b.get(`/admin/broadcasts/${id}`)
    const run = b.lastHtml.match(/href="(\/admin\/broadcasts\/[^"]+\/runs\/[^"]+)"/)?.[1] ?? ''
    await b.get(run)
    expect(b.lastHtml).toContain('id="retry"')
    const r = await b.post(`${run}/retry`, {})
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe(run)
    await b.get(run)
    expect(b.lastHtml).toContain('ตั้งให้ส่งซ้ำแล้ว')
    await b.get(run)
    expect(b.lastHtml).not.toContain('ตั้งให้ส่งซ้ำแล้ว')
    await runTick(t)
    expect(made.line.calls.filter((c) => c.op === 'push')).toHaveLength(2)
    expect(await auditActions(t, 'default')).toContain('broadcast.retried')
  })

  test('"send now" sends at once and says so; a due broadcast page follows it until it is done', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const b = made.sender
    await b.get('/admin/broadcasts/new')
    const later = await b.post('/admin/broadcasts', {
      ...noGift,
      mode: 'at',
      date: '2026-11-22',
      time: '15:00',
    })
    const id = idFrom(later.headers.get('location'))
    await b.get(`/admin/broadcasts/${id}`)
    expect(b.lastHtml).not.toContain('id="progress"')
    expect((await b.post(`/admin/broadcasts/${id}/send-now`, {})).status).toBe(303)
    await t.settle()
    // Sent with no tick of the scheduler: the kick did it.
    expect(made.line.calls.filter((c) => c.op === 'push')).toHaveLength(1)
    await b.get(`/admin/broadcasts/${id}`)
    expect(b.lastHtml).toContain('<p class="msg" role="status">กำลังส่ง ระบบเริ่มส่งข้อความแล้ว')
    expect(b.lastHtml).not.toContain('http-equiv="refresh"')
    expect(b.lastHtml).toMatch(/id="progress"[^>]*data-running="no"/)
    expect(b.lastHtml).toContain('ผลการส่งรอบล่าสุด')
    expect(b.lastHtml).toContain('<progress max="1" value="1"></progress> ส่งแล้ว 1 จาก 1 ผู้รับ · ไม่สำเร็จ 0')
    await b.get(`/admin/broadcasts/${id}?lang=en`)
    expect(b.lastHtml).toContain('1 of 1 recipients sent · 0 failed')

    // Due and not yet taken up by the scheduler: the page says it is starting and reloads itself.
    await b.get('/admin/broadcasts/new?lang=th')
    const soon = await b.post('/admin/broadcasts', {
      ...noGift,
      mode: 'at',
      date: '2026-11-22',
      time: '10:01',
    })
    const due = idFrom(soon.headers.get('location'))
    await b.get(`/admin/broadcasts/${due}`)
    await b.post(`/admin/broadcasts/${due}/schedule`, {})
    t.clock.advance(60_000)
    await b.get(`/admin/broadcasts/${due}`)
    expect(b.lastHtml).toContain('<meta http-equiv="refresh" content="3"/>')
    expect(b.lastHtml).toMatch(/id="progress"[^>]*data-running="yes"/)
    expect(b.lastHtml).toContain('กำลังเริ่มส่ง ระบบกำลังเตรียมรายชื่อผู้รับ')
    await runTick(t)
    await b.get(`/admin/broadcasts/${due}`)
    expect(b.lastHtml).not.toContain('http-equiv="refresh"')
  })

  test('no broadcasts yet: the list says so', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    await made.sender.get('/admin/broadcasts')
    expect(made.sender.lastHtml).toContain('ยังไม่มีข้อความประกาศ')
  })
})
