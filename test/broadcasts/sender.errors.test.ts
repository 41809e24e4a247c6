import type { KyselyPlugin } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { tick } from '../../src/broadcasts/tick.js'
import { DB_KINDS } from '../helpers/db.js'
import { deliveredCounts, scheduled, seedGroups, useHarness } from './harness.js'

/** Fails the `n`th claim of deliveries (claimDeliveries) and nothing else. */
function failingClaim(n: number): KyselyPlugin {
  let claims = 0
  return {
    transformQuery(args) {
      const node = args.node
      const claim =
        node.kind === 'RawNode' && node.sqlFragments.join('').includes('attempts = d.attempts + 1')
      if (claim && ++claims === n) throw new Error('connection lost')
      return node
    },
    transformResult: async (args) => args.result,
  }
}

/** Fails the `n`th write of outcomes (recordOutcomes) and nothing else. */
function failingFlush(n: number): KyselyPlugin {
  let flushes = 0
  return {
    transformQuery(args) {
      const node = args.node
      const flush =
        node.kind === 'RawNode' && node.sqlFragments.join('').includes('with v (run_id, recipient, claimed')
      if (flush && ++flushes === n) throw new Error('write lost')
      return node
    },
    transformResult: async (args) => args.result,
  }
}

describe.each(DB_KINDS)('broadcast sender, database faults (%s)', (kind) => {
  const h = useHarness(kind)
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => unhandled.push(reason)
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled)
    unhandled.length = 0
  })

  it('a claim made ahead that fails while rows are still queued fails the pass, and is not left unhandled', async () => {
    await seedGroups(h, 4)
    await scheduled(h)
    await tick(h.deps({ options: { budgetMs: 0 } }), h.clock.now())
    process.on('unhandledRejection', onUnhandled)
    // One worker and batches of two: the second claim is made ahead, while a row still waits.
    const deps = h.deps({ db: h.t.db.withPlugin(failingClaim(2)), options: { concurrency: 1, batchSize: 2 } })
    const pass = tick(deps, h.clock.now())
    await pass.catch(() => {})
    await new Promise((r) => setTimeout(r, 50))
    expect(unhandled).toEqual([])
    await expect(pass).rejects.toThrow('connection lost')
    // What the failed pass held is taken over once its leases end: every group exactly once.
    await h.drain()
    const counts = deliveredCounts(h.line)
    expect(counts.size).toBe(4)
    expect(Math.max(...counts.values())).toBe(1)
  })

  it('a worker that fails ends the pass for all of them: nothing is sent after the pass has failed', async () => {
    await seedGroups(h, 40)
    await scheduled(h)
    await tick(h.deps({ options: { budgetMs: 0 } }), h.clock.now())
    // Four workers, each outcome written at once; the second write fails in one of them.
    const deps = h.deps({
      db: h.t.db.withPlugin(failingFlush(2)),
      options: { concurrency: 4, batchSize: 4, flushSize: 1 },
    })
    await expect(tick(deps, h.clock.now())).rejects.toThrow('write lost')
    const sentAtFailure = deliveredCounts(h.line).size
    expect(sentAtFailure).toBeLessThan(40)
    await new Promise((r) => setTimeout(r, 300))
    expect(deliveredCounts(h.line).size).toBe(sentAtFailure)
    // The rest goes out with the next passes, each group once.
    await h.drain()
    const counts = deliveredCounts(h.line)
    expect(counts.size).toBe(40)
    expect(Math.max(...counts.values())).toBe(1)
  })
})
