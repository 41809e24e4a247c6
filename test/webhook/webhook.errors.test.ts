import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPgDb } from '../../src/db/pg.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import {
  envelope,
  fromGroup,
  fromUser,
  signedRequest,
  simpleEvent,
  textEvent,
  USER_A,
} from '../helpers/line-events.js'

describe.each(DB_KINDS)('webhook bad input and failures (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const inboxRows = () => t.testDb.db.selectFrom('webhook_inbox').selectAll().execute()
  const now = () => t.clock.now().getTime()

  it('refuses truncated JSON with 400 and stores nothing', async () => {
    const body = envelope([textEvent('เมนู')])
    const res = await t.app.request(await signedRequest(body.slice(0, body.length - 7)))
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'invalid_json' })
    expect(await inboxRows()).toHaveLength(0)
  })

  it('refuses an event with missing fields with 400, naming the field, and stores nothing', async () => {
    const { timestamp: _, ...broken } = textEvent('เมนู')
    const res = await t.app.request(await signedRequest(envelope([textEvent('ok'), broken])))
    expect(res.status).toBe(400)
    expect((await res.json()).message).toContain('events.1.timestamp')
    expect(await inboxRows()).toHaveLength(0)
  })

  it('refuses a 2 MB body with 413 before reading it, and stores nothing', async () => {
    const big = envelope([textEvent('x'.repeat(2 * 1024 * 1024))])
    const res = await t.app.request(await signedRequest(big))
    expect(res.status).toBe(413)
    expect(await inboxRows()).toHaveLength(0)
  })

  it('keeps an unknown event type, ignores it, and sends nothing', async () => {
    const ev = simpleEvent('somethingNew', fromUser(), { somethingNew: { x: 1 } }, now())
    const res = await t.app.request(await signedRequest(envelope([ev])))
    await t.settle()
    expect(res.status).toBe(200)
    const rows = await inboxRows()
    expect(rows).toEqual([
      expect.objectContaining({ event_id: ev.webhookEventId, status: 'ignored', payload: null }),
    ])
    expect(line.calls).toHaveLength(0)
  })

  /** Holds every reply until `release` is called, so an event stays in the inbox meanwhile. */
  const holdReplies = () => {
    let release = () => {}
    const gate = new Promise<void>((r) => {
      release = r
    })
    const reply = line.reply.bind(line)
    line.reply = async (...args) => {
      await gate
      return reply(...args)
    }
    return () => release()
  }

  it('processes a 1:1 event delivered 3 times while its row exists exactly once (incl. a redelivery)', async () => {
    const release = holdReplies()
    const ev = textEvent('เมนู', fromUser(), now())
    const redelivered = { ...ev, deliveryContext: { isRedelivery: true } }
    for (const e of [ev, ev, redelivered]) {
      const res = await t.app.request(await signedRequest(envelope([e])))
      expect(res.status).toBe(200)
    }
    expect((await inboxRows()).map((r) => r.event_id)).toEqual([ev.webhookEventId])
    release()
    await t.settle()
    expect(line.calls).toHaveLength(1)
    expect(await inboxRows()).toHaveLength(0)
  })

  it('processes a group event delivered again after it was handled exactly once (its done row recognises it)', async () => {
    const ev = textEvent('เมนู', fromGroup(), now())
    await t.app.request(await signedRequest(envelope([ev])))
    await t.settle()
    const redelivered = { ...ev, deliveryContext: { isRedelivery: true } }
    expect((await t.app.request(await signedRequest(envelope([redelivered])))).status).toBe(200)
    await t.settle()
    expect(line.calls).toHaveLength(1)
    expect(await inboxRows()).toEqual([
      expect.objectContaining({ event_id: ev.webhookEventId, status: 'done' }),
    ])
  })

  it('collapses a duplicate inside one body', async () => {
    const ev = textEvent('เมนู', fromUser(), now())
    await t.app.request(await signedRequest(envelope([ev, ev])))
    await t.settle()
    expect(line.calls).toHaveLength(1)
    expect(await inboxRows()).toHaveLength(0)
  })

  it('sends nothing in standby mode but still keeps the registries', async () => {
    const follow = { ...simpleEvent('follow', fromUser(USER_A), {}, now()), mode: 'standby' }
    const text = { ...textEvent('เมนู', fromUser(USER_A), now() + 1), mode: 'standby', replyToken: undefined }
    await t.app.request(await signedRequest(envelope([follow, text])))
    await t.settle()
    expect(line.calls).toHaveLength(0)
    const friend = await t.testDb.db.selectFrom('line_friends').selectAll().executeTakeFirst()
    expect(friend?.status).toBe('following')
  })

  it('answers 503 when the database is unreachable, so LINE redelivers', async () => {
    // Port 1 on loopback: nothing listens, so every connection is refused.
    const down = createPgDb('postgres://nobody:x@127.0.0.1:1/none')
    const d = await createTestApp(kind, { line, db: down })
    try {
      const res = await d.app.request(await signedRequest(envelope([textEvent('เมนู')])))
      expect(res.status).toBe(503)
      expect((await d.app.request('/healthz')).status).toBe(503)
      expect(d.logs.some((l) => l.includes('webhook.store_failed'))).toBe(true)
    } finally {
      await down.destroy()
      await d.close()
    }
  })

  it('retries a failing handler with backoff, then parks it with the reason', async () => {
    const failing = new MemoryLine()
    const explode = async (): Promise<never> => {
      throw new Error('LINE exploded')
    }
    failing.reply = explode
    failing.push = explode
    const f = await createTestApp(kind, { line: failing })
    try {
      const ev = textEvent('เมนู', fromUser(), f.clock.now().getTime())
      await f.app.request(await signedRequest(envelope([ev])))
      await f.settle()
      let row = await f.testDb.db.selectFrom('webhook_inbox').selectAll().executeTakeFirstOrThrow()
      expect(row).toMatchObject({ status: 'pending', attempts: 1 })
      expect(row.outcome).toContain('LINE exploded')
      // Not due before its backoff has passed.
      expect(await f.deps.inbox.drain()).toBe(0)
      for (let i = 0; i < 10; i++) {
        f.clock.advance(10 * 60_000)
        await f.deps.inbox.drain()
      }
      row = await f.testDb.db.selectFrom('webhook_inbox').selectAll().executeTakeFirstOrThrow()
      expect(row.status).toBe('parked')
      expect(row.payload).not.toBeNull()
      const health = await (await f.app.request('/healthz')).json()
      expect(health.inbox).toMatchObject({ parked: 1, pending: 0 })
    } finally {
      await f.close()
    }
  })

  it('a parked event of one chat does not hold back other chats', async () => {
    const ev = textEvent('เมนู', fromGroup(), now())
    const other = textEvent('เมนู', fromUser(), now())
    await t.app.request(await signedRequest(envelope([ev, other])))
    await t.settle()
    expect(line.calls).toHaveLength(2)
  })

  it('answers 404 for a webhook path with no channel', async () => {
    const res = await t.app.request(await signedRequest(envelope([]), undefined, '/webhook/unknown-agency'))
    expect(res.status).toBe(404)
  })
})
