import { Hono } from 'hono'
import type { AdminContext, AdminEnv } from '../app-env.js'
import { readAudit } from '../audit/service.js'
import { broadcastRoutes } from '../broadcasts/console/routes.js'
import { budgetRoutes } from '../budget/routes.js'
import { announceDeps, announceOfficerGrantsSafely } from '../complaints/officers/announce.js'
import { complaintRoutes } from '../complaints/routes.js'
import { form, view } from '../console/http.js'
import { gate, html, notFound, requireSession } from '../console/respond.js'
import type { Role, Session } from '../console/session.js'
import { engagementRoutes } from '../engagement/routes.js'
import { evidenceRoutes } from '../evidence/routes.js'
import { giftRoutes } from '../nogift/routes.js'
import { PLACEHOLDER_NAME_TH } from '../orgs/profile.js'
import { getOrg } from '../orgs/service.js'
import { questionRoutes } from '../questions/routes.js'
import { createAccount, disableAccount, listAccountViews } from './accounts.js'
import { homeCounts, listGroups, setGroupLabels } from './groups.js'
import { lineLinkRoutes } from './line-link-routes.js'
import { orgProfileRoutes } from './org-profile-routes.js'
import { orgRoutes } from './org-routes.js'
import { AccountsPage, AuditPage, GroupsPage, HomePage } from './pages/console.js'
import { tokenRoutes } from './token-routes.js'

const LABELLERS: readonly Role[] = ['owner', 'broadcaster']

/** Console pages behind a session. Every query is scoped by the session's organization. */
export function consoleRoutes() {
  const app = new Hono<AdminEnv>()

  app.get('/home', async (c) => {
    const s = requireSession(c)
    const { db } = c.var.deps
    // An owner is reminded while the organization still has the name it was installed with.
    const org = s.admin.role === 'owner' ? await getOrg(db, s.admin.orgId) : null
    const unnamed = org?.nameTh === PLACEHOLDER_NAME_TH
    return html(c, HomePage({ v: view(c), counts: await homeCounts(db, s.admin.orgId), unnamed }))
  })

  const groupsPage = async (c: AdminContext, s: Session, msg?: { message: string; error: boolean }) =>
    GroupsPage({
      v: view(c),
      groups: await listGroups(c.var.deps.db, s.admin.orgId),
      canLabel: LABELLERS.includes(s.admin.role),
      ...msg,
    })

  app.get('/groups', async (c) => html(c, await groupsPage(c, requireSession(c))))

  app.post('/groups/labels', async (c) => {
    const s = gate(c, LABELLERS)
    if (s instanceof Response) return s
    const f = await form(c)
    const { db, clock } = c.var.deps
    const r = await db
      .transaction()
      .execute((trx) => setGroupLabels(trx, clock.now(), s, f('chat'), f('labels')))
    if (!r.ok && r.reason === 'not_found') return notFound(c)
    const v = view(c)
    const msg = r.ok
      ? { message: v.t('saved'), error: false }
      : { message: v.t('invalidLabels'), error: true }
    return html(c, await groupsPage(c, s, msg), r.ok ? 200 : 422)
  })

  const accountsPage = async (
    c: AdminContext,
    s: Session,
    extra: Partial<Parameters<typeof AccountsPage>[0]> = {},
  ) => AccountsPage({ v: view(c), accounts: await listAccountViews(c.var.deps.db, s.admin.orgId), ...extra })

  app.get('/accounts', async (c) => {
    const s = gate(c, ['owner'])
    if (s instanceof Response) return s
    return html(c, await accountsPage(c, s))
  })

  app.post('/accounts', async (c) => {
    const s = gate(c, ['owner'])
    if (s instanceof Response) return s
    const f = await form(c)
    const { db, clock, keyring } = c.var.deps
    // New accounts always join the creator's organization.
    const input = { orgId: s.admin.orgId, email: f('email'), role: f('role') }
    const r = await db
      .transaction()
      .execute((trx) => createAccount(trx, clock.now(), input, s, keyring.secrets.hash))
    // A new complaint officer is announced in LINE to the others once the grant has committed.
    if (r.ok && input.role === 'complaint_officer') {
      const d = c.var.deps
      d.background(() => announceOfficerGrantsSafely(announceDeps(d), d.clock.now(), s.admin.orgId))
    }
    const v = view(c)
    if (!r.ok)
      return html(
        c,
        await accountsPage(c, s, {
          message: v.t(r.reason === 'no_org' ? 'notFound' : r.reason),
          error: true,
        }),
        422,
      )
    return html(
      c,
      await accountsPage(c, s, {
        oneTime: { email: input.email.trim().toLowerCase(), password: r.password },
      }),
    )
  })

  app.post('/accounts/disable', async (c) => {
    const s = gate(c, ['owner'])
    if (s instanceof Response) return s
    const f = await form(c)
    const { db, clock } = c.var.deps
    const r = await db.transaction().execute((trx) => disableAccount(trx, clock.now(), s, f('id')))
    if (!r.ok && r.reason === 'not_found') return notFound(c)
    const v = view(c)
    const msg = r.ok
      ? { message: v.t('saved') }
      : { message: v.t(r.reason === 'not_found' ? 'notFound' : r.reason), error: true }
    return html(c, await accountsPage(c, s, msg), r.ok ? 200 : 422)
  })

  app.get('/audit', async (c) => {
    const s = gate(c, ['owner'])
    if (s instanceof Response) return s
    return html(c, AuditPage({ v: view(c), entries: await readAudit(c.var.deps.db, s.admin.orgId) }))
  })

  app.route('/', broadcastRoutes())
  app.route('/', lineLinkRoutes())
  app.route('/', orgRoutes())
  app.route('/', orgProfileRoutes())
  app.route('/', tokenRoutes())
  app.route('/', budgetRoutes())
  app.route('/', giftRoutes())
  app.route('/', questionRoutes())
  app.route('/', complaintRoutes())
  app.route('/', engagementRoutes())
  app.route('/', evidenceRoutes())
  return app
}
