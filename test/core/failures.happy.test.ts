import { describe, expect, it } from 'vitest'
import { createBackground } from '../../src/core/background.js'
import { fixedClock } from '../../src/core/clock.js'
import { createFailureLog } from '../../src/core/failures.js'
import { createLogger } from '../../src/core/logger.js'

function setup() {
  const lines: Record<string, unknown>[] = []
  const log = createLogger({ level: 'debug', write: (l) => lines.push(JSON.parse(l)) })
  const clock = fixedClock(new Date('2026-12-08T03:00:00Z'))
  return { lines, clock, failures: createFailureLog({ log, clock, windowMs: 60_000 }) }
}

describe('failures said once', () => {
  it('logs a cause once a window, counts every failure, and says how often it repeated', () => {
    const { lines, clock, failures } = setup()
    for (let i = 0; i < 5; i++) failures.report('webhook.store_failed', new Error('connection refused'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      event: 'webhook.store_failed',
      error: 'Error',
      reason: 'connection refused',
    })
    clock.advance(61_000)
    failures.report('webhook.store_failed', new Error('connection refused'))
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatchObject({ repeated: 4, repeatedSince: '2026-12-08T03:00:00.000Z' })
    expect(failures.counts()).toEqual({ 'webhook.store_failed: Error': 6 })
  })

  it('gives each cause its own line and counter', () => {
    const { lines, failures } = setup()
    failures.report('webhook.store_failed', new Error('down'))
    failures.report('background.failed', new TypeError('bad'))
    failures.report('background.failed', new Error('down'))
    expect(lines.map((l) => l.event)).toEqual([
      'webhook.store_failed',
      'background.failed',
      'background.failed',
    ])
    expect(failures.counts()).toEqual({
      'webhook.store_failed: Error': 1,
      'background.failed: TypeError': 1,
      'background.failed: Error': 1,
    })
  })

  it('the same error object reaching it twice is one failure', () => {
    const { lines, failures } = setup()
    const err = new Error('drain failed')
    failures.report('background.failed', err)
    failures.report('background.failed', err)
    expect(lines).toHaveLength(1)
    expect(failures.counts()).toEqual({ 'background.failed: Error': 1 })
  })

  it('summarize() says the repeats of a window that has passed; at shutdown, all of them', () => {
    const { lines, clock, failures } = setup()
    failures.report('a', new Error('x'))
    failures.report('a', new Error('x'))
    failures.report('b', new Error('y'))
    failures.report('b', new Error('y'))
    failures.summarize()
    expect(lines).toHaveLength(2)
    clock.advance(60_000)
    failures.report('b', new Error('y'))
    expect(lines).toHaveLength(3)
    failures.summarize()
    expect(lines[3]).toMatchObject({ event: 'a', repeated: 1 })
    failures.report('b', new Error('y'))
    failures.summarize(true)
    expect(lines[4]).toMatchObject({ event: 'b', repeated: 1 })
    failures.summarize(true)
    expect(lines).toHaveLength(5)
  })

  it('background tasks: a failure is reported, and settle() waits for tasks a task started', async () => {
    const { lines, failures } = setup()
    const bg = createBackground(failures)
    const order: string[] = []
    bg.run(async () => {
      await Promise.resolve()
      bg.run(async () => {
        await new Promise((r) => setTimeout(r, 5))
        order.push('second')
        throw new Error('second failed')
      })
      order.push('first')
    })
    await bg.settle()
    expect(order).toEqual(['first', 'second'])
    expect(lines).toEqual([expect.objectContaining({ event: 'background.failed', reason: 'second failed' })])
  })
})
