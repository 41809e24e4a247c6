import { afterEach, describe, expect, it, vi } from 'vitest'
import { insertAnswer } from '../../src/webhook/answers-repository.js'
import { sealAnswer } from '../../src/webhook/answers-sender.js'
import { ANSWERS_LOOK_MS } from '../../src/webhook/inbox-worker.js'
import { ANSWER_LEASE_MS, REPLY_TOKEN_TTL_MS } from '../../src/webhook/responder.js'
import { faults } from '../fakes/fake-line-server.js'
import { DB_KINDS } from '../helpers/db.js'
import { GROUP_1, USER_A, USER_B } from '../helpers/line-events.js'
import { type AnswersHarness, answersHarness, answerText, PUSH_PATH, REPLY_PATH } from './answers.fixture.js'

// A drain the webhook starts looks at open answers only when it left one open (or has not
// looked for a while): these are the answers it must not leave behind.
describe.each(DB_KINDS)("answers left open by a webhook's drain (%s)", (kind) => {
  let h: AnswersHarness
  afterEach(async () => {
    await h.close()
  })
  const open = () => h.t.db.selectFrom('answer_outbox').select(['event_id', 'state']).execute()

  it("an answer queued behind another event's answer to the same person goes out once that one is sent, with no wake-up", async () => {
    h = await answersHarness(kind, {}, { privately: true })
    await h.worker.drain()
    // LINE is slow to take the first answer (the person's own chat)...
    h.line.failNext(1, { acceptThenDelayMs: 400, path: REPLY_PATH })
    const mine = h.event()
    await h.enqueue(mine)
    const draining = h.worker.arrived()
    await vi.waitFor(async () =>
      expect(await open()).toEqual([{ event_id: mine.webhookEventId, state: 'sending' }]),
    )
    // ...while a group event of the same person is answered privately, in that same chat: it waits.
    h.clock.advance(10)
    const group = {
      ...h.event({ type: 'group', groupId: GROUP_1 }),
      source: { type: 'group' as const, groupId: GROUP_1, userId: USER_A },
    }
    await h.enqueue(group)
    const kicked = h.worker.arrived()
    await vi.waitFor(async () =>
      expect(await open()).toContainEqual({ event_id: group.webhookEventId, state: 'pending' }),
    )
    await Promise.all([draining, kicked])
    // Both went out by the end of the drain, in order, each once; nothing waits for a wake-up.
    const delivered = h.line.delivered().map((d) => [d.via, (d.messages[0] as { text: string }).text])
    expect(delivered).toEqual([
      ['reply', answerText(mine.webhookEventId)],
      ['push', answerText(group.webhookEventId)],
    ])
    expect(await open()).toEqual([])
    expect(h.wakes).toEqual([])
  })

  it('a reply that failed sets the wake-up for its retry, and goes out once when it fires', async () => {
    h = await answersHarness(kind)
    await h.worker.drain()
    h.line.failNext(2, { ...faults.serverError, path: REPLY_PATH })
    const e = h.event()
    await h.enqueue(e)
    expect(await h.worker.arrived()).toBe(1)
    expect(await open()).toEqual([{ event_id: e.webhookEventId, state: 'pending' }])
    expect(h.wakes).toEqual([1000])
    h.clock.advance(1000)
    // The wake-up kicks the worker.
    await h.worker.drain()
    expect(h.answers()).toEqual(new Map([[e.webhookEventId, ['reply']]]))
  })

  it("another instance's call still under way is found by a webhook's drain in time to take it over when its lease ends", async () => {
    h = await answersHarness(kind)
    await h.worker.drain()
    // An instance recorded its answer and called LINE, then died.
    const dead = h.event({ type: 'user', userId: USER_B })
    const now = h.clock.now()
    await insertAnswer(h.t.db, {
      event_id: dead.webhookEventId,
      seq: 0,
      org_id: 'default',
      chat_key: null,
      via: 'reply',
      event_ts: new Date(dead.timestamp),
      reply_until: new Date(dead.timestamp + REPLY_TOKEN_TTL_MS),
      next_attempt_at: now,
      lease_until: new Date(now.getTime() + ANSWER_LEASE_MS),
      payload: await sealAnswer(h.keyring, {
        to: USER_B,
        replyToken: dead.replyToken,
        messages: [{ type: 'text', text: answerText(dead.webhookEventId) }],
      }),
      key_id: h.keyring.keyId,
    })
    h.clock.advance(ANSWERS_LOOK_MS)
    await h.enqueue(h.event())
    await h.worker.arrived()
    // Woken when the lease runs out, while the reply token can still say whether it went out.
    expect(h.wakes.at(-1)).toBe(ANSWER_LEASE_MS - ANSWERS_LOOK_MS)
    h.clock.advance(ANSWER_LEASE_MS - ANSWERS_LOOK_MS + 1)
    await h.worker.drain()
    expect(h.answers().get(dead.webhookEventId)).toEqual(['reply'])
    expect(h.line.requests().filter((r) => r.path === PUSH_PATH)).toHaveLength(0)
  })
})
