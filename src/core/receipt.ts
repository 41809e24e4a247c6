import type { SecretHasher } from './secret-hash.js'

/**
 * Codes and secrets for people who must follow something up without being known (anonymous
 * questions, complaints): a code that says nothing about who or when, a secret shown once and
 * stored only as a slow hash. Anonymous questions lock a code after repeated wrong secrets
 * (checkSecret); complaints slow the guesser instead and answer every code alike
 * (verifyReceiptSecret, complaints/follow-throttle.ts).
 */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789' // no 0/O, 1/I/L: read aloud and retyped
export type Random = (n: number) => Uint8Array
export const systemRandom: Random = (n) => crypto.getRandomValues(new Uint8Array(n))

const pick = (random: Random, n: number) => [...random(n)].map((b) => ALPHABET[b % ALPHABET.length]).join('')

/** "Q-2569-7K3Q9M": prefix, Buddhist year, six random letters (31^6 ≈ 887 million). */
export const newCode = (prefix: string, buddhistYear: number, random: Random) =>
  `${prefix}-${buddhistYear}-${pick(random, 6)}`

/** "H4K9P-2WQ7M": ten random letters, about 50 bits. */
export const newSecret = (random: Random) => `${pick(random, 5)}-${pick(random, 5)}`

/** Codes and secrets are typed back by people: case and surrounding spaces do not matter. */
export const normalizeReceipt = (s: string) => s.trim().toUpperCase()

export const MAX_FAILED_CHECKS = 5
export const LOCK_MS = 15 * 60_000

export type SecretCheck =
  | { kind: 'ok' }
  | { kind: 'locked'; until: Date }
  | { kind: 'wrong'; lockUntil: Date | null }

/** Decides one attempt at a question; the caller stores the failure count and lock it implies. */
export async function checkSecret(
  row: { secret_hash: string; failed_checks: number; locked_until: Date | null },
  secret: string,
  now: Date,
  secrets: Pick<SecretHasher, 'verify'>,
): Promise<SecretCheck> {
  if (row.locked_until && row.locked_until.getTime() > now.getTime())
    return { kind: 'locked', until: row.locked_until }
  if (await secrets.verify(normalizeReceipt(secret), row.secret_hash)) return { kind: 'ok' }
  const lock = row.failed_checks + 1 >= MAX_FAILED_CHECKS ? new Date(now.getTime() + LOCK_MS) : null
  return { kind: 'wrong', lockUntil: lock }
}

/**
 * Exactly one slow verification whether or not the code exists (`hash` null: it does not, and
 * the hasher's decoy is checked instead), so neither the answer nor its time tells the two
 * apart. Counting is the caller's: per client, never per code.
 */
export async function verifyReceiptSecret(
  hash: string | null,
  secret: string,
  secrets: Pick<SecretHasher, 'verify' | 'decoy'>,
): Promise<boolean> {
  const ok = await secrets.verify(normalizeReceipt(secret), hash ?? secrets.decoy)
  return ok && hash !== null
}
