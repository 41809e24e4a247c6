import { afterEach, describe, expect, it } from 'vitest'
import { insertAnswer } from '../../src/webhook/answers-repository.js'
import { sealAnswer } from '../../src/webhook/answers-sender.js'
import { claimDue } from '../../src/webhook/inbox-repository.js'
import { releaseAbandonedWork } from '../../src/webhook/inbox-service.js'
import { ANSWER_LEASE_MS, REPLY_TOKEN_TTL_MS } from '../../src/webhook/responder.js'
import { DB_KINDS } from '../helpers/db.js'
import {
  type AnswersHarness,
  answersHarness,
  answerText,
  PUSH_PATH,
  type TestEvent,
} from './answers.fixture.js'

// A process that holds its database alone (PGlite) is killed while answering; the next start
// hands back what it had claimed (src/runtime/node-app.ts), so the reply is tried again while
// its token still works instead of after a lease that outlives the token.

describe.each(DB_KINDS)('a restart after a kill -9 mid-answer (%s)', (kind) => {
  let h: AnswersHarness
  afterEach(async () => {
    await h.close()
  })

  /** The dead process's steps: the event claimed, the answer's intent committed, then kill -9. */
  const killedWhileAnswering = async (e: TestEvent) => {
    await h.enqueue(e)
    const now = h.clock.now()
    await claimDue(h.t.db, now, new Date(now.getTime() + 60_000), 10)
    const to = e.source?.type === 'user' ? e.source.userId : null
    await insertAnswer(h.t.db, {
      event_id: e.webhookEventId,
      seq: 0,
      org_id: 'default',
      chat_key: null,
      via: 'reply',
      event_ts: new Date(e.timestamp),
      reply_until: new Date(e.timestamp + REPLY_TOKEN_TTL_MS),
      next_attempt_at: now,
      lease_until: new Date(now.getTime() + ANSWER_LEASE_MS),
      payload: await sealAnswer(h.keyring, {
        to,
        replyToken: e.replyToken,
        messages: [{ type: 'text', text: answerText(e.webhookEventId) }],
      }),
      key_id: h.keyring.keyId,
    })
  }

  it('the call never reached LINE: answered once, by reply, as soon as the process is back', async () => {
    h = await answersHarness(kind)
    const e = h.event()
    await killedWhileAnswering(e)
    // Back 8 s later (the pglite-kill drill's figure): the leases would hold for 52 s more.
    h.clock.advance(8_000)
    expect(await h.worker.drain()).toBe(0)
    expect(await releaseAbandonedWork(h.t.db, h.clock.now())).toEqual({ events: 1, answers: 1 })
    await h.worker.drain()
    expect(h.answers()).toEqual(new Map([[e.webhookEventId, ['reply']]]))
    // Finished: a row the completion raced with stays 'done' until the sweep (answers-repository.ts).
    const open = await h.t.db
      .selectFrom('answer_outbox')
      .select('state')
      .where('state', '!=', 'done')
      .execute()
    expect(open).toEqual([])
    expect(await h.t.db.selectFrom('webhook_inbox').select('event_id').execute()).toEqual([])
  })

  it('LINE had taken the reply: its token is refused, counted as delivered, never pushed', async () => {
    h = await answersHarness(kind)
    const e = h.event()
    await killedWhileAnswering(e)
    expect(
      (await h.api.reply(e.replyToken, [{ type: 'text', text: answerText(e.webhookEventId) }])).kind,
    ).toBe('accepted')
    h.clock.advance(8_000)
    await releaseAbandonedWork(h.t.db, h.clock.now())
    await h.worker.drain()
    expect(h.answers()).toEqual(new Map([[e.webhookEventId, ['reply']]]))
    expect(h.line.requests().filter((r) => r.path === PUSH_PATH)).toHaveLength(0)
    expect(h.logged('answer.delivered_before')).toHaveLength(1)
  })

  it('on a shared database (no release): another instance takes the answer over once its lease ends, while the token still works', async () => {
    h = await answersHarness(kind)
    const e = h.event()
    await killedWhileAnswering(e)
    h.clock.advance(ANSWER_LEASE_MS + 1_000)
    await h.worker.drain()
    expect(ANSWER_LEASE_MS + 1_000).toBeLessThan(REPLY_TOKEN_TTL_MS)
    expect(h.answers()).toEqual(new Map([[e.webhookEventId, ['reply']]]))
    expect(h.logged('answer.outcome_unknown')).toHaveLength(0)
  })

  it('nothing claimed: nothing released', async () => {
    h = await answersHarness(kind)
    await h.enqueue(h.event())
    expect(await releaseAbandonedWork(h.t.db, h.clock.now())).toEqual({ events: 0, answers: 0 })
  })
})
