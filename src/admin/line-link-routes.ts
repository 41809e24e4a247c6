import { Hono } from 'hono'
import type { AdminContext, AdminEnv } from '../app-env.js'
import { redirectWithFlash, takeFlash } from '../console/flash.js'
import { view } from '../console/http.js'
import { html, requireSession } from '../console/respond.js'
import type { Session } from '../console/session.js'
import { issueLinkCode, linkedSince, unlinkLine } from './line-link.js'
import { LineLinkPage, type LineLinkProps } from './pages/line-link.js'

const page = async (c: AdminContext, s: Session, extra: Partial<LineLinkProps> = {}) =>
  html(
    c,
    LineLinkPage({
      v: view(c),
      linkedAt: await linkedSince(c.var.deps.db, s.admin.orgId, s.admin.id),
      localMode: c.var.deps.simulator !== null,
      ...extra,
    }),
  )

/** /admin/line-link: every admin may link their own LINE account, for test sends to themselves. */
export function lineLinkRoutes() {
  const app = new Hono<AdminEnv>()
  app.get('/line-link', async (c) => {
    const s = requireSession(c)
    return page(c, s, takeFlash(c, view(c).t) ?? {})
  })
  // The code is shown in this answer only (no redirect): afterwards just its HMAC exists.
  app.post('/line-link/code', async (c) => {
    const s = requireSession(c)
    const { db, keyring, clock } = c.var.deps
    const code = await db.transaction().execute((trx) => issueLinkCode(trx, keyring, clock.now(), s))
    return page(c, s, { code })
  })
  app.post('/line-link/unlink', async (c) => {
    const s = requireSession(c)
    const { db, clock } = c.var.deps
    const removed = await db.transaction().execute((trx) => unlinkLine(trx, clock.now(), s))
    return redirectWithFlash(c, '/admin/line-link', removed ? 'unlinked' : 'notLinkedYet', !removed)
  })
  return app
}
