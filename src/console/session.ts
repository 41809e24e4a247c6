import { timingSafeEqual, toBase64, toHex, utf8 } from '../core/bytes.js'
import type { Keyring } from '../core/keyring.js'

// The session cookie carries a random token and an HMAC of it (keyed by the app secret's
// pepper). The database keeps only SHA-256(token): neither a leaked table nor a forged cookie
// yields a session. The `__Host-` prefix pins the cookie to this host, Secure and Path=/.

/** The roles an account may hold: what the header offers and what each route's gate lets in. */
export const ROLES = ['owner', 'broadcaster', 'complaint_officer', 'auditor'] as const
export type Role = (typeof ROLES)[number]

/** Who is signed in, as every console route sees it. */
export interface Admin {
  id: string
  orgId: string
  email: string
  role: Role
  mustChangePassword: boolean
}

export interface Session {
  admin: Admin
  tokenHash: string
  csrfToken: string
}

export const SESSION_COOKIE = 'admin_session'
export const SESSION_IDLE_MS = 30 * 60_000
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000
/** last_seen_at is written at most this often, so browsing is not a write per page. */
export const SESSION_TOUCH_MS = 60_000

const PURPOSE = 'admin-session-cookie'

export function randomToken(bytes = 32): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(bytes)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')
}

export async function hashToken(token: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(token))))
}

export async function signCookie(keyring: Keyring, token: string): Promise<string> {
  return `${token}.${await keyring.pseudonym(PURPOSE, token)}`
}

/** The token inside a signed cookie value, or null when the signature does not match. */
export async function unsignCookie(keyring: Keyring, value: string | undefined): Promise<string | null> {
  if (!value) return null
  const dot = value.lastIndexOf('.')
  if (dot <= 0) return null
  const token = value.slice(0, dot)
  const expected = await keyring.pseudonym(PURPOSE, token)
  return timingSafeEqual(utf8(expected), utf8(value.slice(dot + 1))) ? token : null
}

export type SessionState = 'valid' | 'idle' | 'expired'

/** Pure: whether a session is still usable at `now` (idle and absolute limits). */
export function sessionState(s: { last_seen_at: Date; expires_at: Date }, now: Date): SessionState {
  if (now.getTime() >= s.expires_at.getTime()) return 'expired'
  if (now.getTime() - s.last_seen_at.getTime() >= SESSION_IDLE_MS) return 'idle'
  return 'valid'
}
