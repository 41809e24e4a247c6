import type { Kysely } from 'kysely'
import type { Keyring } from '../core/keyring.js'
import { normalizeReceipt, verifyReceiptSecret } from '../core/receipt.js'
import type { SecretHasher } from '../core/secret-hash.js'
import type { Database } from '../db/schema.js'
import { FOLLOW_POLICY, type FollowClient, type FollowPolicy, takeAttempt } from './follow-throttle.js'
import { findCaseByCode } from './repository.js'
import { type ComplainantView, complainantView } from './service.js'

// A complainant opens their case with its code and secret, in LINE or on the web. A code that
// does not exist, a case retention made a stub, and a wrong secret are one answer, reached the
// same way (one slow hash each); a guesser is slowed per client and per organization
// (follow-throttle.ts), and a case is never locked, so the complainant always gets in.

/** Longer than any code or secret we issue: refused without a lookup, still at the same cost. */
const CODE_MAX = 40
const SECRET_MAX = 60

export type CaseAccess =
  | { kind: 'ok'; view: ComplainantView }
  /** Unknown code, stub, or wrong secret: deliberately one answer. */
  | { kind: 'wrong' }
  /** This client, or everyone for a moment, tried too often: whatever the code. */
  | { kind: 'throttled'; retryInMinutes: number }

export interface FollowAttempt {
  orgId: string
  client: FollowClient
  code: string
  secret: string
  now: Date
}

export interface FollowOptions {
  /** The slow hash check, the keyring's unless given; tests count its calls. */
  verify?: SecretHasher['verify']
  policy?: FollowPolicy
}

/**
 * Not in a transaction: each count commits at once (follow-throttle-repository.ts), so
 * concurrent attempts wait for one another's increment, never for one another's hash.
 */
export async function openAsComplainant(
  db: Kysely<Database>,
  keyring: Keyring,
  a: FollowAttempt,
  opts: FollowOptions = {},
): Promise<CaseAccess> {
  const slot = await takeAttempt(db, keyring, a.orgId, a.client, a.now, opts.policy ?? FOLLOW_POLICY)
  if (slot.kind === 'throttled') return slot
  const code = normalizeReceipt(a.code)
  const sane = code.length > 0 && code.length <= CODE_MAX && a.secret.length <= SECRET_MAX
  const row = sane ? await findCaseByCode(db, a.orgId, code) : undefined
  const live = row && !row.stub ? row : undefined
  const secrets = { decoy: keyring.secrets.decoy, verify: opts.verify ?? keyring.secrets.verify }
  const ok = await verifyReceiptSecret(live?.secret_hash ?? null, a.secret.slice(0, SECRET_MAX), secrets)
  if (!ok || !live) return { kind: 'wrong' }
  await slot.release()
  return { kind: 'ok', view: await complainantView(db, keyring, live) }
}
