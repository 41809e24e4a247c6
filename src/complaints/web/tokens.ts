import { fromBase64, fromUtf8, timingSafeEqual, toBase64, utf8 } from '../../core/bytes.js'
import type { Keyring } from '../../core/keyring.js'

// Short-lived tokens the web channel hands to the browser in hidden fields: sealed with the
// data key (AES-GCM), so they can be neither read nor forged, and they name no person. A form
// token proves a post comes from a page we served (with the SameSite cookie holding its
// nonce); an access token carries, for a few minutes, that a code and secret were checked.

type Purpose = 'report' | 'case'

interface Claims {
  p: Purpose
  /** Form token: the nonce also held by the cookie. Access token: the case id. */
  v: string
  /** Expiry, epoch milliseconds. */
  e: number
}

const toUrl = (b: Uint8Array) => toBase64(b).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
const fromUrl = (s: string) => fromBase64(s.replaceAll('-', '+').replaceAll('_', '/'))

export const randomNonce = () => toUrl(crypto.getRandomValues(new Uint8Array(18)))

async function issue(keyring: Keyring, claims: Claims): Promise<string> {
  return toUrl(await keyring.seal(utf8(JSON.stringify(claims))))
}

async function open(keyring: Keyring, token: string, purpose: Purpose): Promise<Claims | null> {
  if (!/^[A-Za-z0-9_-]{20,2000}$/.test(token)) return null
  try {
    const claims: unknown = JSON.parse(fromUtf8(await keyring.open(keyring.keyId, fromUrl(token))))
    if (!claims || typeof claims !== 'object') return null
    const { p, v, e } = claims as Record<string, unknown>
    if (p !== purpose || typeof v !== 'string' || typeof e !== 'number') return null
    return { p: purpose, v, e }
  } catch {
    return null
  }
}

export const issueFormToken = (keyring: Keyring, nonce: string, expires: Date) =>
  issue(keyring, { p: 'report', v: nonce, e: expires.getTime() })

export type FormCheck = 'ok' | 'expired' | 'invalid'

/** The token must be ours, for a form, and hold the nonce of the cookie sent with it. */
export async function checkFormToken(
  keyring: Keyring,
  token: string,
  cookieNonce: string | undefined,
  now: Date,
): Promise<FormCheck> {
  const claims = await open(keyring, token, 'report')
  if (!claims || !cookieNonce || !timingSafeEqual(utf8(claims.v), utf8(cookieNonce))) return 'invalid'
  return claims.e > now.getTime() ? 'ok' : 'expired'
}

export const issueAccess = (keyring: Keyring, caseId: string, expires: Date) =>
  issue(keyring, { p: 'case', v: caseId, e: expires.getTime() })

export type AccessCheck =
  | { kind: 'ok'; caseId: string; expires: Date }
  | { kind: 'expired' }
  | { kind: 'invalid' }

export async function checkAccess(keyring: Keyring, token: string, now: Date): Promise<AccessCheck> {
  const claims = await open(keyring, token, 'case')
  if (!claims) return { kind: 'invalid' }
  if (claims.e <= now.getTime()) return { kind: 'expired' }
  return { kind: 'ok', caseId: claims.v, expires: new Date(claims.e) }
}
