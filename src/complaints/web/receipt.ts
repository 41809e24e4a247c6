import type { Kysely } from 'kysely'
import { verifyPassword } from '../../admin/password.js'
import type { Keyring } from '../../core/keyring.js'
import type { Database } from '../../db/schema.js'
import { type CaseAccess, openAsComplainant } from '../service.js'

// Code + secret from a web form. An unknown code costs the same slow hash as a wrong secret
// and gets the same answer, so guessing codes learns nothing from the reply or its timing.

/** A well-formed hash of nothing anyone knows: verifying against it takes the usual time. */
const DECOY = 'pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='

export type WebAccess = Exclude<CaseAccess, { kind: 'not_found' }>

export async function checkReceipt(
  db: Kysely<Database>,
  keyring: Keyring,
  orgId: string,
  code: string,
  secret: string,
  now: Date,
): Promise<WebAccess> {
  if (code.length === 0 || code.length > 40 || secret.length === 0 || secret.length > 60) {
    await verifyPassword(secret.slice(0, 60), DECOY)
    return { kind: 'wrong' }
  }
  const access = await openAsComplainant(db, keyring, orgId, code, secret, now)
  if (access.kind !== 'not_found') return access
  await verifyPassword(secret, DECOY)
  return { kind: 'wrong' }
}
