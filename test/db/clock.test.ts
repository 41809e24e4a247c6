import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/core/logger.js'
import { createSyncedClock } from '../../src/core/synced-clock.js'
import { databaseTime } from '../../src/db/clock.js'
import { DB_KINDS, openTestDb, type TestDb } from '../helpers/db.js'

describe.each(DB_KINDS)('database clock (%s)', (kind) => {
  const withDb = async (fn: (t: TestDb) => Promise<void>) => {
    const t = await openTestDb(kind)
    try {
      await fn(t)
    } finally {
      await t.close()
    }
  }

  it('reads the wall clock, not the start of the transaction the test runs in', () =>
    withDb(async (t) => {
      const a = await databaseTime(t.db)
      await new Promise((r) => setTimeout(r, 25))
      const b = await databaseTime(t.db)
      expect(b - a).toBeGreaterThanOrEqual(20)
    }))

  it('a clock synced against this machine’s database finds it on this machine’s time', () =>
    withDb(async (t) => {
      const logs: string[] = []
      const clock = createSyncedClock({
        reference: () => databaseTime(t.db),
        log: createLogger({ level: 'debug', write: (l) => logs.push(l) }),
      })
      const s = await clock.sync()
      // Same machine, same clock: whatever is measured is the round trip's asymmetry alone.
      expect(Math.abs(s?.skewMs ?? Number.NaN)).toBeLessThan(1_000)
      expect(logs).toEqual([])
    }))
})
