import { Hono } from 'hono'
import type { AdminEnv } from '../app-env.js'

// /admin/engagement was the first view of the log (counts per measure). The evidence pages
// replaced it; old bookmarks land there, on the same fiscal year when one was given.
export function engagementRoutes() {
  const app = new Hono<AdminEnv>()
  app.get('/engagement', (c) => {
    const fy = c.req.query('fy')
    return c.redirect(fy && /^\d{4}$/.test(fy) ? `/admin/evidence/${fy}` : '/admin/evidence', 301)
  })
  return app
}
