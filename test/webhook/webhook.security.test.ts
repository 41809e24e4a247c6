import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { signBody } from '../../src/webhook/signature.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, TEST_CHANNEL_SECRET, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import {
  envelope,
  fromGroup,
  fromUser,
  postbackEvent,
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

  it('leaves no row of a handled 1:1 text message or postback (no event id, outcome or chat key); a group event keeps only id, type and outcome', async () => {
    const ts = t.clock.now().getTime()
    const text = textEvent('เมนู', fromUser(SENTINEL_USER), ts)
    const press = postbackEvent('action=menu', fromUser(SENTINEL_USER), ts + 1)
    const join = simpleEvent('join', fromGroup(SENTINEL_GROUP), { replyToken: 'rt-join' }, ts)
    await t.app.request(await signedRequest(envelope([text, press, join])))
    await t.settle()
    // All three were handled: both 1:1 events were answered, and so was the join.
    expect(line.calls.map((c) => (c.op === 'reply' ? c.replyToken : c.op)).sort()).toEqual(
      [text.replyToken, press.replyToken, 'rt-join'].sort(),
    )
    const rows = await inboxRows()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      event_id: join.webhookEventId,
      event_type: 'join',
      status: 'done',
      payload: null,
      key_id: null,
      chat_key: null,
      message_id: null,
      lease_until: null,
    })
    expect(rows[0]?.outcome).toContain('join')
    const dump = JSON.stringify(rows)
    const chatKey = await t.deps.keyring.pseudonym('chat', SENTINEL_USER)
    for (const trace of [text.webhookEventId, press.webhookEventId, 'intent:', 'postback:', chatKey]) {
      expect(dump).not.toContain(trace)
    }
  })

  it('keeps a failing 1:1 event in the inbox, sealed, through retries and parking until it is handled; then its row goes', async () => {
    let down = true
    const reply = line.reply.bind(line)
    const push = line.push.bind(line)
    line.reply = async (...args) => {
      if (down) throw new Error('LINE unavailable')
      return reply(...args)
    }
    // A late answer goes by push once the reply token has expired.
    line.push = async (...args) => {
      if (down) throw new Error('LINE unavailable')
      return push(...args)
    }
    const ev = textEvent(SENTINEL_TEXT, fromUser(SENTINEL_USER), t.clock.now().getTime())
    await t.app.request(await signedRequest(envelope([ev])))
    await t.settle()
    const row = () =>
      t.testDb.db.selectFrom('webhook_inbox').selectAll().where('event_id', '=', ev.webhookEventId)
    expect(await row().executeTakeFirst()).toMatchObject({ status: 'pending', attempts: 1 })
    for (let i = 0; i < 10; i++) {
      t.clock.advance(10 * 60_000)
      await t.deps.inbox.drain()
    }
    const parked = await row().executeTakeFirstOrThrow()
    expect(parked.status).toBe('parked')
    expect(parked.payload).not.toBeNull()
    expect(new TextDecoder().decode(parked.payload ?? new Uint8Array())).not.toContain(SENTINEL_TEXT)
    // LINE is back and an operator re-queues the parked event: once handled, nothing remains.
    down = false
    await t.testDb.db
      .updateTable('webhook_inbox')
      .set({ status: 'pending', next_attempt_at: t.clock.now() })
      .where('event_id', '=', ev.webhookEventId)
      .execute()
    expect(await t.deps.inbox.drain()).toBe(1)
    expect(line.calls).toEqual([expect.objectContaining({ op: 'push' })])
    expect(await inboxRows()).toEqual([])
  })
})
