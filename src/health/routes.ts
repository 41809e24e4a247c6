import { Hono } from 'hono'
import type { AppEnv } from '../app-env.js'
import { errorFields } from '../core/logger.js'
import { clockHealth } from '../core/synced-clock.js'
import { backlog } from '../webhook/inbox.repository.js'

/** Liveness for load balancers and the IT unit: database reachable, inbox backlog. */
export function healthRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/', async (c) => {
    const { db, clock, log, metrics } = c.var.deps
    try {
      const b = await backlog(db)
      const oldestAgeSeconds = b.oldest ? Math.round((clock.now().getTime() - b.oldest.getTime()) / 1000) : 0
      return c.json({
        status: 'ok',
        database: 'reachable',
        inbox: { pending: b.pending, parked: b.parked, oldestAgeSeconds },
        rejectedSignatures: metrics.rejectedSignatures,
        // This instance's clock against the database's; a `warning` while off by more than a few seconds.
        clock: clockHealth(clock),
      })
    } catch (err) {
      log.error('health.database_unreachable', errorFields(err))
      return c.json({ status: 'unavailable', database: 'unreachable' }, 503)
    }
  })
  return app
}
