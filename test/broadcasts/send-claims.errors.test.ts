import { describe, expect, it } from 'vitest'
import { createClaims } from '../../src/broadcasts/send-claims.js'
import { tick } from '../../src/broadcasts/tick.js'
import { silentLogger } from '../../src/core/logger.js'
import { DB_KINDS } from '../helpers/db.js'
import { scheduled, seedGroups, useHarness } from './harness.js'

// What a pass holds is held per attempt: the outcome of an older attempt of a row lets go of
// that attempt only, not of the row this pass claimed again once the older lease ran out.

describe.each(DB_KINDS)('a pass re-claiming a row of its own (%s)', (kind) => {
  const h = useHarness(kind)

  it("keeps renewing the newer claim's lease after the older attempt is released", async () => {
    await seedGroups(h, 2)
    await scheduled(h)
    // Expands the run into deliveries without sending any.
    await tick(h.deps({ options: { budgetMs: 0 } }), h.clock.now())
    const now = h.clock.now()
    const claims = createClaims(
      { db: h.t.db, at: () => h.clock.now(), stopping: () => false },
      { leaseMs: 20_000, batchSize: 1, concurrency: 0, budgetMs: 60_000 },
    )
    const first = await claims.next()
    if (!first) throw new Error('nothing claimed')
    expect(first.attempts).toBe(1)
    // The first lease runs out (a renewal came too late); this pass claims the row again.
    await h.t.db
      .updateTable('broadcast_deliveries')
      .set({ lease_until: new Date(now.getTime() - 1000) })
      .where('recipient', '=', first.recipient)
      .execute()
    await claims.claimRun(first.run_id)
    // The older attempt's outcome is written: it lets go of attempt 1 only.
    claims.release({ runId: first.run_id, recipient: first.recipient, claimed: 1 })
    await h.t.db
      .updateTable('broadcast_deliveries')
      .set({ lease_until: new Date(now.getTime() + 1000) })
      .where('recipient', '=', first.recipient)
      .execute()
    const stop = claims.renewEvery(5, silentLogger)
    const row = () =>
      h.t.db
        .selectFrom('broadcast_deliveries')
        .select(['attempts', 'lease_until'])
        .where('recipient', '=', first.recipient)
        .executeTakeFirstOrThrow()
    // Renewed within a few of its 5 ms rounds; a loaded machine may take longer.
    await expect
      .poll(async () => new Date((await row()).lease_until ?? 0).getTime(), { timeout: 5000 })
      .toBe(now.getTime() + 20_000)
    await stop()
    expect((await row()).attempts).toBe(2)
  })
})
