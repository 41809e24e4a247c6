import { afterEach, describe, expect, it } from 'vitest'
import { uuidFromName } from '../../src/core/ids.js'
import { insertAnswer } from '../../src/webhook/answers-repository.js'
import { sealAnswer } from '../../src/webhook/answers-sender.js'
import { claimDue } from '../../src/webhook/inbox-repository.js'
import { REPLY_TOKEN_TTL_MS } from '../../src/webhook/responder.js'
import { faults } from '../fakes/fake-line-server.js'
import { DB_KINDS } from '../helpers/db.js'
import { GROUP_1, USER_B } from '../helpers/line-events.js'
import { type AnswersHarness, answersHarness, answerText, PUSH_PATH, REPLY_PATH } from './answers.fixture.js'

const onReply = <F extends object>(f: F) => ({ ...f, path: REPLY_PATH })
const onPush = <F extends object>(f: F) => ({ ...f, path: PUSH_PATH })

describe.each(DB_KINDS)('answers when LINE or the process fails (%s)', (kind) => {
  let h: AnswersHarness
  afterEach(async () => {
    await h.close()
  })
  const open = async () =>
    (await h.t.db.selectFrom('answer_outbox').select(['state', 'via', 'uncertain']).execute()) as {
      state: string
      via: string
      uncertain: boolean
    }[]
  /** Drains now, then again after each step of the clock. */
  const drainAfter = async (...steps: number[]) => {
    await h.worker.drain()
    for (const ms of steps) {
      h.clock.advance(ms)
      await h.worker.drain()
    }
  }

  it('a reply that failed with 5xx waits and goes out once, as a reply, when LINE is back within the minute', async () => {
    h = await answersHarness(kind)
    const e = h.event()
    h.line.failNext(2, onReply(faults.serverError))
    await h.enqueue(e)
    await h.worker.drain()
    // Handled (the 1:1 inbox row is gone), the answer is not lost: it waits, and a wake-up is set.
    expect(await h.t.db.selectFrom('webhook_inbox').select('event_id').execute()).toEqual([])
    expect(await open()).toEqual([{ state: 'pending', via: 'reply', uncertain: false }])
    expect(h.wakes.at(-1)).toBe(1000)
    await drainAfter(1000)
    expect(h.answers()).toEqual(new Map([[e.webhookEventId, ['reply']]]))
    expect(await open()).toEqual([])
  })

  it('5xx until the token is stale, then 429: sent as a push with the event retry key, once', async () => {
    h = await answersHarness(kind)
    const e = h.event()
    h.line.failNext(40, onReply(faults.serverError))
    h.line.failNext(2, onPush(faults.rateLimited))
    await h.enqueue(e)
    // Each step is the answer's backoff: 1 s, 2 s … 30 s.
    await drainAfter(1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000)
    expect(h.answers()).toEqual(new Map([[e.webhookEventId, ['push']]]))
    const pushes = h.line.requests().filter((r) => r.path === PUSH_PATH)
    const key = await uuidFromName(`reply:${e.webhookEventId}:0`)
    expect(pushes.map((r) => [r.status, r.headers['x-line-retry-key']])).toEqual([
      [429, key],
      [429, key],
      [200, key],
    ])
    // No reply was tried once the token's time was over.
    const lastReply = h.line
      .requests()
      .filter((r) => r.path === REPLY_PATH)
      .at(-1)
    expect(lastReply && lastReply.at <= (pushes[0]?.at ?? 0)).toBe(true)
    expect(await open()).toEqual([])
  })

  it('429 on a reply is retried, not dropped: answered once', async () => {
    h = await answersHarness(kind)
    const e = h.event()
    h.line.failNext(1, onReply(faults.rateLimited))
    await h.enqueue(e)
    await drainAfter(1000)
    expect(h.answers()).toEqual(new Map([[e.webhookEventId, ['reply']]]))
  })

  it('a monthly quota used up is recorded as such and the answer dropped with one log line, never retried', async () => {
    h = await answersHarness(kind)
    h.line.setQuota({ type: 'limited', limit: 0 })
    // Older than the token's minute: only a push can carry it.
    const e = h.event(undefined, 120_000)
    await h.enqueue(e)
    await drainAfter(60_000, 60_000)
    expect(h.answers().size).toBe(0)
    expect(h.line.requests().map((r) => [r.path, r.status])).toEqual([[PUSH_PATH, 429]])
    expect(h.logged('answer.quota_exhausted')).toHaveLength(1)
    expect(h.logged('answer.quota_exhausted')[0]).toContain('monthly limit')
    expect(await open()).toEqual([])
  })

  it('LINE takes a reply but answers after the timeout: the same token is refused on retry, counted as delivered, no push', async () => {
    h = await answersHarness(kind, { timeoutMs: 100 })
    const e = h.event()
    h.line.failNext(1, onReply({ acceptThenDelayMs: 400 }))
    await h.enqueue(e)
    await drainAfter(60_000)
    expect(h.answers()).toEqual(new Map([[e.webhookEventId, ['reply']]]))
    expect(h.line.requests().map((r) => r.path)).toEqual([REPLY_PATH, REPLY_PATH])
    expect(await open()).toEqual([])
  })

  it('a reply that timed out is tried again with the same token while fresh: LINE refuses the used token, counted as delivered', async () => {
    h = await answersHarness(kind, { timeoutMs: 100, maxRetries: 0 })
    const e = h.event()
    h.line.failNext(1, onReply({ acceptThenDelayMs: 400 }))
    await h.enqueue(e)
    await h.worker.drain()
    expect(await open()).toEqual([{ state: 'pending', via: 'reply', uncertain: true }])
    await drainAfter(1000, 60_000)
    expect(h.line.requests().map((r) => r.path)).toEqual([REPLY_PATH, REPLY_PATH])
    expect(h.line.requests()[1]?.status).toBe(400)
    expect(h.answers()).toEqual(new Map([[e.webhookEventId, ['reply']]]))
    expect(h.logged('answer.delivered_before')).toHaveLength(1)
    expect(await open()).toEqual([])
  })

  it('a reply whose outcome stays unknown until the token is stale is never followed by a push', async () => {
    h = await answersHarness(kind, { timeoutMs: 100 })
    const e = h.event()
    // Both attempts are taken by LINE (the second refused: token used) and both answered late.
    h.line.failNext(2, onReply({ acceptThenDelayMs: 400 }))
    await h.enqueue(e)
    await h.worker.drain()
    expect(await open()).toEqual([{ state: 'pending', via: 'reply', uncertain: true }])
    await drainAfter(REPLY_TOKEN_TTL_MS, 60_000)
    expect(h.answers()).toEqual(new Map([[e.webhookEventId, ['reply']]]))
    expect(h.line.requests().filter((r) => r.path === PUSH_PATH)).toHaveLength(0)
    expect(h.logged('answer.outcome_unknown')).toHaveLength(1)
    expect(await open()).toEqual([])
  })

  it('the process died after LINE took the reply, before the event was marked done: handled again, answered once', async () => {
    h = await answersHarness(kind)
    const e = h.event()
    await h.enqueue(e)
    // A worker claims the event, answers, and dies before its completion is written.
    const [row] = await claimDue(h.t.db, h.clock.now(), new Date(h.clock.now().getTime() + 60_000), 10)
    expect(row?.event_id).toBe(e.webhookEventId)
    await h.dispatch('default', e)
    expect(h.answers().get(e.webhookEventId)).toEqual(['reply'])
    // Its lease runs out; the event is handled again while its token would still work.
    h.clock.advance(61_000)
    expect(await h.worker.drain()).toBe(1)
    expect(h.answers()).toEqual(new Map([[e.webhookEventId, ['reply']]]))
    expect(h.line.requests()).toHaveLength(1)
    // A 1:1 chat: nothing of the event or its answer is left.
    expect(await h.t.db.selectFrom('webhook_inbox').select('event_id').execute()).toEqual([])
    expect(await open()).toEqual([])
  })

  it('the write after LINE took the reply failed: the recorded intent is found out, never pushed', async () => {
    h = await answersHarness(kind)
    const e = h.event({ type: 'group', groupId: GROUP_1 })
    // The responder's steps by hand: intent committed, LINE takes the reply, the next write is lost.
    const now = h.clock.now()
    await insertAnswer(h.t.db, {
      event_id: e.webhookEventId,
      seq: 0,
      org_id: 'default',
      chat_key: null,
      via: 'reply',
      event_ts: new Date(e.timestamp),
      reply_until: new Date(e.timestamp + REPLY_TOKEN_TTL_MS),
      next_attempt_at: now,
      lease_until: new Date(now.getTime() + 60_000),
      payload: await sealAnswer(h.keyring, {
        to: GROUP_1,
        replyToken: e.replyToken,
        messages: [{ type: 'text', text: answerText(e.webhookEventId) }],
      }),
      key_id: h.keyring.keyId,
    })
    expect(
      (await h.api.reply(e.replyToken, [{ type: 'text', text: answerText(e.webhookEventId) }])).kind,
    ).toBe('accepted')
    await drainAfter(30_000, 31_000, 60_000)
    expect(h.answers()).toEqual(new Map([[e.webhookEventId, ['reply']]]))
    expect(h.line.requests().filter((r) => r.path === PUSH_PATH)).toHaveLength(0)
    expect(await open()).toEqual([])
  })

  it('a push whose answer was lost is sent again with the same retry key: LINE answers 409, delivered once', async () => {
    h = await answersHarness(kind, { timeoutMs: 100, maxRetries: 0 })
    const e = h.event(undefined, 120_000)
    h.line.failNext(1, onPush({ acceptThenDelayMs: 400 }))
    await h.enqueue(e)
    await drainAfter(1000)
    expect(h.answers()).toEqual(new Map([[e.webhookEventId, ['push']]]))
    expect(h.line.requests().map((r) => r.path)).toEqual([PUSH_PATH, PUSH_PATH])
    expect(h.line.requests()[1]?.status).toBe(409)
    expect(await open()).toEqual([])
  })

  it("a chat's answers keep their order when the first has to wait", async () => {
    h = await answersHarness(kind)
    const first = h.event()
    h.clock.advance(10)
    const second = h.event()
    h.line.failNext(2, onReply(faults.serverError))
    await h.enqueue(first, second)
    await h.worker.drain()
    const other = h.event({ type: 'user', userId: USER_B })
    await h.enqueue(other)
    await h.worker.drain()
    // The other chat is answered at once; this chat's second answer waits behind its first.
    expect([...h.answers().keys()]).toEqual([other.webhookEventId])
    await drainAfter(1000, 1000)
    const order = h.line
      .delivered()
      .filter((d) => d.to !== USER_B)
      .map((d) => (d.messages[0] as { text: string }).text)
    expect(order).toEqual([answerText(first.webhookEventId), answerText(second.webhookEventId)])
    expect([...h.answers().values()].every((v) => v.length === 1)).toBe(true)
  })

  it('an answer LINE never took within 6 hours is dropped with one log line (the bound on the backlog)', async () => {
    h = await answersHarness(kind)
    const e = h.event(undefined, 120_000)
    h.line.failNext(1_000, onPush(faults.unavailable))
    await h.enqueue(e)
    await drainAfter(...Array(8).fill(3_600_000))
    expect(h.answers().size).toBe(0)
    expect(h.logged('answer.expired')).toHaveLength(1)
    expect(await open()).toEqual([])
  })
})
