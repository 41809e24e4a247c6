import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Env } from '../../config.js'
import { html, type WebEnv } from './http.js'
import { translator } from './i18n.js'
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

/** `page` is the form the refusal leads back to, under the organization's base path. */
export function reportBodyGuard(page: '' | '/follow'): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const back = `${c.var.base ?? '/report'}${page}`
    const total = totalFilesBytes(c.var.deps.config.env)
    const limit = bodyLimit({
      maxSize: total + FORM_OVERHEAD,
      onError: () => {
        const lang = c.var.lang
        const t = translator(lang)
        c.var.deps.log.info('complaint.web', { outcome: 'too_large' })
        return html(
          c,
          MessagePage({
            p: { t, lang, nonce: c.var.nonce, base: c.var.base ?? '/report' },
            title: '413',
            message: t('tooLarge', { total: toMb(total) }),
            id: 'too-large',
            back: { href: lang === 'en' ? `${back}?lang=en` : back, label: t('backToForm') },
          }),
          413,
        )
      },
    })
    return limit(c, next)
  }
}
