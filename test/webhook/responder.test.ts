import { afterEach, describe, expect, it } from 'vitest'
import { uuidFromName } from '../../src/core/ids.js'
import { claimDue } from '../../src/webhook/inbox-repository.js'
import { createResponder, REPLY_TOKEN_TTL_MS } from '../../src/webhook/responder.js'
import { DB_KINDS } from '../helpers/db.js'
import { GROUP_1 } from '../helpers/line-events.js'
import {
  type AnswersHarness,
  answersHarness,
  PUSH_PATH,
  REPLY_PATH,
  type TestEvent,
} from './answers.fixture.js'

const text = [{ type: 'text' as const, text: 'สวัสดี' }]

describe.each(DB_KINDS)('responder (%s)', (kind) => {
  let h: AnswersHarness
  afterEach(async () => {
    await h.close()
  })
  const responderFor = (event: TestEvent) =>
    createResponder({
      event,
      orgId: 'default',
      line: h.api,
      deps: { db: h.t.db, keyring: h.keyring, clock: h.clock, log: h.log },
    })
  /** The event's inbox row claimed, as while a worker handles it. */
  const handling = async (e: TestEvent) => {
    await h.enqueue(e)
    await claimDue(h.t.db, h.clock.now(), new Date(h.clock.now().getTime() + 60_000), 10)
    return e
  }
  const rows = () => h.t.db.selectFrom('answer_outbox').select(['seq', 'state']).orderBy('seq').execute()

  it('replies with a fresh token for the first answer and pushes the second with its own retry key', async () => {
    h = await answersHarness(kind)
    const e = await handling(h.event({ type: 'group', groupId: GROUP_1 }))
    const r = responderFor(e)
    expect((await r.reply(text))?.kind).toBe('accepted')
    expect((await r.reply(text))?.kind).toBe('accepted')
    const reqs = h.line.requests()
    expect(reqs.map((q) => [q.path, q.status])).toEqual([
      [REPLY_PATH, 200],
      [PUSH_PATH, 200],
    ])
    expect(reqs[1]?.headers['x-line-retry-key']).toBe(await uuidFromName(`reply:${e.webhookEventId}:1`))
    // Both recorded as done until the event's inbox row is completed.
    expect(await rows()).toEqual([
      { seq: 0, state: 'done' },
      { seq: 1, state: 'done' },
    ])
  })

  it('pushes with the same retry key when the token is stale; a second pass over the event sends nothing', async () => {
    h = await answersHarness(kind)
    const e = await handling(h.event(undefined, REPLY_TOKEN_TTL_MS + 1))
    expect((await responderFor(e).reply(text))?.kind).toBe('accepted')
    // The event handled again (its completion was lost): the recorded answer stands.
    expect(await responderFor(e).reply(text)).toEqual({ kind: 'accepted', requestId: null, duplicate: true })
    expect(h.line.requests().map((q) => q.path)).toEqual([PUSH_PATH])
    expect(h.line.requests()[0]?.headers['x-line-retry-key']).toBe(
      await uuidFromName(`reply:${e.webhookEventId}:0`),
    )
    expect(h.line.delivered()).toHaveLength(1)
  })

  it('falls back to a push when LINE refuses a token never used before (400)', async () => {
    h = await answersHarness(kind)
    const e = { ...h.event(), replyToken: 'not-a-token-line-issued' }
    expect((await responderFor(e).reply(text))?.kind).toBe('accepted')
    expect(h.line.requests().map((q) => [q.path, q.status])).toEqual([
      [REPLY_PATH, 400],
      [PUSH_PATH, 200],
    ])
  })

  it('sends nothing and records nothing in standby mode', async () => {
    h = await answersHarness(kind)
    const e = { ...h.event(), mode: 'standby' as const }
    expect((await responderFor(e).reply(text))?.kind).toBe('rejected')
    expect(h.line.requests()).toHaveLength(0)
    expect(await rows()).toEqual([])
  })

  it('a handled 1:1 event leaves nothing of its answer; a group keeps only its inbox row', async () => {
    h = await answersHarness(kind)
    const mine = h.event()
    const group = h.event({ type: 'group', groupId: GROUP_1 })
    await h.enqueue(mine, group)
    expect(await h.worker.drain()).toBe(2)
    expect(h.answers()).toEqual(
      new Map([
        [mine.webhookEventId, ['reply']],
        [group.webhookEventId, ['reply']],
      ]),
    )
    expect(await rows()).toEqual([])
    const inbox = await h.t.db.selectFrom('webhook_inbox').select(['event_id', 'status']).execute()
    expect(inbox).toEqual([{ event_id: group.webhookEventId, status: 'done' }])
  })
})
