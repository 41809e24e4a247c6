import { Hono } from 'hono'
import type { AppEnv } from '../app-env.js'
import { clockHealth } from '../core/synced-clock.js'
import { backlog } from '../webhook/inbox-repository.js'

/**
 * Liveness for load balancers and the IT unit: database reachable, inbox backlog, what LINE's
 * recent answers say, failures since start by cause.
 *
 * 503 only when this instance cannot work (its database is unreachable). LINE down, rate
 * limiting or out of monthly quota is 200 with `status: "degraded"`: every instance talks to
 * the same LINE, so a load balancer taking LINE's outage for the instance's would kill healthy
 * instances one after the other, while the inbox keeps every event for when LINE answers again.
 */
export function healthRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/', async (c) => {
    const { db, clock, metrics, failures, lineStatus } = c.var.deps
    // Polled every few seconds: a cause that kept failing gets its "repeated N times" line here.
    failures.summarize()
    const l = lineStatus.overall()
    const line = { status: l.status, since: l.since?.toISOString() ?? null }
    try {
      const b = await backlog(db)
      const oldestAgeSeconds = b.oldest ? Math.round((clock.now().getTime() - b.oldest.getTime()) / 1000) : 0
      return c.json({
        status: l.status === 'ok' ? 'ok' : 'degraded',
        database: 'reachable',
        inbox: { pending: b.pending, parked: b.parked, oldestAgeSeconds },
        line,
        failures: failures.counts(),
        rejectedSignatures: metrics.rejectedSignatures,
        // This instance's clock against the database's; a `warning` while off by more than a few seconds.
        clock: clockHealth(clock),
      })
    } catch (err) {
      failures.report('health.database_unreachable', err)
      return c.json(
        { status: 'unavailable', database: 'unreachable', line, failures: failures.counts() },
        503,
      )
    }
  })
  return app
}
