import { afterEach, describe, expect, test } from 'vitest'
import { DEFAULT_SEND_OPTIONS, tick } from '../../../src/broadcasts/tick.js'
import type { SendResult } from '../../../src/line/port.js'
import type { Client } from '../../admin/helpers.js'
import type { TestApp } from '../../helpers/app.js'
import { DB_KINDS } from '../../helpers/db.js'
import { broadcastApp, noGift } from './broadcasts.fixture.js'

const idFrom = (location: string | null) => (location ?? '').split('/').at(-1) ?? ''

/** The scheduler's tick through the app's own ports, so LINE's answers reach deps.lineStatus. */
const sendTick = (t: TestApp) =>
  tick(
    {
      db: t.deps.db,
      lineFor: t.deps.lines,
      keyring: t.deps.keyring,
      clock: t.clock,
      sleep: async () => {},
      options: { ...DEFAULT_SEND_OPTIONS, maxPerSecond: null },
    },
    t.clock.now(),
  )

/** A broadcast sent now to the one labelled group, LINE answering `answer`; the run page's path. */
async function sendOnce(t: TestApp, b: Client, answer: SendResult, line: { script: SendResult[] }) {
  await b.get('/admin/broadcasts/new')
  const created = await b.post('/admin/broadcasts', { ...noGift, mode: 'now' })
  const id = idFrom(created.headers.get('location'))
  await b.get(`/admin/broadcasts/${id}`)
  await b.post(`/admin/broadcasts/${id}/schedule`, {})
  line.script.push(answer)
  await sendTick(t)
  await b.get(`/admin/broadcasts/${id}`)
  const run = b.lastHtml.match(/href="(\/admin\/broadcasts\/[^"]+\/runs\/[^"]+)"/)?.[1] ?? ''
  return { id, run }
}

describe.each(DB_KINDS)('the delivery log in words (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('a delivery paused by a rate limit says so, in Thai and in English, with the banner', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const b = made.sender
    const rate: SendResult = {
      kind: 'rate_limited',
      status: 429,
      detail: 'The API rate limit has been exceeded. Try again later.',
    }
    const { run } = await sendOnce(t, b, rate, made.line)
    await b.get(run)
    const row = b.lastHtml.match(/<tr class="delivery">[\s\S]*?<\/tr>/)?.[0] ?? ''
    expect(row).toContain('class="status status-pending">รอส่ง')
    expect(row).toContain('หยุดชั่วคราว: LINE จำกัดอัตราการส่ง ระบบจะส่งต่อเอง')
    // LINE's answer cell: words where "Pending · 1 · —" used to be.
    const cells = [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1])
    expect(cells[3]).toBe('<span class="detail"> หยุดชั่วคราว: LINE จำกัดอัตราการส่ง ระบบจะส่งต่อเอง</span>')
    expect(b.lastHtml).toMatch(/id="line-status"[\s\S]*LINE จำกัดอัตราการส่งชั่วคราว \(ตั้งแต่ 22 พ\.ย\. 2569/)
    expect(b.lastHtml).toMatch(/id="run-state"[\s\S]*หยุดส่งชั่วคราวเพราะ LINE จำกัดอัตราการส่ง จะส่งต่อเวลา/)
    await b.get(`${run}?lang=en`)
    expect(b.lastHtml).toContain('Paused: LINE is limiting the sending rate; it resumes by itself.')
    expect(b.lastHtml).toContain('LINE is limiting the sending rate (since')
  })

  test('a monthly quota used up: the run, the delivery and the broadcast page say so', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const b = made.sender
    const quota: SendResult = {
      kind: 'quota_exhausted',
      status: 429,
      detail: 'You have reached your monthly limit.',
    }
    const { id, run } = await sendOnce(t, b, quota, made.line)
    expect(b.lastHtml).toMatch(/id="line-status"[\s\S]*โควตาข้อความของเดือนนี้หมดแล้ว \(ตั้งแต่/)
    await b.get(run)
    const row = b.lastHtml.match(/<tr class="delivery">[\s\S]*?<\/tr>/)?.[0] ?? ''
    expect(row).toContain('429')
    expect(row).toContain('ไม่ได้ส่ง: โควตาข้อความของเดือนนี้หมดแล้ว')
    // Once LINE accepts a push again, the banner is gone.
    await b.get(`/admin/broadcasts/${id}`)
    expect(b.lastHtml).toContain('id="line-status"')
    await (await t.deps.lines('default'))?.push('C1', [{ type: 'text', text: 'ok' }], { retryKey: 'k' })
    await b.get(`/admin/broadcasts/${id}`)
    expect(b.lastHtml).not.toContain('id="line-status"')
  })
})
