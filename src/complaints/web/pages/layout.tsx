import type { Child } from 'hono/jsx'
import type { Lang } from '../../../core/lang.js'
import type { Brand } from '../../../orgs/profile.js'
import type { T } from '../i18n.js'

/** What every page needs. */
export interface Page {
  t: T
  lang: Lang
  nonce: string
  /** Where this organization's form lives (`/report` or `/report/<org>`); links stay under it. */
  base: string
  /** The organization's name and logo; absent on the page for an unknown organization. */
  brand?: Brand | null
}

const css = `
*{box-sizing:border-box}body{margin:0;font:17px/1.6 system-ui,"Noto Sans Thai","Sarabun",sans-serif;color:#1b1f23;background:#f5f6f8}
header{background:#1f3b73;color:#fff;padding:.6rem 1rem;display:flex;gap:1rem;align-items:center;justify-content:space-between}
header a{color:#fff}header .org{display:flex;gap:.6rem;align-items:center}header .org span{display:grid;line-height:1.3}
header .org img{height:2.6rem;width:auto;max-width:6rem;background:#fff;border-radius:4px;padding:2px}header small{font-size:.85rem;opacity:.9}main{max-width:44rem;margin:0 auto;padding:1rem}h1{font-size:1.35rem;margin:.2rem 0 1rem}
h2{font-size:1.1rem;margin:1.2rem 0 .4rem}.promise{background:#fff;border-left:4px solid #1f3b73;padding:.6rem .9rem;border-radius:6px}
.promise p{margin:.25rem 0}form{display:grid;gap:1rem}fieldset{border:1px solid #ccd;border-radius:8px;padding:.6rem .9rem;background:#fff}
legend{font-weight:600;padding:0 .3rem}label.q{display:grid;gap:.3rem;font-weight:600}label.choice{display:flex;gap:.5rem;align-items:center;font-weight:400;padding:.2rem 0}
input,textarea,select,button{font:inherit;padding:.5rem .6rem;border:1px solid #aab;border-radius:6px;width:100%;max-width:100%}
input[type=radio]{width:auto}textarea{min-height:6rem}button{background:#06c755;color:#fff;border-color:#06c755;font-weight:600;cursor:pointer}
button.secondary{background:#fff;color:#1f3b73;border-color:#1f3b73}form.lang{display:flex;justify-content:flex-end}form.lang button{width:auto;padding:.25rem .8rem}.hint{font-weight:400;color:#555;font-size:.92rem}
.msg{padding:.6rem .8rem;border-radius:6px;background:#e8f5e9;margin:.5rem 0}.msg.error{background:#fdecea;color:#8a1c1c}
.err{color:#8a1c1c;font-weight:600}.problem{display:block;font-weight:400}
.summary{border:3px solid #8a1c1c;background:#fdecea;color:#8a1c1c;padding:.5rem .9rem;border-radius:8px;margin:0 0 1rem}
.summary h2{font-size:1.05rem;margin:.2rem 0;color:#8a1c1c}.summary ul{margin:.3rem 0;padding-left:1.2rem}.summary a{color:#8a1c1c;font-weight:600}
.summary p{margin:.3rem 0}.summary:focus{outline:3px solid #1f3b73;outline-offset:2px}.receipt{background:#fff;border:2px solid #1f3b73;border-radius:8px;padding:1rem}
.receipt code{font-size:1.4rem;letter-spacing:.08em;display:block;word-break:break-all}.thread p{margin:.2rem 0}
.entry{background:#fff;border-radius:8px;padding:.5rem .8rem;margin:.4rem 0}.entry.officer{border-left:4px solid #06c755}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem;background:#fff;padding:.6rem .9rem;border-radius:8px}dt{font-weight:600}dd{margin:0}
`

export function Msg(props: { text: string | undefined; error?: boolean; id?: string }) {
  if (!props.text) return null
  return (
    <p class={props.error ? 'msg error' : 'msg'} role={props.error ? 'alert' : 'status'} id={props.id}>
      {props.text}
    </p>
  )
}

/** Keeps line breaks of stored or typed text without any markup from it. */
export const Lines = (props: { text: string }) => (
  <>
    {props.text.split('\n').map((line) => (
      <p>{line}</p>
    ))}
  </>
)

export function Layout(props: { p: Page; title: string; switchHref?: string; children: Child }) {
  const { p } = props
  return (
    <html lang={p.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex" />
        <title>{props.title}</title>
        <link rel="icon" href="data:," />
        <style nonce={p.nonce} dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <header>
          <span class="org" id="org-name">
            {p.brand?.logoUrl ? <img src={p.brand.logoUrl} alt="" id="org-logo" /> : null}
            <span>
              {p.brand ? <strong>{p.brand.name}</strong> : null}
              {p.brand ? <small>{p.t('title')}</small> : <strong>{p.t('title')}</strong>}
            </span>
          </span>
          {props.switchHref ? (
            <a href={props.switchHref} hreflang={p.lang === 'th' ? 'en' : 'th'} id="switch-lang">
              {p.t('switchLang')}
            </a>
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

/** `/report` in Thai, `/report?lang=en` in English: every link and form keeps the language. */
export const withLang = (path: string, lang: Lang) => (lang === 'en' ? `${path}?lang=en` : path)
export const otherLang = (path: string, lang: Lang) => (lang === 'en' ? path : `${path}?lang=en`)

/** The way back from a refusal page to the form it came from (`''` the report, `/follow`). */
export const backToForm = (p: Page, form: '' | '/follow') => ({
  href: withLang(`${p.base}${form}`, p.lang),
  label: p.t('backToForm'),
})
