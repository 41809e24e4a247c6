import { fromBase64, timingSafeEqual, toBase64, utf8 } from '../core/bytes.js'

// PBKDF2-SHA256 through WebCrypto: the one slow KDF that Workers offer. Workers cap it at
// 100,000 iterations, so that is the default; the stored string carries algorithm, iterations
// and salt, so a later deployment can raise the count and rehash at the next login.

export const PASSWORD_ITERATIONS = 100_000
/** workerd refuses more (deriveBits throws): no hash above it is made, or tried, anywhere. */
export const MAX_PASSWORD_ITERATIONS = 100_000
const ALGORITHM = 'pbkdf2-sha256'
const SALT_BYTES = 16
const HASH_BYTES = 32

export async function pbkdf2Sha256(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  bytes = HASH_BYTES,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey('raw', utf8(password.normalize('NFC')), 'PBKDF2', false, [
    'deriveBits',
  ])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    bytes * 8,
  )
  return new Uint8Array(bits)
}

export async function hashPassword(password: string, iterations = PASSWORD_ITERATIONS): Promise<string> {
  if (iterations > MAX_PASSWORD_ITERATIONS) throw new Error(`at most ${MAX_PASSWORD_ITERATIONS} iterations`)
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  const hash = await pbkdf2Sha256(password, salt, iterations)
  return `${ALGORITHM}$${iterations}$${toBase64(salt)}$${toBase64(hash)}`
}

/** Constant-time check; a malformed stored string verifies nothing rather than throwing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [algorithm, iter, salt, hash] = stored.split('$')
  const iterations = Number(iter)
  const countOk = Number.isInteger(iterations) && iterations >= 1 && iterations <= MAX_PASSWORD_ITERATIONS
  if (algorithm !== ALGORITHM || !countOk || !salt || !hash) {
    return false
  }
  let expected: Uint8Array
  let saltBytes: Uint8Array<ArrayBuffer>
  try {
    expected = fromBase64(hash)
    saltBytes = fromBase64(salt)
  } catch {
    return false
  }
  const actual = await pbkdf2Sha256(password, saltBytes, iterations, expected.length)
  return timingSafeEqual(actual, expected)
}

/** A stored hash below today's iteration count is rehashed after a successful login. */
export function needsRehash(stored: string, iterations = PASSWORD_ITERATIONS): boolean {
  const [algorithm, iter] = stored.split('$')
  return algorithm !== ALGORITHM || Number(iter) < iterations
}

/** A one-time password people can type: 16 characters without look-alikes (~ 80 bits). */
export function generatePassword(length = 16): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const out: string[] = []
  // Rejection sampling keeps every character equally likely.
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (b < 256 - (256 % alphabet.length) && out.length < length)
        out.push(alphabet[b % alphabet.length] ?? '')
    }
  }
  return out.join('')
}

export const MIN_PASSWORD_LENGTH = 12
