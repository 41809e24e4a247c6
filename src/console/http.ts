import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { addressOf } from '../core/client-address.js'
import { formatDateTimeEn, formatThaiDateTime } from '../core/time/index.js'
import { originAllowed } from './csrf.js'
import { type ConsoleDeps, type ConsoleEnv, varsOf } from './env.js'
import { consoleWords } from './i18n.js'
import type { View } from './layout.js'
import { SESSION_COOKIE } from './session.js'

// What every console route reads and writes of a request: cookies, the client's address, the
// page's view, form fields, the origin check, and the console's one CSP.

const COOKIE = { prefix: 'host', path: '/', secure: true, httpOnly: true, sameSite: 'Lax' } as const

export const readSessionCookie = <E extends ConsoleEnv>(c: Context<E>) => getCookie(c, SESSION_COOKIE, 'host')
export const writeSessionCookie = <E extends ConsoleEnv>(c: Context<E>, value: string) =>
  setCookie(c, SESSION_COOKIE, value, COOKIE)
export const clearSessionCookie = <E extends ConsoleEnv>(c: Context<E>) =>
  deleteCookie(c, SESSION_COOKIE, COOKIE)
export const readHostCookie = <E extends ConsoleEnv>(c: Context<E>, name: string) =>
  getCookie(c, name, 'host')
export const writeHostCookie = <E extends ConsoleEnv>(c: Context<E>, name: string, value: string) =>
  setCookie(c, name, value, COOKIE)

/** The client's address for the console's per-address throttling (core/client-address.ts; TRUST_PROXY). */
export function clientAddress<E extends { Variables: { deps: ConsoleDeps } }>(c: Context<E>): string {
  const { deps }: { deps: ConsoleDeps } = c.var
  return addressOf(c, deps.config.env.TRUST_PROXY)
}

// Behind a proxy left untrusted, every client shares the proxy's address, so one guesser makes
// all of them wait: said once per app, from the console's sign-in only (a line from the
// complaint pages would date a complainant's visit), naming no address.
const warnedUntrustedProxy = new WeakSet<ConsoleDeps>()
export function noteUntrustedProxy<E extends ConsoleEnv>(c: Context<E>): void {
  const { deps } = varsOf(c)
  if (deps.config.env.TRUST_PROXY > 0 || !c.req.header('x-forwarded-for')) return
  if (warnedUntrustedProxy.has(deps)) return
  warnedUntrustedProxy.add(deps)
  deps.log.warn('proxy.untrusted', {
    note: 'requests carry X-Forwarded-For but TRUST_PROXY=0: behind a proxy, set TRUST_PROXY to its hops or every client shares one throttle address',
  })
}

export function view<E extends ConsoleEnv>(c: Context<E>): View {
  const { lang, deps, session, nonce, brand } = varsOf(c)
  const tz = deps.config.timeZone
  return {
    t: consoleWords(lang),
    lang,
    nonce,
    csrf: session?.csrfToken ?? '',
    admin: session?.admin ?? null,
    orgName: brand?.name ?? '',
    orgShort: brand?.shortName ?? '',
    orgLogo: brand?.logoUrl ?? null,
    path: c.req.path,
    search: new URL(c.req.url).search,
    date: (d) => (lang === 'en' ? formatDateTimeEn(d, tz) : formatThaiDateTime(d, tz)),
  }
}

/** Form fields as strings: a missing or file field is the empty string. */
export async function form<E extends ConsoleEnv>(c: Context<E>): Promise<(name: string) => string> {
  const body = await c.req.parseBody()
  return (name) => {
    const v = body[name]
    return typeof v === 'string' ? v : ''
  }
}

/** Origin and Sec-Fetch-Site checks for a state-changing request (see csrf.ts). */
export const sameOrigin = <E extends ConsoleEnv>(c: Context<E>) =>
  originAllowed(
    c.req.header('origin'),
    c.req.url,
    varsOf(c).deps.config.env.PUBLIC_BASE_URL,
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

export function securityHeaders<E extends ConsoleEnv>(c: Context<E>, nonce: string): void {
  c.header('Content-Security-Policy', consoleCsp(nonce))
  c.header('Cache-Control', 'no-store')
}
