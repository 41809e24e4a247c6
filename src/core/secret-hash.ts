import { fromBase64, timingSafeEqual, toBase64, utf8 } from './bytes.js'

// PBKDF2-SHA256 through WebCrypto: the one slow KDF that Workers offer. Workers cap it at
// 100,000 iterations, so that is the default; the stored string carries algorithm, iterations
// and salt, so a later deployment can raise the count and rehash at the next login. Passwords
// (admin/) and receipt secrets (receipt.ts) are hashed alike, through the keyring's hasher.

export const SECRET_HASH_ITERATIONS = 100_000
/** workerd refuses more (deriveBits throws): no hash above it is made, or tried, anywhere. */
export const MAX_SECRET_HASH_ITERATIONS = 100_000
const ALGORITHM = 'pbkdf2-sha256'
const SALT_BYTES = 16
const HASH_BYTES = 32

/** Slow hashes of what people type: passwords and receipt secrets. */
export interface SecretHasher {
  readonly iterations: number
  hash(secret: string): Promise<string>
  /** Constant-time check; a malformed stored string verifies nothing rather than throwing. */
  verify(secret: string, stored: string): Promise<boolean>
  /** A stored hash below this hasher's count is rehashed after a successful login. */
  needsRehash(stored: string): boolean
  /**
   * A well-formed hash at this hasher's count that no secret matches (salt and digest all
   * zeros): what an unknown account or code is checked against, so it costs what a real one costs.
   */
  readonly decoy: string
}

export async function pbkdf2Sha256(
  secret: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  bytes = HASH_BYTES,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey('raw', utf8(secret.normalize('NFC')), 'PBKDF2', false, [
    'deriveBits',
  ])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    bytes * 8,
  )
  return new Uint8Array(bits)
}

async function verify(secret: string, stored: string): Promise<boolean> {
  const [algorithm, iter, salt, hash] = stored.split('$')
  const iterations = Number(iter)
  const countOk = Number.isInteger(iterations) && iterations >= 1 && iterations <= MAX_SECRET_HASH_ITERATIONS
  if (algorithm !== ALGORITHM || !countOk || !salt || !hash) return false
  let expected: Uint8Array
  let saltBytes: Uint8Array<ArrayBuffer>
  try {
    expected = fromBase64(hash)
    saltBytes = fromBase64(salt)
  } catch {
    return false
  }
  const actual = await pbkdf2Sha256(secret, saltBytes, iterations, expected.length)
  return timingSafeEqual(actual, expected)
}

/**
 * The hasher at `iterations`: the default everywhere the bot runs. Tests give their keyring a
 * smaller count (test/helpers/app.ts), which only makes the same code path cheaper.
 */
export function pbkdf2Hasher(iterations = SECRET_HASH_ITERATIONS): SecretHasher {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_SECRET_HASH_ITERATIONS) {
    throw new Error(`secret hash iterations: a whole number from 1 to ${MAX_SECRET_HASH_ITERATIONS}`)
  }
  return {
    iterations,
    async hash(secret) {
      const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
      const hash = await pbkdf2Sha256(secret, salt, iterations)
      return `${ALGORITHM}$${iterations}$${toBase64(salt)}$${toBase64(hash)}`
    },
    verify,
    needsRehash(stored) {
      const [algorithm, iter] = stored.split('$')
      return algorithm !== ALGORITHM || Number(iter) < iterations
    },
    decoy: `${ALGORITHM}$${iterations}$${'A'.repeat(22)}==$${'A'.repeat(43)}=`,
  }
}
