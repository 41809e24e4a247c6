import type { Context, MiddlewareHandler } from 'hono'
import { html } from 'hono/html'
import type { AppEnv } from './app-env.js'
import { limitBody } from './core/body-limit.js'
import { defineMessages } from './core/messages.js'

// How large a request body each route takes, decided before any route parses one (README "Body
// limits"). Routes that take files or LINE's events refuse oversized bodies themselves, each
// with the page or JSON its clients read: they are listed here so the app-wide default does not
// cut them short. Every other route gets the limit below, counted before a byte is parsed.

const KB = 1024

/** The sign-in form: an e-mail, a password and a token. */
export const LOGIN_MAX_BODY_BYTES = 8 * KB
/**
 * Console forms behind a session. A broadcast of five 5,000-character Thai messages is about
 * 225 KB once form-encoded (each Thai character is 9 bytes as %XX%XX%XX).
 */
export const CONSOLE_MAX_BODY_BYTES = 1024 * KB
/** Any other route, the simulator's JSON API included (a chat message is at most 5,000 characters). */
export const DEFAULT_MAX_BODY_BYTES = 64 * KB

export type BodyRule =
  /** The route refuses an oversized body itself (its own limit, its own page). */
  { kind: 'route' } | { kind: 'limit'; maxBytes: number; style: 'html' | 'json' }

const ROUTE: BodyRule = { kind: 'route' }
const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`)

/**
 * Routes with their own limit: /webhook (WEBHOOK_MAX_BODY_BYTES), /report (complaint forms from
 * EVIDENCE_MAX_BYTES, follow-up forms a few KB: complaints/web/guard.ts), /api/v1 (512 KB JSON),
 * the budget upload (BUDGET_MAX_UPLOAD_BYTES) and the simulator's photo and file uploads.
 */
export function bodyRuleFor(path: string): BodyRule {
  if (under(path, '/webhook') || under(path, '/report') || under(path, '/api/v1')) return ROUTE
  if (path === '/admin/budget/upload') return ROUTE
  if (path === '/dev/chat/api/image' || path === '/dev/chat/api/file') return ROUTE
  if (path === '/admin/login') return { kind: 'limit', maxBytes: LOGIN_MAX_BODY_BYTES, style: 'html' }
  if (under(path, '/admin')) return { kind: 'limit', maxBytes: CONSOLE_MAX_BODY_BYTES, style: 'html' }
  return { kind: 'limit', maxBytes: DEFAULT_MAX_BODY_BYTES, style: 'json' }
}

const size = (bytes: number) => (bytes >= 1024 * KB ? `${bytes / (1024 * KB)} MB` : `${bytes / KB} KB`)

const limitWords = defineMessages({
  tooLarge: [
    'ข้อมูลที่ส่งมีขนาดเกิน {{size}} ระบบจึงไม่รับและไม่ได้จัดเก็บสิ่งใด',
    'The request is over {{size}}, so nothing was accepted or stored.',
  ],
})

function tooLarge(c: Context, rule: { maxBytes: number; style: 'html' | 'json' }) {
  const { th, en } = limitWords.both('tooLarge', { size: size(rule.maxBytes) })
  c.header('Cache-Control', 'no-store')
  if (rule.style === 'json') return c.json({ error: 'payload_too_large', message: `${th} / ${en}` }, 413)
  // Answered before the console's own headers are set: this page needs nothing but itself.
  c.header('Content-Security-Policy', "default-src 'none'; base-uri 'none'; frame-ancestors 'none'")
  c.header('X-Content-Type-Options', 'nosniff')
  return c.html(
    html`<!doctype html>
      <html lang="th">
        <head><meta charset="utf-8" /><title>413</title></head>
        <body>
          <h1>413</h1>
          <p id="too-large">${th}</p>
          <p lang="en">${en}</p>
          <p><a href="/admin">กลับไปหน้าหลัก · Back to the console</a></p>
        </body>
      </html>`,
    413,
  )
}

/** The app-wide limit: each route's rule, applied before the route (or anything) reads the body. */
export function bodyLimits(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const rule = bodyRuleFor(c.req.path)
    if (rule.kind === 'route') return next()
    return limitBody<AppEnv>(rule.maxBytes, (c) => tooLarge(c, rule))(c, next)
  }
}
