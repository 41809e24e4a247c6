import { Hono } from 'hono'
import type { AdminContext, AdminEnv } from '../app-env.js'
import { redirectWithFlash, takeFlash } from '../console/flash.js'
import { form, view } from '../console/http.js'
import { gate, html, notFound, type Status } from '../console/respond.js'
import type { Session } from '../console/session.js'
import { pick } from '../core/lang.js'
import { LOGO_MAX_BYTES, logoRefusal } from '../orgs/logo.js'
import { logoUrl, type ProfileInput } from '../orgs/profile.js'
import { getOrg } from '../orgs/service.js'
import { removeOrgLogo, setOrgLogo, setOrgProfile } from './org-profile.js'
import { OrgProfilePage, type OrgProfileProps } from './pages/org-profile.js'

/** The owner of the organization signed in: each agency names itself. */
const owner = (c: AdminContext) => gate(c, ['owner'])

const actorOf = (s: Session) => ({ id: s.admin.id, email: s.admin.email })

async function page(
  c: AdminContext,
  s: Session,
  extra: Partial<Omit<OrgProfileProps, 'v'>> = {},
  status: Status = 200,
) {
  const org = await getOrg(c.var.deps.db, s.admin.orgId)
  if (!org) return notFound(c)
  const values = { nameTh: org.nameTh, nameEn: org.nameEn, shortName: org.shortName }
  return html(c, OrgProfilePage({ v: view(c), values, logoUrl: logoUrl(org), ...extra }), status)
}

/** /admin/org: the organization's name (Thai, English, short) and logo. */
export function orgProfileRoutes() {
  const app = new Hono<AdminEnv>()
  app.get('/org', async (c) => {
    const s = owner(c)
    return s instanceof Response ? s : page(c, s, takeFlash(c, view(c).t) ?? {})
  })

  app.post('/org', async (c) => {
    const s = owner(c)
    if (s instanceof Response) return s
    const f = await form(c)
    const input: ProfileInput = { nameTh: f('nameTh'), nameEn: f('nameEn'), shortName: f('shortName') }
    const { db, clock } = c.var.deps
    const r = await db
      .transaction()
      .execute((trx) => setOrgProfile(trx, clock.now(), s.admin.orgId, actorOf(s), input))
    if (r.kind === 'saved') return redirectWithFlash(c, '/admin/org', 'orgProfileSaved')
    if (r.kind === 'not_found') return notFound(c)
    const lang = view(c).lang
    const errors = r.refusals.map((x) => ({ field: x.field, text: pick(x, lang) }))
    // What was typed stays in the form, so the person corrects it rather than types it again.
    return page(c, s, { values: input, errors }, 422)
  })

  app.post('/org/logo', async (c) => {
    const s = owner(c)
    if (s instanceof Response) return s
    const body = await c.req.parseBody()
    const file = body.logo
    const lang = view(c).lang
    const refuse = (r: { th: string; en: string }) =>
      page(c, s, { errors: [{ field: 'logo', text: pick(r, lang) }] }, 422)
    // A browser sends an empty, unnamed part when no file was chosen.
    if (!(file instanceof File) || (file.size === 0 && file.name === ''))
      return refuse(logoRefusal('missing'))
    // Its declared size first: an oversized file is refused before its bytes are read.
    if (file.size > LOGO_MAX_BYTES) return refuse(logoRefusal('too_large', file.size))
    const { db, clock, evidence } = c.var.deps
    const bytes = new Uint8Array(await file.arrayBuffer())
    const r = await setOrgLogo(db, evidence, clock.now(), s.admin.orgId, actorOf(s), bytes)
    if (!r.ok) return refuse(r.refusal)
    return redirectWithFlash(c, '/admin/org', 'logoSaved')
  })

  app.post('/org/logo/delete', async (c) => {
    const s = owner(c)
    if (s instanceof Response) return s
    const { db, clock } = c.var.deps
    await db.transaction().execute((trx) => removeOrgLogo(trx, clock.now(), s.admin.orgId, actorOf(s)))
    return redirectWithFlash(c, '/admin/org', 'logoRemoved')
  })
  return app
}
