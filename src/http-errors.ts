import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { LANG_COOKIE, pickLang } from './console/i18n.js'
import type { Lang } from './core/lang.js'
import { defineMessages } from './core/messages.js'

// What the app answers for a path nobody serves and for an error no route handled: JSON to
// machines (the API, LINE's webhook, health checks, the simulator's API, any client that does
// not ask for HTML), a short page to people (the console, /report, /public), in the language
// the console or the page was read in. Nothing about the error itself is shown: it is logged.

const MACHINE_PATHS = ['/api/', '/webhook', '/healthz', '/dev/chat/api']

const errorPageWords = defineMessages({
  not_found_title: ['ไม่พบหน้าที่ต้องการ', 'Page not found'],
  not_found_body: ['ลิงก์อาจไม่ถูกต้องหรือหน้านี้ถูกย้ายแล้ว', 'The link may be wrong, or the page has moved.'],
  internal_title: ['ขออภัย ระบบขัดข้อง', 'Sorry, something went wrong'],
  internal_body: [
    'กรุณาลองใหม่อีกครั้งในภายหลัง หากยังพบปัญหา โปรดแจ้งผู้ดูแลระบบ',
    'Please try again later. If it keeps happening, tell the administrator.',
  ],
})

/** Whether the request is a machine's, answered in JSON. */
function wantsJson(c: Context): boolean {
  const path = c.req.path
  if (MACHINE_PATHS.some((p) => path === p.replace(/\/$/, '') || path.startsWith(p))) return true
  return !(c.req.header('accept') ?? '').includes('text/html')
}

export function errorResponse(c: Context, kind: 'not_found' | 'internal', status: ContentfulStatusCode) {
  if (wantsJson(c)) {
    const message = `${errorPageWords('en')(`${kind}_title`)} / ${errorPageWords('th')(`${kind}_title`)}`
    return c.json({ error: kind, message }, status)
  }
  // As the console reads it: the `lang` query, else the console's own choice, else Thai.
  const lang = pickLang(c.req.query('lang'), getCookie(c, LANG_COOKIE))
  const other: Lang = lang === 'th' ? 'en' : 'th'
  const t = errorPageWords(lang)
  const title = t(`${kind}_title`)
  const page =
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${title}</title></head><body><main><h1>${title}</h1><p>${t(`${kind}_body`)}</p>` +
    `<p><a href="?lang=${other}">${other === 'en' ? 'English' : 'ภาษาไทย'}</a></p></main></body></html>`
  return c.html(page, status)
}
