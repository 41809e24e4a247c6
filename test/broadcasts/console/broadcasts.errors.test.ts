import { afterEach, describe, expect, test } from 'vitest'
import { BroadcastPage } from '../../../src/broadcasts/console/pages.js'
import { estimateFromCosts } from '../../../src/broadcasts/quota.js'
import type { BroadcastRow } from '../../../src/broadcasts/tables.js'
import { consoleWords } from '../../../src/console/i18n.js'
import { auditActions, Client, PASSWORD_B, twoOrgs } from '../../admin/helpers.js'
import type { TestApp } from '../../helpers/app.js'
import { DB_KINDS } from '../../helpers/db.js'
import { broadcastApp, countBroadcasts, noGift } from './broadcasts.fixture.js'

const bubble = (n: number) => ({
  type: 'bubble',
  body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'x'.repeat(n) }] },
})

describe.each(DB_KINDS)('admin broadcasts, bad input (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('each bad compose shows its error and saves nothing', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const b = made.sender
    await b.get('/admin/broadcasts/new')
    const cases: [Record<string, string>, string][] = [
      [{ ...noGift, mode: 'cron', cron: '0 9 * *' }, 'รูปแบบการทำซ้ำ (cron) ไม่ถูกต้อง'],
      [{ ...noGift, mode: 'cron', cron: '99 9 * * *' }, 'รูปแบบการทำซ้ำ (cron) ไม่ถูกต้อง'],
      [{ ...noGift, mode: 'at', date: '2026-11-21', time: '09:00' }, 'วันและเวลาที่จะส่งผ่านไปแล้ว'],
      [{ ...noGift, audienceKind: 'labels', labels: '' }, 'กลุ่มผู้รับว่าง'],
      [{ ...noGift, audienceKind: 'labels', labels: 'ไม่มีกลุ่มนี้' }, 'กลุ่มผู้รับว่าง'],
      [{ ...noGift, audienceKind: 'all' }, 'กลุ่มผู้รับว่าง'],
      [{ ...noGift, content: 'flex', flex: '{"type": "bubble",' }, 'Flex JSON ไม่ถูกต้อง'],
      [{ ...noGift, content: 'flex', flex: JSON.stringify(bubble(40_000)) }, 'ข้อความเกินขีดจำกัดของ LINE'],
      [{ ...noGift, mode: 'monthly', day: '31' }, 'การทำซ้ำไม่ถูกต้อง'],
      [{ ...noGift, title: '  ' }, 'กรุณาตั้งชื่อข้อความประกาศ'],
    ]
    for (const [fields, error] of cases) {
      const r = await b.post('/admin/broadcasts', fields)
      expect(r.status, JSON.stringify(fields).slice(0, 80)).toBe(422)
      expect(b.lastHtml).toContain(error)
      // The form comes back filled in: nothing the admin typed is lost.
      expect(b.lastHtml).toContain(`value="${fields.title}"`)
    }
    expect(await countBroadcasts(t)).toBe(0)
    const audiences = await t.deps.db.selectFrom('audiences').select('id').execute()
    expect(audiences).toEqual([]) // the labels audience of a refused draft rolled back
    expect(await auditActions(t, 'default')).not.toContain('broadcast.created')
  })

  test("LINE's own quota figures block scheduling what would not fit, and nothing changes", async () => {
    const made = await broadcastApp(kind)
    t = made.t
    // The labelled group has 12 members: 12 messages against 5 left this month.
    made.line.quota = { type: 'limited', limit: 500, used: 495 }
    await made.sender.get('/admin/broadcasts/new')
    const r = await made.sender.post('/admin/broadcasts', {
      ...noGift,
      mode: 'at',
      date: '2026-11-23',
      time: '09:00',
    })
    expect(r.status).toBeLessThan(400)
    const row = await t.deps.db.selectFrom('broadcasts').select(['id', 'status']).executeTakeFirstOrThrow()
    expect(row.status).toBe('draft')
    await made.sender.get(`/admin/broadcasts/${row.id}`)
    const refused = await made.sender.post(`/admin/broadcasts/${row.id}/schedule`, {})
    expect(refused.status).toBe(422)
    expect(made.sender.lastHtml).toContain(consoleWords('th')('quotaBlock'))
    const after = await t.deps.db.selectFrom('broadcasts').select('status').executeTakeFirstOrThrow()
    expect(after.status).toBe('draft')
  })

  test('a CSRF-less post is refused and changes nothing', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const r = await made.sender.post('/admin/broadcasts', { ...noGift, mode: 'now' }, { csrf: null })
    expect(r.status).toBe(403)
    expect(made.sender.lastHtml).toContain('CSRF')
    expect(await countBroadcasts(t)).toBe(0)
  })

  test('the auditor cannot compose, schedule or cancel', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    await made.sender.get('/admin/broadcasts/new')
    const created = await made.sender.post('/admin/broadcasts', { ...noGift, mode: 'now' })
    const id = (created.headers.get('location') ?? '').split('/').at(-1) ?? ''
    const a = new Client(t, '192.0.2.60')
    await a.login('auditor@agency.go.th', 'correct horse battery A')
    expect((await a.get('/admin/broadcasts/new')).status).toBe(403)
    await a.get('/admin/broadcasts')
    expect((await a.post('/admin/broadcasts', { ...noGift, mode: 'now' })).status).toBe(403)
    expect((await a.post(`/admin/broadcasts/${id}/schedule`, {})).status).toBe(403)
    expect(await countBroadcasts(t)).toBe(1)
    const row = await t.deps.db.selectFrom('broadcasts').select('status').executeTakeFirstOrThrow()
    expect(row.status).toBe('draft')
  })

  test("another organization's broadcast is a 404 for every route", async () => {
    const two = await twoOrgs(kind)
    t = two.t
    await t.deps.db
      .insertInto('group_labels')
      .values({ org_id: 'default', chat_id: two.groupA, label: 'กองคลัง' })
      .execute()
    const a = new Client(t)
    await a.login('owner-a@agency.go.th', 'correct horse battery A')
    await a.get('/admin/broadcasts/new')
    const created = await a.post('/admin/broadcasts', { ...noGift, mode: 'now' })
    expect(created.status).toBe(303)
    const id = (created.headers.get('location') ?? '').split('/').at(-1) ?? ''
    const north = new Client(t, '192.0.2.77')
    await north.login('owner-b@north.go.th', PASSWORD_B)
    await north.get('/admin/broadcasts')
    expect(north.lastHtml).not.toContain('เตือน No Gift')
    expect((await north.get(`/admin/broadcasts/${id}`)).status).toBe(404)
    expect((await north.get(`/admin/broadcasts/${id}/edit`)).status).toBe(404)
    expect((await north.post(`/admin/broadcasts/${id}/schedule`, {})).status).toBe(404)
    expect((await north.post(`/admin/broadcasts/${id}/cancel`, {})).status).toBe(404)
    expect((await north.post(`/admin/broadcasts/${id}`, { ...noGift, title: 'ยึด' })).status).toBe(404)
    const row = await t.deps.db.selectFrom('broadcasts').select(['status', 'title']).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'draft', title: 'เตือน No Gift' })
  })
})

test('a quota block disables scheduling, with the Thai reason', () => {
  const t = consoleWords('th')
  const quota = estimateFromCosts([250, 100], { type: 'limited', limit: 300, used: 0 })
  const b = {
    id: 'b1',
    title: 'x',
    status: 'draft',
    messages: [],
    audience: 'a',
    recurrence: null,
    run_at: new Date(),
    next_run_at: null,
  } as unknown as BroadcastRow
  const v = {
    t,
    lang: 'th' as const,
    nonce: 'n',
    csrf: 'c',
    admin: null,
    orgName: '',
    path: '/',
    date: (d: Date) => d.toISOString(),
  }
  const html = String(
    BroadcastPage({
      v,
      b,
      audienceName: 'a',
      preview: '',
      previewCss: '',
      quota,
      quotaKnown: true,
      runs: [],
      canCompose: true,
    }),
  )
  expect(quota.level).toBe('block')
  expect(html).toContain('โควตาไม่พอ ตั้งเวลาส่งไม่ได้')
  expect(html).toMatch(/<button type="submit" id="schedule" disabled/)
})
