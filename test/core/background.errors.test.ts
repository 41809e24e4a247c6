import { describe, expect, it } from 'vitest'
import { createBackground } from '../../src/core/background.js'
import { fixedClock } from '../../src/core/clock.js'
import { createFailureLog } from '../../src/core/failures.js'
import { createKeyring } from '../../src/core/keyring.js'
import { createLogger } from '../../src/core/logger.js'
import { createPgDb } from '../../src/db/pg.js'
import { createInboxWorker } from '../../src/webhook/inbox-worker.js'

describe('one failing drain, many waiters', () => {
  it('logs one line however many requests asked for the drain it failed in', async () => {
    const lines: string[] = []
    const log = createLogger({ level: 'debug', write: (l) => lines.push(l) })
    const clock = fixedClock(new Date('2026-12-08T03:00:00Z'))
    const failures = createFailureLog({ log, clock })
    const bg = createBackground(failures)
    // Port 1 on loopback: nothing listens, so the drain's first query fails.
    const down = createPgDb('postgres://nobody:x@127.0.0.1:1/none')
    try {
      const inbox = createInboxWorker({
        timeZone: 'Asia/Bangkok',
        db: down,
        keyring: await createKeyring('s'.repeat(32), btoa('k'.repeat(32))),
        dispatch: async () => 'handled',
        clock,
        log,
      })
      // As the webhook route does for each request of a burst: all of them get the one drain.
      for (let i = 0; i < 500; i++) bg.run(() => inbox.drain())
      await bg.settle()
      const failed = lines.filter((l) => l.includes('background.failed'))
      expect(failed).toHaveLength(1)
      expect(failed[0]).toContain('ECONNREFUSED')
      expect(failures.counts()).toEqual({ 'background.failed: Error': 1 })
      // The next burst fails in a drain of its own: counted, and said again only after the window.
      for (let i = 0; i < 500; i++) bg.run(() => inbox.drain())
      await bg.settle()
      expect(lines.filter((l) => l.includes('background.failed'))).toHaveLength(1)
      expect(failures.counts()).toEqual({ 'background.failed: Error': 2 })
    } finally {
      await down.destroy()
    }
  })
})
