import { type AdminContext, view } from './http.js'
import { MessagePage } from './pages/auth.js'
import type { Session } from './service.js'
import type { Role } from './tables.js'

// What console routes behind a session share: the HTML answer, role gates, the error pages.

export type Status = 200 | 401 | 403 | 404 | 422 | 429
export const html = (c: AdminContext, node: unknown, status: Status = 200) =>
  c.html(`<!doctype html>${String(node)}`, status)

export function requireSession(c: AdminContext): Session {
  const s = c.var.session
  // The session middleware in routes.tsx guarantees a session; reaching here without one is a bug.
  if (!s) throw new Error('admin route without a session')
  return s
}

export function forbidden(c: AdminContext) {
  const v = view(c)
  return html(c, MessagePage({ v, title: '403', message: v.t('forbidden') }), 403)
}

export function notFound(c: AdminContext) {
  const v = view(c)
  return html(c, MessagePage({ v, title: '404', message: v.t('notFound') }), 404)
}

/** The session when its role may (and `also`, when given, holds), else the 403 page. */
export function gate(
  c: AdminContext,
  roles: readonly Role[],
  also: (s: Session) => boolean = () => true,
): Session | Response {
  const s = requireSession(c)
  return roles.includes(s.admin.role) && also(s) ? s : forbidden(c)
}
