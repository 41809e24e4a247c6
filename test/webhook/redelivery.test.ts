import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { envelope, fromUser, signedRequest, textEvent, USER_A } from '../helpers/line-events.js'

// A 1:1 event leaves no inbox row once handled (README, complaints' threat model), so LINE's
// redelivery of it (our 200 lost: a crash after the commit, a timeout) is recognised by the
// keyed hash the completion leaves for the day (src/webhook/seen.*.ts).

const redelivered = <E extends { deliveryContext: { isRedelivery: boolean } }>(e: E): E => ({
  ...e,
  deliveryContext: { isRedelivery: true },
})

describe.each(DB_KINDS)('a redelivered 1:1 event (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const post = async (events: unknown[]) => {
    const res = await t.app.request(await signedRequest(envelope(events)))
    await t.settle()
    return res
  }
  const seen = () => t.testDb.db.selectFrom('webhook_seen').selectAll().execute()

  it('handled and gone, then redelivered: acknowledged, not stored, not answered again', async () => {
    const ev = textEvent('เมนู', fromUser(), t.clock.now().getTime())
    expect((await post([ev])).status).toBe(200)
    expect(line.calls).toHaveLength(1)
    expect(await t.testDb.db.selectFrom('webhook_inbox').selectAll().execute()).toEqual([])
    expect(await seen()).toHaveLength(1)

    expect((await post([redelivered(ev)])).status).toBe(200)
    expect(line.calls).toHaveLength(1)
    expect(await t.testDb.db.selectFrom('webhook_inbox').selectAll().execute()).toEqual([])
  })

  it('a redelivery of an event never stored (we answered 503) is stored and answered once', async () => {
    const ev = redelivered(textEvent('เมนู', fromUser(), t.clock.now().getTime()))
    expect((await post([ev])).status).toBe(200)
    expect(line.calls).toHaveLength(1)
  })

  it("yesterday's traces go with the minute's purge; today's stay", async () => {
    await post([textEvent('เมนู', fromUser(), t.clock.now().getTime())])
    await t.deps.inbox.purge()
    expect(await seen()).toHaveLength(1)
    t.clock.advance(24 * 3600_000)
    await t.deps.inbox.purge()
    expect(await seen()).toEqual([])
  })

  it('the trace names neither the event, the person nor a time: a keyed hash and the day', async () => {
    const ev = textEvent('เมนู', fromUser(USER_A), t.clock.now().getTime())
    await post([ev])
    const [row] = await seen()
    expect(Object.keys(row ?? {}).sort()).toEqual(['day', 'event_key'])
    const text = JSON.stringify(row)
    expect(text).not.toContain(ev.webhookEventId)
    expect(text).not.toContain(USER_A)
    expect(row?.event_key).toMatch(/^[A-Za-z0-9_-]{20,}$/)
  })
})
