import { Hono } from 'hono'
import type { AppEnv } from '../app-env.js'
import { findOrgLogo } from './repository.js'
import { SLUG } from './service.js'

/**
 * GET /logo/<org>: the agency's logo for its console, printed report, public page and web
 * complaint form (all same-origin, so their `img-src 'self'` allows it). Public like those pages;
 * only the re-encoded PNG or JPEG is ever served, under its own type and never sniffed. The
 * pages name it with `?v=<version>`, which changes with each upload, so it may be cached long.
 */
export function logoRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/:org', async (c) => {
    const slug = c.req.param('org')
    const logo = SLUG.test(slug) ? await findOrgLogo(c.var.deps.db, slug) : undefined
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Content-Security-Policy', "default-src 'none'; sandbox")
    if (!logo) {
      c.header('Cache-Control', 'no-store')
      return c.body(null, 404)
    }
    c.header('Content-Type', logo.mime)
    c.header('Cache-Control', c.req.query('v') ? 'public, max-age=86400' : 'no-cache')
    return c.body(new Uint8Array(logo.bytes), 200)
  })
  return app
}
