import type { Context, MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { AppDeps } from '../../app-env.js'
import { originAllowed } from '../../console/csrf.js'
import { toBase64 } from '../../core/bytes.js'
import type { Lang } from '../../core/lang.js'
import {
  boundaryOf,
  type FilePart,
  type MultipartLimit,
  type MultipartLimits,
  parseMultipart,
} from '../../core/multipart.js'
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
  status: 200 | 400 | 401 | 403 | 404 | 413 | 422 | 429 | 500 | 503 = 200,
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
export type Body = Record<string, string | FilePart | (string | FilePart)[]>
export const field = (body: Body, name: string): string => {
  const v = body[name]
  return typeof v === 'string' ? v : ''
}

/**
 * What a report or follow-up post may hold: the report form has a dozen fields and a few files
 * (the flows' `max`); a part's headers are a name, a file name and a type.
 */
export const FORM_LIMITS: MultipartLimits = {
  maxParts: 64,
  maxHeaderBytes: 8 * 1024,
  maxFieldBytes: 256 * 1024,
}

/**
 * The posted form, or why it could not be read: a multipart body that does not follow the
 * format, or crosses one of FORM_LIMITS (`limit`). A multipart body is split by
 * core/multipart.ts, off the platform's parser (see there why).
 */
export type FormRead = { ok: true; body: Body } | { ok: false; limit: MultipartLimit | null }

export async function parseForm(c: WebContext): Promise<FormRead> {
  try {
    const boundary = boundaryOf(c.req.header('content-type') ?? '')
    if (boundary === null) return { ok: true, body: stringsOnly(await c.req.parseBody({ all: true })) }
    const parsed = parseMultipart(new Uint8Array(await c.req.arrayBuffer()), boundary, FORM_LIMITS)
    if (!parsed.ok) return { ok: false, limit: parsed.limit ?? null }
    const body: Body = Object.create(null)
    for (const [name, value] of parsed.entries) {
      const had = body[name]
      body[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value]
    }
    return { ok: true, body }
  } catch {
    return { ok: false, limit: null }
  }
}

/** A urlencoded body (or none): text only, as such a form cannot carry a file. */
function stringsOnly(parsed: Record<string, string | File | (string | File)[]>): Body {
  const body: Body = Object.create(null)
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v === 'string') body[k] = v
    else if (Array.isArray(v)) body[k] = v.filter((x): x is string => typeof x === 'string')
  }
  return body
}
