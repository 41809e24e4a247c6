import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createBackground } from '../../src/core/background.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { envelope, fromGroup, signedRequest, textEvent } from '../helpers/line-events.js'

describe.each(DB_KINDS)('a failing drain is said once (%s)', (kind) => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp(kind)
  })
  afterEach(() => t.close())

  it('fifty acknowledged requests waiting on one failing drain: one log line, one count on /healthz', async () => {
    const bg = createBackground(t.deps.failures)
    t.deps.background = bg.run
    const fail: { with?: (err: Error) => void } = {}
    const running = new Promise<number>((_, reject) => {
      fail.with = reject
    })
    // The inbox's contract: while a drain runs, whoever asks for one gets it.
    t.deps.inbox = { ...t.deps.inbox, arrived: () => running }
    const now = t.clock.now().getTime()
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, i) =>
        t.app.request(await signedRequest(envelope([textEvent(`ประชุม ${i}`, fromGroup(), now + i)]))),
      ),
    )
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200))
    fail.with?.(new Error('Connection terminated unexpectedly'))
    await bg.settle()
    const failed = t.logs.filter((l) => l.includes('background.failed'))
    expect(failed).toHaveLength(1)
    expect(failed[0]).toContain('Connection terminated unexpectedly')
    const health = await (await t.app.request('/healthz')).json()
    expect(health.failures).toEqual({ 'background.failed: Error': 1 })
  })
})
