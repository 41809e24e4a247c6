import type { Kysely } from 'kysely'
import { utf8 } from '../../src/core/bytes.js'
import type { Keyring } from '../../src/core/keyring.js'
import type { Database } from '../../src/db/schema.js'

// A case written straight into the table, so follow-up tests depend only on what follow-up
// reads: the code, the secret's hash, whether retention made it a stub.

export const REAL_CODE = 'C-2569-K7Q9MX'
export const UNKNOWN_CODE = 'C-2569-ZZZZZZ'
export const SECRET = 'H4K9P-2WQ7M'
export const WRONG = 'AAAAA-AAAAA'

export async function seedCase(
  db: Kysely<Database>,
  keyring: Keyring,
  o: { code?: string; secret?: string; stub?: boolean; orgId?: string } = {},
): Promise<{ id: string; code: string; secret: string; secretHash: string }> {
  const id = crypto.randomUUID()
  const code = o.code ?? REAL_CODE
  const secret = o.secret ?? SECRET
  const secretHash = await keyring.secrets.hash(secret)
  await db
    .insertInto('complaint_cases')
    .values({
      id,
      org_id: o.orgId ?? 'default',
      code,
      secret_hash: secretHash,
      channel: 'web',
      category: 'bribery',
      identity: 'anonymous',
      content: o.stub ? null : await keyring.seal(utf8(JSON.stringify({ what: 'x' }))),
      identity_sealed: null,
      notify_to: null,
      key_id: keyring.keyId,
      received_on: '2026-11-22',
      ack_due: '2026-11-29',
      feedback_due: '2027-02-20',
      stub: o.stub ?? false,
    })
    .execute()
  return { id, code, secret, secretHash }
}

export const throttleRows = (db: Kysely<Database>) =>
  db.selectFrom('complaint_follow_throttle').selectAll().orderBy('key').execute()
