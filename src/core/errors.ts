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

/** The database could not be reached: LINE must redeliver, so answer 503 rather than 500. */
export class DatabaseUnavailableError extends AppError {
  constructor() {
    super(503, 'database_unavailable', 'The database is unreachable; please retry.')
    this.name = 'DatabaseUnavailableError'
  }
}
