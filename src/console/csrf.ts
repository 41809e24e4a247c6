import { timingSafeEqual, utf8 } from '../core/bytes.js'

// Synchronizer tokens: each session row holds its own token, every form carries it, and every
// non-GET request must send it back. The login form, before any session, uses a double-submit
// cookie instead. The Origin header, when a browser sends one, must be this site as well.

export const CSRF_FIELD = '_csrf'
export const LOGIN_CSRF_COOKIE = 'admin_login'

export function tokensMatch(expected: string | null | undefined, given: unknown): boolean {
  if (!expected || typeof given !== 'string' || given.length === 0) return false
  return timingSafeEqual(utf8(expected), utf8(given))
}

/**
 * Where the request came from, as the browser says. `Sec-Fetch-Site` (set by the browser, not
 * by page script) must be same-origin when present. It comes first because under the app-wide
 * `Referrer-Policy: no-referrer` browsers send `Origin: null` on form posts. Without it, a
 * present Origin must be this site (or the public base URL behind a proxy); with neither (old
 * clients, tests) the synchronizer token alone decides.
 */
export function originAllowed(
  origin: string | undefined,
  requestUrl: string,
  publicBaseUrl?: string,
  fetchSite?: string,
): boolean {
  if (fetchSite !== undefined) return fetchSite === 'same-origin'
  if (origin === undefined) return true
  const allowed = [new URL(requestUrl).origin]
  if (publicBaseUrl) allowed.push(new URL(publicBaseUrl).origin)
  return allowed.includes(origin)
}
