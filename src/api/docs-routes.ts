import type { Context } from 'hono'
import { toBase64 } from '../core/bytes.js'
import type { Lang } from '../core/lang.js'
import { ApiDocsPage } from './docs-page.js'
import type { ApiEnv } from './http.js'
import { openApiDocument } from './openapi.js'

/** GET /api/v1/docs: the reference page (docs-page.tsx), Thai unless ?lang=en. */
export function apiDocs(c: Context<ApiEnv>) {
  const nonce = toBase64(crypto.getRandomValues(new Uint8Array(16)))
  // Its own style only: no script, nothing from elsewhere, not framed, no forms.
  c.header(
    'Content-Security-Policy',
    [
      "default-src 'none'",
      `style-src 'nonce-${nonce}'`,
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  )
  c.header('Cache-Control', 'no-cache')
  const lang: Lang = c.req.query('lang') === 'en' ? 'en' : 'th'
  const other = `${c.req.path}?lang=${lang === 'th' ? 'en' : 'th'}`
  const page = ApiDocsPage({ doc: openApiDocument(), lang, nonce, other })
  return c.html(`<!doctype html>${String(page)}`)
}
