import { type Context, Hono } from 'hono'
import type { AppEnv } from '../app-env.js'
import { toBase64 } from '../core/bytes.js'
import type { Lang } from '../core/lang.js'
import { fiscalYearOfDay, localDay } from '../core/time/index.js'
import { logoUrl, orgName } from '../orgs/profile.js'
import { getOrg } from '../orgs/service.js'
import { pick } from './format.js'
import { parseFy } from './http.js'
import { PublicOffPage, PublicPage } from './public-page.js'
import { isPublic, publicPath } from './public-settings.js'
import { evidenceReport } from './report.js'

// /public/ita/<fy> (the default organization) and /public/<org>/ita/<fy>: the yearly totals
// an agency chose to publish. Read-only, no session, no cookie. A published year may be
// cached for five minutes (figures move daily at most); anything else is not cached, so a
// page an owner just turned on appears at once.

const CACHE_OK = 'public, max-age=300'

function headers(c: Context<AppEnv>, nonce: string) {
  c.header(
    'Content-Security-Policy',
    [
      "default-src 'none'",
      `style-src 'nonce-${nonce}'`,
      // The agency's logo only (/logo/<org>), from this site.
      "img-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  )
  c.header('Cache-Control', 'no-store')
}

async function show(c: Context<AppEnv>, orgId: string, rawFy: string | undefined) {
  const nonce = toBase64(crypto.getRandomValues(new Uint8Array(16)))
  headers(c, nonce)
  const lang: Lang = c.req.query('lang') === 'en' ? 'en' : 'th'
  const other = `${c.req.path}?lang=${lang === 'th' ? 'en' : 'th'}`
  const off = (message?: string, status: 400 | 404 = 404) =>
    c.html(
      `<!doctype html>${String(PublicOffPage({ lang, nonce, other, ...(message ? { message } : {}) }))}`,
      status,
    )
  const { deps } = c.var
  const org = await getOrg(deps.db, orgId)
  if (!org || !(await isPublic(deps.db, orgId))) return off()
  const now = fiscalYearOfDay(localDay(deps.clock.now(), deps.config.timeZone))
  if (rawFy === undefined) return c.redirect(publicPath(orgId, now), 302)
  const fy = parseFy(rawFy)
  if (fy === null) return off()
  const { db, keyring, flows, clock, config } = deps
  const r = await evidenceReport({ db, keyring, flows, clock, timeZone: config.timeZone }, orgId, fy)
  if (r.kind !== 'ok') return off(pick(r.message, lang), 400)
  const report = { ...r.report, orgName: orgName(org, lang) }
  c.header('Cache-Control', CACHE_OK)
  const page = PublicPage({ report, lang, nonce, tz: config.timeZone, other, logoUrl: logoUrl(org) })
  return c.html(`<!doctype html>${String(page)}`)
}

export function publicEvidenceRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/ita', (c) => show(c, 'default', undefined))
  app.get('/ita/:fy', (c) => show(c, 'default', c.req.param('fy')))
  app.get('/:org/ita', (c) => show(c, c.req.param('org'), undefined))
  app.get('/:org/ita/:fy', (c) => show(c, c.req.param('org'), c.req.param('fy')))
  return app
}
