import type { Kysely } from 'kysely'
import type { Keyring } from '../core/keyring.js'
import type { Database } from '../db/schema.js'
import { listRawFriendIds, rekeyFriend } from './repository.js'

const FRIENDS_PURPOSE = 'contacts'
/** What LINE user ids look like; a friend key (32 hex) never does. */
const RAW_USER_ID = /^U[0-9a-f]{32}$/

/** The friend registry's key for a LINE user: an HMAC under its own purpose, never the id. */
export const friendKey = (keyring: Keyring, userId: string) => keyring.pseudonym(FRIENDS_PURPOSE, userId)

/**
 * Rows written before the registry was keyed hold raw LINE ids: each becomes its key (the row
 * re-inserted and the raw one deleted, not updated in place). Idempotent; run at start.
 */
export async function rekeyRawFriends(db: Kysely<Database>, keyring: Keyring): Promise<number> {
  let n = 0
  for (const row of await listRawFriendIds(db)) {
    if (!RAW_USER_ID.test(row.user_id)) continue
    await db
      .transaction()
      .execute(async (trx) =>
        rekeyFriend(trx, row.org_id, row.user_id, await friendKey(keyring, row.user_id)),
      )
    n++
  }
  return n
}
