import type { Child } from 'hono/jsx'
import type { Lang } from '../core/lang.js'
import { langHref, type T } from './i18n.js'
import type { Admin } from './session.js'

/** What every page needs; built once per request by the routes. */
export interface View {
  t: T
  lang: Lang
  nonce: string
  csrf: string
  admin: Admin | null
  orgName: string
  /** The organization's short name ('' when none): the header on a phone. */
  orgShort?: string
  /** Where its logo is served, when it has one. */
  orgLogo?: string | null
  path: string
  /** The request's query string (with or without '?'), kept by the language switch. */
  search?: string
  date: (d: Date) => string
}

const css = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,"Noto Sans Thai",sans-serif;color:#1b1f23;background:#f5f6f8}
header{background:#06c755;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
header a{color:#fff}header .org{font-weight:600;flex:1 1 auto;display:flex;gap:.5rem;align-items:center}
header .org img{height:2.2rem;width:auto;max-width:8rem;background:#fff;border-radius:4px;padding:2px}header .org .short{display:none}
@media (max-width:600px){header .org.has-short .full{display:none}header .org.has-short .short{display:inline}}nav{display:flex;flex-wrap:wrap;gap:.4rem 1rem}
main{max-width:960px;margin:0 auto;padding:1rem}h1{font-size:1.3rem}
form.stack{display:grid;gap:.6rem;max-width:28rem}label{display:grid;gap:.2rem}
label.inline{display:flex;gap:.5rem;align-items:center}input[type=radio],input[type=checkbox]{width:auto;margin:0}
form.stack>*,fieldset{min-width:0}form.stack select,form.stack textarea{width:100%}textarea{font:inherit}
input,select,button{font:inherit;padding:.45rem .6rem;border:1px solid #bbb;border-radius:6px;max-width:100%}
button{background:#06c755;color:#fff;border-color:#06c755;cursor:pointer}button.secondary{background:#fff;color:#333}
.msg{padding:.6rem .8rem;border-radius:6px;background:#e8f5e9;margin:.5rem 0}.msg.error{background:#fdecea;color:#8a1c1c}
.cards{display:flex;flex-wrap:wrap;gap:1rem}.card{background:#fff;border-radius:8px;padding:1rem;min-width:10rem}
.card b{display:block;font-size:2rem}.table{width:100%;overflow-x:auto}table{border-collapse:collapse;width:100%;background:#fff}
td,th{padding:.4rem .5rem;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}
form.inline{display:flex;flex-wrap:wrap;gap:.4rem}code{background:#eee;padding:.1rem .3rem;border-radius:4px}
`

export function Csrf(props: { v: View }) {
  return <input type="hidden" name="_csrf" value={props.v.csrf} />
}

export function Msg(props: { text: string | undefined; error?: boolean }) {
  if (!props.text) return null
  return (
    <p class={props.error ? 'msg error' : 'msg'} role={props.error ? 'alert' : 'status'}>
      {props.text}
    </p>
  )
}

/** The organization's logo and name; its short name instead on a phone when it has one. */
function OrgName(props: { v: View }) {
  const { v } = props
  const name = v.orgName || v.t('title')
  return (
    <span class={v.orgShort ? 'org has-short' : 'org'} id="org-name">
      {v.orgLogo ? <img src={v.orgLogo} alt="" id="org-logo" /> : null}
      <span class="full">{name}</span>
      {v.orgShort ? (
        <abbr class="short" title={name}>
          {v.orgShort}
        </abbr>
      ) : null}
    </span>
  )
}

/**
 * `css`: a page's own rules, after the console's (same nonce, so the CSP allows them).
 * `refresh`: seconds after which the page reloads itself, without script (a running broadcast).
 */
export function Layout(props: { v: View; title: string; css?: string; refresh?: number; children: Child }) {
  const { v } = props
  const other: { lang: Lang; label: string } =
    v.lang === 'th' ? { lang: 'en', label: 'English' } : { lang: 'th', label: 'ภาษาไทย' }
  return (
    <html lang={v.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {props.refresh ? <meta http-equiv="refresh" content={String(props.refresh)} /> : null}
        <title>{`${props.title} · ${v.orgShort || v.orgName || v.t('title')}`}</title>
        <link rel="icon" href="data:," />
        <style nonce={v.nonce} dangerouslySetInnerHTML={{ __html: css + (props.css ?? '') }} />
      </head>
      <body>
        <header>
          <OrgName v={v} />
          {v.admin && !v.admin.mustChangePassword ? (
            <nav>
              <a href="/admin/home">{v.t('home')}</a>
              <a href="/admin/groups">{v.t('groups')}</a>
              {v.admin.role !== 'complaint_officer' ? (
                <a href="/admin/broadcasts">{v.t('broadcasts')}</a>
              ) : null}
              {v.admin.role !== 'complaint_officer' ? <a href="/admin/budget">{v.t('budget')}</a> : null}
              {v.admin.role === 'owner' || v.admin.role === 'broadcaster' ? (
                <a href="/admin/questions">{v.t('questions')}</a>
              ) : null}
              {v.admin.role !== 'broadcaster' ? <a href="/admin/gifts">{v.t('gifts')}</a> : null}
              {v.admin.role === 'complaint_officer' ? (
                <a href="/admin/complaints">{v.t('complaints')}</a>
              ) : null}
              {v.admin.role !== 'broadcaster' ? (
                <a href="/admin/complaints/stats">{v.t('complaintStats')}</a>
              ) : null}
              {v.admin.role !== 'complaint_officer' ? <a href="/admin/evidence">{v.t('evidence')}</a> : null}
              {v.admin.role === 'owner' ? <a href="/admin/accounts">{v.t('accounts')}</a> : null}
              {v.admin.role === 'owner' ? <a href="/admin/audit">{v.t('audit')}</a> : null}
              {v.admin.role === 'owner' ? <a href="/admin/org">{v.t('orgProfile')}</a> : null}
              {v.admin.role === 'owner' ? <a href="/admin/api-tokens">{v.t('apiTokens')}</a> : null}
              {v.admin.role === 'owner' && v.admin.orgId === 'default' ? (
                <a href="/admin/orgs">{v.t('orgs')}</a>
              ) : null}
              <a href="/admin/line-link">{v.t('lineLink')}</a>
              <a href="/admin/password">{v.t('changePassword')}</a>
            </nav>
          ) : null}
          <a href={langHref(v.path, v.search ?? '', other.lang)} hreflang={other.lang}>
            {other.label}
          </a>
          {v.admin ? (
            <form method="post" action="/admin/logout" class="inline">
              <Csrf v={v} />
              <button type="submit" class="secondary" id="logout">
                {v.t('logout')}
              </button>
            </form>
          ) : null}
        </header>
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  )
}
