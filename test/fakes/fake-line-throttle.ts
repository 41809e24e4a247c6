/**
 * Optional load rules for the fake LINE server (`startFakeLine({ throttle })`), for benchmarks:
 * LINE's per-channel rate limit as a token bucket (a 429 "rate limit" beyond it, the request
 * not processed) and a share of calls failing with 500 (not processed either, so a retry with
 * the same key is the first real delivery).
 */
export interface ThrottleOptions {
  /** Requests per second allowed on the paths it applies to (LINE: 2,000 for push). */
  perSecond: number
  /** 0–1: share of requests answered 500 without processing. */
  failRatio?: number
  /** Default: message sending paths (push, multicast, broadcast). */
  path?: RegExp
  random?: () => number
  now?: () => number
}

export interface ThrottleAnswer {
  status: number
  body: { message: string }
}

export interface Throttle {
  /** An answer that replaces processing, or null to process the request normally. */
  check(path: string): ThrottleAnswer | null
  stats(): { allowed: number; limited: number; failed: number }
}

export function createThrottle(o: ThrottleOptions): Throttle {
  const path = o.path ?? /^\/v2\/bot\/message\/(push|multicast|broadcast)$/
  const random = o.random ?? Math.random
  const now = o.now ?? (() => performance.now())
  let tokens = o.perSecond
  let last = now()
  const stats = { allowed: 0, limited: 0, failed: 0 }
  return {
    check(p) {
      if (!path.test(p)) return null
      const t = now()
      tokens = Math.min(o.perSecond, tokens + ((t - last) / 1000) * o.perSecond)
      last = t
      if (tokens < 1) {
        stats.limited++
        return { status: 429, body: { message: 'The API rate limit has been exceeded. Try again later.' } }
      }
      tokens -= 1
      if (random() < (o.failRatio ?? 0)) {
        stats.failed++
        return { status: 500, body: { message: 'Internal Server Error' } }
      }
      stats.allowed++
      return null
    },
    stats: () => ({ ...stats }),
  }
}
