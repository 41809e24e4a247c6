import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { signBody } from '../../src/webhook/signature.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, TEST_CHANNEL_SECRET, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import {
  envelope,
  fromGroup,
  fromUser,
  signedRequest,
  simpleEvent,
  textEvent,
} from '../helpers/line-events.js'

const SENTINEL_USER = `U${'5e7e'.repeat(8)}`
const SENTINEL_GROUP = `C${'9a9b'.repeat(8)}`
const SENTINEL_TEXT = 'ข้อความลับเฉพาะ-SENTINEL-7731'

describe.each(DB_KINDS)('webhook security (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const inboxRows = () => t.testDb.db.selectFrom('webhook_inbox').selectAll().execute()

  it('refuses a forged signature with 401, stores nothing and logs nothing of the body', async () => {
    const body = envelope([textEvent(SENTINEL_TEXT, fromUser(SENTINEL_USER))])
    const res = await t.app.request(
      new Request('http://localhost/webhook', {
        method: 'POST',
        headers: { 'x-line-signature': await signBody('f'.repeat(32), body) },
        body,
      }),
    )
    expect(res.status).toBe(401)
    expect(await inboxRows()).toHaveLength(0)
    expect(t.logs.join('\n')).not.toContain(SENTINEL_TEXT)
    expect(t.deps.metrics.rejectedSignatures).toBe(1)
  })

  it('refuses a missing signature with 401', async () => {
    const res = await t.app.request(
      new Request('http://localhost/webhook', { method: 'POST', body: envelope([textEvent('x')]) }),
    )
    expect(res.status).toBe(401)
    expect(await inboxRows()).toHaveLength(0)
  })

  it('refuses a body altered after signing', async () => {
    const body = envelope([textEvent('เมนู')])
    const sig = await signBody(TEST_CHANNEL_SECRET, body)
    const res = await t.app.request(
      new Request('http://localhost/webhook', {
        method: 'POST',
        headers: { 'X-Line-Signature': sig },
        body: body.replace('เมนู', 'menu'),
      }),
    )
    expect(res.status).toBe(401)
  })

  it('stores payloads encrypted while pending: the database alone reveals no text or id', async () => {
    t.deps.inbox.stop() // keep the event pending
    const ev = textEvent(SENTINEL_TEXT, fromGroup(SENTINEL_GROUP, SENTINEL_USER))
    await t.app.request(await signedRequest(envelope([ev])))
    const [row] = await inboxRows()
    expect(row?.status).toBe('pending')
    const dump = JSON.stringify(row) + new TextDecoder().decode(row?.payload ?? new Uint8Array())
    for (const secret of [SENTINEL_TEXT, SENTINEL_USER, SENTINEL_GROUP, ev.replyToken]) {
      expect(dump).not.toContain(secret)
    }
  })

  it('keeps no LINE id or message text in any log line', async () => {
    await t.app.request(
      await signedRequest(
        envelope([
          textEvent(SENTINEL_TEXT, fromUser(SENTINEL_USER), t.clock.now().getTime()),
          textEvent(SENTINEL_TEXT, fromGroup(SENTINEL_GROUP, SENTINEL_USER), t.clock.now().getTime()),
          simpleEvent('join', fromGroup(SENTINEL_GROUP), { replyToken: 'rt' }, t.clock.now().getTime()),
        ]),
      ),
    )
    await t.settle()
    expect(t.logs.length).toBeGreaterThan(0)
    const all = t.logs.join('\n')
    for (const secret of [SENTINEL_TEXT, SENTINEL_USER, SENTINEL_GROUP]) expect(all).not.toContain(secret)
  })

  it('drops a message unsent before it was handled: never processed, payload gone', async () => {
    await t.deps.inbox.stop()
    const msg = textEvent(SENTINEL_TEXT, fromUser(SENTINEL_USER), t.clock.now().getTime())
    const unsend = simpleEvent(
      'unsend',
      fromUser(SENTINEL_USER),
      { unsend: { messageId: msg.message.id } },
      t.clock.now().getTime() + 10,
    )
    await t.app.request(await signedRequest(envelope([msg])))
    await t.app.request(await signedRequest(envelope([unsend])))
    const rows = await inboxRows()
    const stored = rows.find((r) => r.event_id === msg.webhookEventId)
    expect(stored).toMatchObject({ status: 'dropped', payload: null, message_id: null })
    expect(line.calls).toHaveLength(0)
  })
})
