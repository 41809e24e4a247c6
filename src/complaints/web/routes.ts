import { Hono, type MiddlewareHandler } from 'hono'
import { brandOf } from '../../orgs/profile.js'
import { getOrg, SLUG } from '../../orgs/service.js'
import { DEFAULT_ORG } from '../../webhook/channels.js'
import { followRoutes } from './follow-routes.js'
import type { WebContext, WebEnv } from './http.js'
import { html, webHeaders } from './http.js'
import { webWords } from './i18n.js'
import { MessagePage } from './pages/message.js'
import { reportRoutes } from './report-routes.js'

/**
 * The web complaint channel: `/report/<org>` for each organization (its rich menu opens it in
 * the external browser), `/report` for the default one. No LINE login, no script, no
 * third-party resource, no cookie that names anyone, no address or browser kept; Thai first,
 * ?lang=en for English. The follow-up lives under each form (`…/follow`), since a case code is
 * looked up within its organization.
 */
export function webComplaintRoutes() {
  const app = new Hono<WebEnv>()
  app.use('*', webHeaders())
  app.use('*', async (c, next) => {
    c.set('org', DEFAULT_ORG)
    c.set('base', '/report')
    const org = await getOrg(c.var.deps.db, DEFAULT_ORG)
    c.set('brand', org ? brandOf(org, c.var.lang) : null)
    await next()
  })
  // First, so `/report/follow` stays the default organization's follow-up.
  app.route('/', channel())
  const scoped = new Hono<WebEnv>()
  scoped.use('*', orgScope())
  scoped.route('/', channel())
  app.route('/:org', scoped)
  return app
}

function channel() {
  const app = new Hono<WebEnv>()
  app.route('/follow', followRoutes())
  app.route('/', reportRoutes())
  return app
}

/** The organization named in the path, or the same 404 for every name that is not one. */
function orgScope(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const slug = c.req.param('org') ?? ''
    const org = SLUG.test(slug) ? await getOrg(c.var.deps.db, slug) : null
    if (!org) return unknownOrg(c)
    c.set('org', org.slug)
    c.set('base', `/report/${org.slug}`)
    c.set('brand', brandOf(org, c.var.lang))
    await next()
  }
}

/**
 * Thai and English together, since the address may be anyone's typo: nothing about which
 * organizations exist, no way on (a link to another organization's form would file there).
 */
function unknownOrg(c: WebContext) {
  const p = { t: webWords(c.var.lang), lang: c.var.lang, nonce: c.var.nonce, base: '/report' }
  const message = `${webWords('th')('noSuchPage')} · ${webWords('en')('noSuchPage')}`
  return html(c, MessagePage({ p, title: '404', message, id: 'not-found' }), 404)
}
