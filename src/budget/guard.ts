import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { html } from 'hono/html'
import type { AppEnv } from '../app-env.js'
import { tooLarge } from './import.js'

// Refuses an oversized budget upload from its Content-Length (or, without one, as soon as the
// stream passes the limit), before the console's CSRF check parses the multipart body: a 20 MB
// file is never read into memory. Mounted ahead of /admin in app.ts.

/** The multipart framing around the file: boundaries, part headers, the other form fields. */
const FORM_OVERHEAD = 64 * 1024

export function budgetUploadGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const max = c.var.deps.config.env.BUDGET_MAX_UPLOAD_BYTES
    const limit = bodyLimit({
      maxSize: max + FORM_OVERHEAD,
      onError: (c) => {
        const declared = Number(c.req.header('content-length') ?? Number.NaN)
        const issue = tooLarge(Number.isFinite(declared) ? declared : max + FORM_OVERHEAD + 1, max)
        // No session is read here (the body never is): a plain bilingual page, with the way back.
        return c.html(
          html`<!doctype html>
            <html lang="th">
              <head><meta charset="utf-8" /><title>413</title></head>
              <body>
                <h1>413</h1>
                <p id="too-large">${issue.th}</p>
                <p lang="en">${issue.en}</p>
                <p><a href="/admin/budget/upload">กลับไปหน้าอัปโหลด · Back to the upload form</a></p>
              </body>
            </html>`,
          413,
        )
      },
    })
    return limit(c, next)
  }
}
