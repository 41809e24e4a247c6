import type { Context, MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { AppDeps } from '../../app-env.js'
import { originAllowed } from '../../console/csrf.js'
import { toBase64 } from '../../core/bytes.js'
import type { Lang } from '../../core/lang.js'
import type { Brand } from '../../orgs/profile.js'
import { pickLang } from './i18n.js'
import { randomNonce } from './tokens.js'

/**
 * `org` is the organization the page files into and `base` where its form lives: `/report`
 * for the default organization, `/report/<org>` for each one (routes.ts sets them).
 */
export type WebEnv = {
  Variables: {
    deps: AppDeps
    nonce: string
    lang: Lang
    org: string
    base: string
    /** The organization's name and logo in the page's language, for the header. */
    brand: Brand | null
  }
}
export type WebContext = Context<WebEnv>

/** Holds the nonce of the form token; random, short-lived, never stored, names no one. */
export const FORM_COOKIE = 'report_form'
/** How long an access token lets the complainant act on a case after the secret was checked. */
export const ACCESS_MINUTES = 20

/**
 * Every page: a fresh style nonce, no script, nothing from other sites, never framed, never
 * cached, no referrer. The language comes from the query or the form, never a cookie.
 */
export function webHeaders(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const nonce = toBase64(crypto.getRandomValues(new Uint8Array(16)))
    c.set('nonce', nonce)
    c.set('lang', pickLang(c.req.query('lang')))
    c.header(
      'Content-Security-Policy',
      [
        "default-src 'none'",
        "script-src 'none'",
        `style-src 'nonce-${nonce}'`,
        "img-src 'self' data:",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join('; '),
    )
    c.header('Cache-Control', 'no-store')
    c.header('Referrer-Policy', 'no-referrer')
    c.header('X-Robots-Tag', 'noindex')
    await next()
  }
}

export const html = (
  c: WebContext,
  node: unknown,
  status: 200 | 400 | 401 | 403 | 404 | 413 | 422 | 429 | 500 = 200,
) => c.html(`<!doctype html>${String(node)}`, status)

/** Where the post came from, as the browser says (see console/csrf.ts). */
export const sameOrigin = (c: WebContext) =>
  originAllowed(
    c.req.header('origin'),
    c.req.url,
    c.var.deps.config.env.PUBLIC_BASE_URL,
    c.req.header('sec-fetch-site'),
  )

/** The cookie's nonce while it is well formed, else a new one. */
export const randomNonceFor = (current: string | undefined) =>
  current && /^[A-Za-z0-9_-]{24}$/.test(current) ? current : randomNonce()

export const readFormCookie = (c: WebContext) => getCookie(c, FORM_COOKIE, 'host')
export const writeFormCookie = (c: WebContext, nonce: string, maxAgeSeconds: number) =>
  setCookie(c, FORM_COOKIE, nonce, {
    prefix: 'host',
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Strict',
    maxAge: maxAgeSeconds,
  })

/** The body's fields: strings as strings, files as files; repeated names as arrays. */
export type Body = Record<string, string | File | (string | File)[]>
export const field = (body: Body, name: string): string => {
  const v = body[name]
  return typeof v === 'string' ? v : ''
}

/** The posted form, or null when it is not one (malformed multipart, wrong content type). */
export async function parseForm(c: WebContext): Promise<Body | null> {
  try {
    return await c.req.parseBody({ all: true })
  } catch {
    return null
  }
}
