import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** An error that maps to an HTTP answer; everything else becomes a 500 in app.onError. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'AppError'
  }
}
