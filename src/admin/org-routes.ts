import { Hono } from 'hono'
import type { AdminContext, AdminEnv } from '../app-env.js'
import { redirectWithFlash, takeFlash } from '../console/flash.js'
import { form, view } from '../console/http.js'
import { gate, html, notFound } from '../console/respond.js'
import { listOrgs } from '../orgs/repository.js'
import { toOrg } from '../orgs/service.js'
import { addOrg, isHost, OwnerRefused, rotateOrgChannel } from './orgs-admin.js'
import { OrgsPage, type OrgsProps } from './pages/orgs.js'

/** The session of the default organization's owner, or the 403 page. */
const host = (c: AdminContext) => gate(c, ['owner'], isHost)

function webhookBase(c: AdminContext): string {
  const configured = c.var.deps.config.env.PUBLIC_BASE_URL
  return (configured ? new URL(configured) : new URL(c.req.url)).origin
}

const page = async (c: AdminContext, extra: Partial<OrgsProps> = {}, status: 200 | 422 = 200) => {
  const base = webhookBase(c)
  const orgs = (await listOrgs(c.var.deps.db)).map(toOrg)
  const webhookUrl = (slug: string) => (slug === 'default' ? `${base}/webhook` : `${base}/webhook/${slug}`)
  return html(c, OrgsPage({ v: view(c), orgs, webhookUrl, ...extra }), status)
}

/** /admin/orgs: list, add an agency (sealed credentials, optional first owner), replace credentials. */
export function orgRoutes() {
  const app = new Hono<AdminEnv>()
  app.get('/orgs', async (c) => {
    const s = host(c)
    return s instanceof Response ? s : page(c, takeFlash(c, view(c).t) ?? {})
  })

  // Answered directly (no redirect): a first owner's one-time password is shown here only.
  app.post('/orgs', async (c) => {
    const s = host(c)
    if (s instanceof Response) return s
    const f = await form(c)
    const input = {
      slug: f('slug'),
      nameTh: f('nameTh'),
      nameEn: f('nameEn'),
      channelSecret: f('channelSecret'),
      accessToken: f('accessToken'),
      ownerEmail: f('ownerEmail'),
    }
    const kept = {
      slug: input.slug,
      nameTh: input.nameTh,
      nameEn: input.nameEn,
      ownerEmail: input.ownerEmail,
    }
    const { db, keyring, clock } = c.var.deps
    const v = view(c)
    try {
      const r = await db.transaction().execute((trx) => addOrg(trx, keyring, clock.now(), s, input))
      if (!r.ok) return page(c, { message: v.t(r.reason), error: true, form: kept }, 422)
      return page(c, { message: v.t('orgCreated'), ...(r.owner ? { owner: r.owner } : {}) })
    } catch (err) {
      if (!(err instanceof OwnerRefused)) throw err
      const key = err.reason === 'no_org' || err.reason === 'too_short' ? 'invalid_email' : err.reason
      return page(c, { message: v.t(key), error: true, form: kept }, 422)
    }
  })

  app.post('/orgs/:slug/channel', async (c) => {
    const s = host(c)
    if (s instanceof Response) return s
    const f = await form(c)
    const { db, keyring, clock } = c.var.deps
    const input = { channelSecret: f('channelSecret'), accessToken: f('accessToken') }
    const slug = c.req.param('slug')
    const r = await db
      .transaction()
      .execute((trx) => rotateOrgChannel(trx, keyring, clock.now(), s, slug, input))
    if (r.ok) return redirectWithFlash(c, '/admin/orgs', 'channelRotated')
    if (r.reason === 'not_found') return notFound(c)
    return page(c, { message: view(c).t(r.reason), error: true }, 422)
  })
  return app
}
