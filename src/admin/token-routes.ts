import { Hono } from 'hono'
import { createApiToken, listApiTokens, revokeApiToken } from '../api/tokens.js'
import type { AdminContext, AdminEnv } from '../app-env.js'
import { redirectWithFlash, takeFlash } from '../console/flash.js'
import { form, view } from '../console/http.js'
import { gate, html } from '../console/respond.js'
import type { Session } from '../console/session.js'
import { ApiTokensPage, type ApiTokensProps } from './pages/api-tokens.js'

const OWNERS = ['owner'] as const

const page = async (
  c: AdminContext,
  s: Session,
  extra: Partial<ApiTokensProps> = {},
  status: 200 | 422 = 200,
) => {
  const rows = await listApiTokens(c.var.deps.db, s.admin.orgId)
  const tokens = rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }))
  return html(c, ApiTokensPage({ v: view(c), tokens, ...extra }), status)
}

/** /admin/api-tokens: an owner lists, creates (token shown once) and revokes their organization's tokens. */
export function tokenRoutes() {
  const app = new Hono<AdminEnv>()
  app.get('/api-tokens', async (c) => {
    const s = gate(c, OWNERS)
    return s instanceof Response ? s : page(c, s, takeFlash(c, view(c).t) ?? {})
  })

  // Answered directly (no redirect): the token exists in this answer and nowhere else.
  app.post('/api-tokens', async (c) => {
    const s = gate(c, OWNERS)
    if (s instanceof Response) return s
    const f = await form(c)
    const { db, clock } = c.var.deps
    const input = {
      orgId: s.admin.orgId,
      name: f('name'),
      createdBy: s.admin.id,
      createdByEmail: s.admin.email,
    }
    const r = await db.transaction().execute((trx) => createApiToken(trx, clock.now(), input))
    const v = view(c)
    if (!r.ok)
      return page(c, s, { message: v.t(r.reason === 'no_org' ? 'notFound' : 'token_name'), error: true }, 422)
    return page(c, s, { created: { name: r.row.name, token: r.token } })
  })

  app.post('/api-tokens/revoke', async (c) => {
    const s = gate(c, OWNERS)
    if (s instanceof Response) return s
    const f = await form(c)
    const { db, clock } = c.var.deps
    const { orgId, id, email } = s.admin
    // Scoped by the session's organization: another organization's token id is simply not found.
    const revoked = await db
      .transaction()
      .execute((trx) => revokeApiToken(trx, clock.now(), orgId, f('id'), id, email))
    if (!revoked) return page(c, s, { message: view(c).t('token_gone'), error: true }, 422)
    return redirectWithFlash(c, '/admin/api-tokens', 'tokenRevoked')
  })
  return app
}
