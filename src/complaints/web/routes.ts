import { Hono } from 'hono'
import { followRoutes } from './follow-routes.js'
import type { WebEnv } from './http.js'
import { webHeaders } from './http.js'
import { reportRoutes } from './report-routes.js'

/**
 * The web complaint channel at /report: one static URL for everyone, opened in the external
 * browser from the rich menu. No LINE login, no script, no third-party resource, no cookie
 * that names anyone, no address or browser kept; Thai first, ?lang=en for English.
 */
export function webComplaintRoutes() {
  const app = new Hono<WebEnv>()
  app.use('*', webHeaders())
  app.route('/follow', followRoutes())
  app.route('/', reportRoutes())
  return app
}
