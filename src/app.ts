import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { adminRoutes } from './admin/routes.js'
import { apiRoutes } from './api/routes.js'
import type { AppDeps, AppEnv } from './app-env.js'
import { bodyLimits } from './body-limits.js'
import { budgetUploadGuard } from './budget/guard.js'
import { webComplaintRoutes } from './complaints/web/routes.js'
import { AppError } from './core/errors.js'
import { errorFields } from './core/logger.js'
import { publicEvidenceRoutes } from './evidence/public-routes.js'
import { healthRoutes } from './health/routes.js'
import { errorResponse } from './http-errors.js'
import { logoRoutes } from './orgs/logo-routes.js'
import { simulatorRoutes } from './simulator/routes.js'
import { webhookRoutes } from './webhook/routes.js'

/** The one HTTP app behind both entries (Node server and Worker). No globals: deps come in. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  app.use('*', async (c, next) => {
    c.set('deps', deps)
    await next()
  })
  // Before any route: every body is bounded (per route, README "Body limits") before it is parsed.
  app.use('*', bodyLimits())
  // LINE's servers are the only reader of /webhook answers: browser headers there are wasted work.
  app.route('/webhook', webhookRoutes(deps.config.env.WEBHOOK_MAX_BODY_BYTES))
  app.use('*', secureHeaders())
  app.route('/healthz', healthRoutes())
  // Before the console parses any body: an oversized budget upload is refused unread.
  app.use('/admin/budget/upload', budgetUploadGuard())
  app.route('/admin', adminRoutes())
  // The web complaint channel: one static URL for everyone, no LINE login (README, "/report").
  app.route('/report', webComplaintRoutes())
  // The evidence figures an organization chose to publish; off unless an owner opts in.
  app.route('/public', publicEvidenceRoutes())
  app.route('/api/v1', apiRoutes())
  // The agency's logo, for its own pages (orgs/logo-routes.ts).
  app.route('/logo', logoRoutes())
  if (deps.simulator) app.route('/dev', simulatorRoutes(deps.simulator))

  app.get('/', (c) =>
    c.text(
      'ITA integrity bot / บอตส่งเสริมคุณธรรมและความโปร่งใส\n' +
        (deps.simulator ? 'Local mode: chat with the bot at /dev/chat\n' : ''),
    ),
  )
  // JSON to machines, a page to people (http-errors.ts).
  app.notFound((c) => errorResponse(c, 'not_found', 404))
  app.onError((err, c) => {
    if (err instanceof AppError) return c.json({ error: err.code, message: err.message }, err.status)
    deps.log.error('http.unhandled', { path: c.req.path, ...errorFields(err) })
    return errorResponse(c, 'internal', 500)
  })
  return app
}

export type App = ReturnType<typeof createApp>
