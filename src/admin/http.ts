import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppDeps } from '../app-env.js'
import { addressOf } from '../core/client-address.js'
import type { Lang } from '../core/lang.js'
import { formatDateTimeEn, formatThaiDateTime } from '../core/time/index.js'
import type { Brand } from '../orgs/profile.js'
import { originAllowed } from './csrf.js'
import { consoleWords } from './i18n.js'
import type { View } from './pages/layout.js'
import type { Session } from './service.js'
import { SESSION_COOKIE } from './session.js'

export type AdminEnv = {
  Variables: {
    deps: AppDeps
    lang: Lang
    nonce: string
    session: Session | null
    /** The signed-in organization's name and logo for the header; null before sign-in. */
    brand: Brand | null
  }
}
export type AdminContext = Context<AdminEnv>

const COOKIE = { prefix: 'host', path: '/', secure: true, httpOnly: true, sameSite: 'Lax' } as const

export const readSessionCookie = (c: AdminContext) => getCookie(c, SESSION_COOKIE, 'host')
export const writeSessionCookie = (c: AdminContext, value: string) =>
  setCookie(c, SESSION_COOKIE, value, COOKIE)
export const clearSessionCookie = (c: AdminContext) => deleteCookie(c, SESSION_COOKIE, COOKIE)
export const readHostCookie = (c: AdminContext, name: string) => getCookie(c, name, 'host')
export const writeHostCookie = (c: AdminContext, name: string, value: string) =>
  setCookie(c, name, value, COOKIE)

/** The client's address for per-address throttling (core/client-address.ts; TRUST_PROXY). */
export const clientAddress = <E extends { Variables: { deps: AppDeps } }>(c: Context<E>): string =>
  addressOf(c, c.var.deps.config.env.TRUST_PROXY)

// Behind a proxy left untrusted, every client shares the proxy's address, so one guesser makes
// all of them wait: said once per app, from the console's sign-in only (a line from the
// complaint pages would date a complainant's visit), naming no address.
const warnedUntrustedProxy = new WeakSet<AppDeps>()
export function noteUntrustedProxy(c: AdminContext): void {
  const { deps } = c.var
  if (deps.config.env.TRUST_PROXY > 0 || !c.req.header('x-forwarded-for')) return
  if (warnedUntrustedProxy.has(deps)) return
  warnedUntrustedProxy.add(deps)
  deps.log.warn('proxy.untrusted', {
    note: 'requests carry X-Forwarded-For but TRUST_PROXY=0: behind a proxy, set TRUST_PROXY to its hops or every client shares one throttle address',
  })
}

export function view(c: AdminContext): View {
  const lang = c.var.lang
  const tz = c.var.deps.config.timeZone
  const session = c.var.session
  return {
    t: consoleWords(lang),
    lang,
    nonce: c.var.nonce,
    csrf: session?.csrfToken ?? '',
    admin: session?.admin ?? null,
    orgName: c.var.brand?.name ?? '',
    orgShort: c.var.brand?.shortName ?? '',
    orgLogo: c.var.brand?.logoUrl ?? null,
    path: c.req.path,
    search: new URL(c.req.url).search,
    date: (d) => (lang === 'en' ? formatDateTimeEn(d, tz) : formatThaiDateTime(d, tz)),
  }
}

/** Form fields as strings: a missing or file field is the empty string. */
export async function form(c: AdminContext): Promise<(name: string) => string> {
  const body = await c.req.parseBody()
  return (name) => {
    const v = body[name]
    return typeof v === 'string' ? v : ''
  }
}

/** Origin and Sec-Fetch-Site checks for a state-changing request (see csrf.ts). */
export const sameOrigin = (c: AdminContext) =>
  originAllowed(
    c.req.header('origin'),
    c.req.url,
    c.var.deps.config.env.PUBLIC_BASE_URL,
    c.req.header('sec-fetch-site'),
  )

/**
 * The console's policy: no script at all; only our nonce'd stylesheet; forms post back to us
 * only. `preview`: a page that shows LINE messages as LINE draws them (the simulator's renderer
 * sanitizes their inline style attributes, and their images may be anywhere on https).
 */
export function consoleCsp(nonce: string, opts: { preview?: boolean } = {}): string {
  return [
    "default-src 'none'",
    "script-src 'none'",
    `style-src 'nonce-${nonce}'`,
    ...(opts.preview
      ? ["style-src-attr 'unsafe-inline'", "img-src 'self' data: https:"]
      : ["img-src 'self' data:"]),
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export function securityHeaders(c: AdminContext, nonce: string): void {
  c.header('Content-Security-Policy', consoleCsp(nonce))
  c.header('Cache-Control', 'no-store')
}
