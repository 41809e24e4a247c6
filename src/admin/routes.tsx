import { Hono } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { AdminContext, AdminEnv } from '../app-env.js'
import { LoginPage, PasswordPage } from '../console/auth-pages.js'
import { CSRF_FIELD, LOGIN_CSRF_COOKIE, tokensMatch } from '../console/csrf.js'
import {
  clearSessionCookie,
  clientAddress,
  form,
  noteUntrustedProxy,
  readHostCookie,
  readSessionCookie,
  sameOrigin,
  securityHeaders,
  view,
  writeHostCookie,
  writeSessionCookie,
} from '../console/http.js'
import { consoleWords, LANG_COOKIE, pickLang } from '../console/i18n.js'
import { MessagePage } from '../console/message-page.js'
import { html } from '../console/respond.js'
import { randomToken } from '../console/session.js'
import { toBase64 } from '../core/bytes.js'
import { brandOf } from '../orgs/profile.js'
import { getOrg } from '../orgs/service.js'
import { consoleRoutes } from './console-routes.js'
import { changePassword, loadSession, login, logout } from './service.js'

function refuseCsrf(c: AdminContext) {
  const v = view(c)
  return html(c, MessagePage({ v, title: '403', message: v.t('csrf') }), 403)
}

function loginPage(
  c: AdminContext,
  opts: { message?: string; error?: boolean; email?: string },
  status: 200 | 401 | 429 = 200,
) {
  // Login has no session yet: a double-submit cookie stands in for the synchronizer token.
  const token = randomToken()
  writeHostCookie(c, LOGIN_CSRF_COOKIE, token)
  const v = { ...view(c), csrf: token }
  return html(c, LoginPage({ v, ...opts }), status)
}

/** The console at /admin: server-rendered, no JavaScript, Thai first. */
export function adminRoutes() {
  const app = new Hono<AdminEnv>()

  app.use('*', async (c, next) => {
    const nonce = toBase64(crypto.getRandomValues(new Uint8Array(16)))
    c.set('nonce', nonce)
    const q = c.req.query('lang')
    if (q === 'th' || q === 'en')
      setCookie(c, LANG_COOKIE, q, { path: '/admin', sameSite: 'Lax', httpOnly: true })
    c.set('lang', pickLang(q, getCookie(c, LANG_COOKIE)))
    c.set('session', null)
    c.set('brand', null)
    securityHeaders(c, nonce)
    await next()
  })

  app.get('/login', (c) => {
    const m = c.req.query('m')
    const t = consoleWords(c.var.lang)
    return loginPage(c, { message: m && consoleWords.has(m) ? t(m) : undefined, error: m === 'expired' })
  })

  app.post('/login', async (c) => {
    const { deps } = c.var
    const f = await form(c)
    const cookieToken = readHostCookie(c, LOGIN_CSRF_COOKIE)
    if (!sameOrigin(c)) return refuseCsrf(c)
    if (!tokensMatch(cookieToken, f(CSRF_FIELD))) return refuseCsrf(c)
    const now = deps.clock.now()
    const email = f('email')
    noteUntrustedProxy(c)
    const result = await deps.db
      .transaction()
      .execute((trx) =>
        login(
          trx,
          { keyring: deps.keyring, now },
          { email, password: f('password'), address: clientAddress(c) },
        ),
      )
    const v = view(c)
    if (!result.ok) {
      if (result.reason === 'wait') {
        const seconds = Math.max(1, Math.ceil((result.until.getTime() - now.getTime()) / 1000))
        c.header('Retry-After', String(seconds))
        const message = `${v.t('waitBefore')} ${seconds} ${v.t('waitAfter')}`
        return loginPage(c, { message, error: true, email }, 429)
      }
      if (result.reason === 'locked') {
        c.header(
          'Retry-After',
          String(Math.max(1, Math.ceil((result.until.getTime() - now.getTime()) / 1000))),
        )
        const until = `${v.date(result.until)}`
        return loginPage(c, { message: `${v.t('locked')} ${until}`, error: true, email }, 429)
      }
      return loginPage(c, { message: v.t('invalidLogin'), error: true, email }, 401)
    }
    writeSessionCookie(c, result.cookie)
    return c.redirect(result.admin.mustChangePassword ? '/admin/password' : '/admin/home', 303)
  })

  // Every route below needs a live session; non-GET ones also a matching CSRF token.
  app.use('*', async (c, next) => {
    const { deps } = c.var
    const found = await loadSession(
      deps.db,
      { keyring: deps.keyring, now: deps.clock.now() },
      readSessionCookie(c),
    )
    if (found.kind !== 'ok') {
      clearSessionCookie(c)
      return c.redirect(found.kind === 'expired' ? '/admin/login?m=expired' : '/admin/login', 303)
    }
    const session = found.session
    c.set('session', session)
    const org = await getOrg(deps.db, session.admin.orgId)
    c.set('brand', org ? brandOf(org, c.var.lang) : null)
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      if (!sameOrigin(c)) return refuseCsrf(c)
      const f = await form(c)
      if (!tokensMatch(session.csrfToken, f(CSRF_FIELD))) return refuseCsrf(c)
    }
    const passwordPaths = ['/admin/password', '/admin/logout']
    if (session.admin.mustChangePassword && !passwordPaths.includes(c.req.path)) {
      return c.redirect('/admin/password', 303)
    }
    await next()
  })

  app.get('/', (c) => c.redirect('/admin/home', 303))

  app.post('/logout', async (c) => {
    const { deps, session } = c.var
    if (session) await deps.db.transaction().execute((trx) => logout(trx, deps.clock.now(), session))
    clearSessionCookie(c)
    return c.redirect('/admin/login?m=loggedOut', 303)
  })

  app.get('/password', (c) => html(c, PasswordPage({ v: view(c) })))

  app.post('/password', async (c) => {
    const { deps, session } = c.var
    if (!session) return c.redirect('/admin/login', 303)
    const f = await form(c)
    const input = { current: f('current'), next: f('next'), confirm: f('confirm') }
    const r = await deps.db
      .transaction()
      .execute((trx) => changePassword(trx, deps.clock.now(), session, input, deps.keyring.secrets))
    const v = view(c)
    if (!r.ok) return html(c, PasswordPage({ v, message: v.t(r.reason), error: true }), 422)
    c.set('session', { ...session, admin: { ...session.admin, mustChangePassword: false } })
    return html(c, PasswordPage({ v: view(c), message: v.t('passwordChanged') }))
  })

  app.route('/', consoleRoutes())
  return app
}
