import type { Context } from 'hono'
import { type ConsoleEnv, varsOf } from './env.js'
import { view } from './http.js'
import { MessagePage } from './message-page.js'
import type { Role, Session } from './session.js'

// What console routes behind a session share: the HTML answer, role gates, the error pages.

export type Status = 200 | 401 | 403 | 404 | 422 | 429
export const html = <E extends ConsoleEnv>(c: Context<E>, node: unknown, status: Status = 200) =>
  c.html(`<!doctype html>${String(node)}`, status)

export function requireSession<E extends ConsoleEnv>(c: Context<E>): Session {
  const s = varsOf(c).session
  // admin/routes.tsx's session middleware guarantees a session: reaching here without one is a bug.
  if (!s) throw new Error('admin route without a session')
  return s
}

export function forbidden<E extends ConsoleEnv>(c: Context<E>) {
  const v = view(c)
  return html(c, MessagePage({ v, title: '403', message: v.t('forbidden') }), 403)
}

export function notFound<E extends ConsoleEnv>(c: Context<E>) {
  const v = view(c)
  return html(c, MessagePage({ v, title: '404', message: v.t('notFound') }), 404)
}

/** The session when its role may (and `also`, when given, holds), else the 403 page. */
export function gate<E extends ConsoleEnv>(
  c: Context<E>,
  roles: readonly Role[],
  also: (s: Session) => boolean = () => true,
): Session | Response {
  const s = requireSession(c)
  return roles.includes(s.admin.role) && also(s) ? s : forbidden(c)
}
