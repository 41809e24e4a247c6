import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/core/clock.js'
import { createKeyring } from '../../src/core/keyring.js'
import { silentLogger } from '../../src/core/logger.js'
import { minuteTick } from '../../src/jobs/tick.js'
import type { LinePort } from '../../src/line/port.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { TEST_APP_SECRET, TEST_DATA_KEY, TEST_SECRETS, testConfig } from '../helpers/app.js'
import { openTestDb, type TestDb } from '../helpers/db.js'
import { shippedFlows } from '../helpers/flows.js'

// The minute: due broadcasts start at once, beside the housekeeping, whose LINE statistics are
// HTTP calls that may take long; neither one's failure stops the other.

const flows = shippedFlows()
// 10:30 in Bangkok: LINE's statistics are due, so the chores ask LINE.
const NOW = new Date('2026-11-22T03:30:00Z')

describe('the minute tick', () => {
  let t: TestDb
  beforeEach(async () => {
    t = await openTestDb('pglite')
  })
  afterEach(() => t.close())

  const deps = async (lines: () => Promise<LinePort | null>) => ({
    db: t.db,
    flows,
    log: silentLogger,
    lines,
    config: testConfig(),
    keyring: await createKeyring(TEST_APP_SECRET, TEST_DATA_KEY, TEST_SECRETS),
    clock: fixedClock(NOW),
  })

  it('starts the due broadcasts while the housekeeping still waits for LINE', async () => {
    let release: () => void = () => {}
    const lineAnswers = new Promise<void>((r) => {
      release = r
    })
    let asked = 0
    const lines = async () => {
      asked++
      await lineAnswers
      return new MemoryLine()
    }
    const sent: Date[] = []
    let done = false
    const tick = minuteTick(
      {
        ...(await deps(lines)),
        broadcasts: async (at) => {
          sent.push(at)
        },
      },
      NOW,
    ).then(() => {
      done = true
    })
    await expect.poll(() => asked).toBeGreaterThan(0)
    expect(sent).toEqual([NOW])
    expect(done).toBe(false)
    release()
    await tick
    expect(done).toBe(true)
  })

  it('runs the housekeeping when the broadcasts fail, then says the failure', async () => {
    let asked = 0
    const lines = async () => {
      asked++
      return new MemoryLine()
    }
    const tick = minuteTick(
      {
        ...(await deps(lines)),
        broadcasts: async () => {
          throw new Error('broadcast pass failed')
        },
      },
      NOW,
    )
    await expect(tick).rejects.toThrow('broadcast pass failed')
    expect(asked).toBeGreaterThan(0)
  })
})
