import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/core/logger.js'
import { createSyncedClock } from '../../src/core/synced-clock.js'
import { createTestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'

describe.each(DB_KINDS)('/healthz clock (%s)', (kind) => {
  it('shows no skew for a clock that does not measure one, and a warning for one 60 s ahead', async () => {
    const t = await createTestApp(kind)
    try {
      const plain = await (await t.app.request('/healthz')).json()
      expect(plain).toMatchObject({ status: 'ok', clock: { skewMs: null } })
      expect(plain.clock.warning).toBeUndefined()
      const ahead = createSyncedClock({
        local: () => t.clock.now().getTime(),
        reference: async () => t.clock.now().getTime() - 60_000,
        log: createLogger({ level: 'error', write: () => {} }),
      })
      await ahead.sync()
      // The composition root hands every part the one clock; here the route's is replaced.
      Object.assign(t.deps, { clock: ahead })
      const res = await t.app.request('/healthz')
      expect(res.status).toBe(200)
      const body = await res.json()
      expect(body.clock).toMatchObject({ skewMs: 60_000, toleranceMs: 5_000 })
      expect(body.clock.warning).toMatch(/60\.0 s ahead of the database/)
    } finally {
      await t.close()
    }
  })
})
