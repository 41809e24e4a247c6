import { afterEach, describe, expect, it } from 'vitest'
import { ANSWERS_LOOK_MS } from '../../src/webhook/inbox-worker.js'
import { DB_KINDS } from '../helpers/db.js'
import { type AnswersHarness, answersHarness, type Chat } from './answers.fixture.js'
import { statementLog } from './statements.fixture.js'

// Every statement is a round trip the event loop pays for (query building, the driver, the
// socket): what an answered event costs is counted here, statement by statement.
const ANSWERED = ['claim events', 'insert answer', 'finish answer', 'complete events']
const user = (n: number): Chat => ({ type: 'user', userId: `U${String(n).padStart(32, '0')}` })

describe.each(DB_KINDS)('inbox worker statements (%s)', (kind) => {
  let h: AnswersHarness
  const log = statementLog()
  afterEach(async () => {
    await h.close()
    log.take()
  })
  /** A harness whose worker has just made its start's look at open answers (none). */
  const started = async () => {
    h = await answersHarness(kind, {}, { plugin: log.plugin })
    await h.worker.drain()
    log.take()
  }

  it('a lone event the webhook stored costs one claim, its answer and its completion: no empty claim, no look at answers', async () => {
    await started()
    for (const e of [h.event(), h.event(user(2))]) {
      await h.enqueue(e)
      expect(await h.worker.arrived()).toBe(1)
      expect(log.take()).toEqual(ANSWERED)
      expect(h.answers().get(e.webhookEventId)).toEqual(['reply'])
    }
  })

  it('events of four chats stored at once are claimed by one statement', async () => {
    await started()
    await h.enqueue(h.event(user(1)), h.event(user(2)), h.event(user(3)), h.event(user(4)))
    expect(await h.worker.arrived()).toBe(4)
    const names = log.take()
    expect(names.filter((n) => n === 'claim events')).toHaveLength(1)
    // Completions written while others were under way share a statement (inbox-completion.ts).
    expect(names.filter((n) => n === 'complete events').length).toBeLessThanOrEqual(4)
    expect(new Set(names)).toEqual(new Set(ANSWERED))
    expect(h.answers().size).toBe(4)
  })

  it("three events of one chat stored at once: each completion frees the chat's next, one claim each and none empty", async () => {
    await started()
    const events = [0, 1, 2].map(() => {
      h.clock.advance(10)
      return h.event()
    })
    await h.enqueue(...events)
    expect(await h.worker.arrived()).toBe(3)
    expect(log.take()).toEqual([...ANSWERED, ...ANSWERED, ...ANSWERED])
    expect(h.line.delivered().map((d) => d.via)).toEqual(['reply', 'reply', 'reply'])
  })

  it('a webhook drain still looks at open answers (and sets the wake-up) when none was looked at for a while', async () => {
    await started()
    h.clock.advance(ANSWERS_LOOK_MS)
    await h.enqueue(h.event())
    expect(await h.worker.arrived()).toBe(1)
    expect(log.take()).toEqual([...ANSWERED, 'claim answers', 'select answer_outbox'])
    // Looked just now: the next one goes without.
    await h.enqueue(h.event(user(2)))
    await h.worker.arrived()
    expect(log.take()).toEqual(ANSWERED)
  })

  it('the minute tick looks at open answers once, and sets the wake-up', async () => {
    await started()
    await h.worker.drain()
    expect(log.take()).toEqual(['claim events', 'claim answers', 'select answer_outbox'])
  })
})
