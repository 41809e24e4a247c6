import type { Kysely } from 'kysely'
import { drawReceipt, enterFilings, submitComplaint } from '../../src/complaints/filings.js'
import { findCaseByCode } from '../../src/complaints/repository.js'
import type { NewComplaint } from '../../src/complaints/service.js'
import type { Keyring } from '../../src/core/keyring.js'
import { type Random, systemRandom } from '../../src/core/receipt.js'
import type { Database } from '../../src/db/schema.js'

/**
 * A complaint filed and entered at once, through the real filing and entry: for tests about
 * what happens to a case after the day's entry (officers, reminders, reports).
 */
export async function fileCase(
  db: Kysely<Database>,
  keyring: Keyring,
  c: NewComplaint,
  opts: { now: Date; timeZone?: string; ackDays?: number; feedbackDays?: number; random?: Random },
): Promise<{ id: string; code: string; secret: string }> {
  const random = opts.random ?? systemRandom
  const receipt = await submitComplaint(
    db,
    keyring,
    { ...c, draftKey: null, files: [] },
    {
      now: opts.now,
      timeZone: opts.timeZone ?? 'Asia/Bangkok',
      random,
      receipt: await drawReceipt(keyring, random),
    },
  )
  await enterFilings(db, keyring, {
    ackDays: opts.ackDays ?? 7,
    feedbackDays: opts.feedbackDays ?? 90,
    random,
  })
  const row = await findCaseByCode(db, c.orgId, receipt.code)
  if (!row) throw new Error('the entry did not write the filed case')
  return { id: row.id, ...receipt }
}

/** The day's entry, now: what tests of filing call before they look at the case tables. */
export function enterNow(t: { deps: { db: Kysely<Database>; keyring: Keyring } }) {
  return enterFilings(t.deps.db, t.deps.keyring, { ackDays: 7, feedbackDays: 90, random: systemRandom })
}
