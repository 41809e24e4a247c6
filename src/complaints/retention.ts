import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { purgeExpiredDraftFiles } from './drafts.js'
import { listExpiredCases, makeStubs } from './retention-repository.js'

/**
 * Retention, from the minute's housekeeping: a closed case past `expires_on` (closed_on +
 * COMPLAINT_RETENTION_DAYS) keeps only a non-identifying stub for statistics (category,
 * channel, dates, outcome); its content, identity, LINE id, thread, evidence, reveal requests
 * and exclusions are deleted. Draft evidence past its expiry goes too.
 */
export async function applyRetention(
  db: Kysely<Database>,
  today: string,
  now: Date,
): Promise<{ stubs: number; drafts: number }> {
  let stubs = 0
  for (;;) {
    const ids = await listExpiredCases(db, today)
    if (ids.length === 0) break
    const made = await db.transaction().execute((trx) => makeStubs(trx, ids))
    stubs += made
    if (made === 0 || ids.length < 200) break
  }
  const drafts = await purgeExpiredDraftFiles(db, now)
  return { stubs, drafts }
}
