import type { MiddlewareHandler } from 'hono'
import type { Env } from '../../config.js'
import { limitBody } from '../../core/body-limit.js'
import { html, type WebEnv } from './http.js'
import { type T, webWords } from './i18n.js'
import { backToForm } from './pages/layout.js'
import { MessagePage } from './pages/message.js'

// A web report is refused from its Content-Length (or, without one, as soon as the stream
// passes the limit) before any part of it is parsed: a 30 MB upload is never read into memory.

const MB = 1024 * 1024
/** Boundaries, part headers and the text answers (5,000 Thai characters are 15 KB). */
const FORM_OVERHEAD = 256 * 1024

/** All files of one post together: at least 20 MB, and never less than one file's limit. */
export const totalFilesBytes = (env: Pick<Env, 'EVIDENCE_MAX_BYTES'>) =>
  Math.max(env.EVIDENCE_MAX_BYTES, 20 * MB)
export const toMb = (bytes: number) => Math.round((bytes / MB) * 10) / 10

/** The follow-up's code-and-secret form and the case view: a code, a secret and two tokens. */
export const FOLLOW_FORM_MAX_BYTES = 16 * 1024

/** `page` is the form the refusal leads back to, under the organization's base path. */
export function reportBodyGuard(page: '' | '/follow'): MiddlewareHandler<WebEnv> {
  return (c, next) => {
    const total = totalFilesBytes(c.var.deps.config.env)
    return guard(total + FORM_OVERHEAD, page, (t) => t('tooLarge', { total: toMb(total) }))(c, next)
  }
}

/** The follow-up forms that carry no file (`/follow`, `/follow/case`). */
export function followFormGuard(): MiddlewareHandler<WebEnv> {
  return guard(FOLLOW_FORM_MAX_BYTES, '/follow', (t) =>
    t('formTooLarge', { kb: FOLLOW_FORM_MAX_BYTES / 1024 }),
  )
}

function guard(maxBytes: number, page: '' | '/follow', message: (t: T) => string): MiddlewareHandler<WebEnv> {
  return limitBody<WebEnv>(maxBytes, (c) => {
    const lang = c.var.lang
    const t = webWords(lang)
    const p = { t, lang, nonce: c.var.nonce, base: c.var.base ?? '/report' }
    c.var.deps.log.info('complaint.web', { outcome: 'too_large' })
    const back = backToForm(p, page)
    return html(c, MessagePage({ p, title: '413', message: message(t), id: 'too-large', back }), 413)
  })
}
