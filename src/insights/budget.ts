import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { callsSince, insertCall, lockInsightOrg, pruneCalls } from './repository.js'

const HOUR_MS = 3_600_000
/**
 * A call is counted at the tick's time, a little before it is made: the window is widened by
 * that much, so LINE's own rolling hour never sees more than the limit.
 */
const SLACK_MS = 2 * 60_000

export type Slot = { ok: true } | { ok: false; freeAt: Date }

/**
 * Takes one of the organization's insight requests for the rolling hour, or says when one
 * frees up. The organization's row is locked while counting, so two processes (or the Node
 * cron and a Worker cron) never take the 61st between them.
 */
export async function takeSlot(
  db: Kysely<Database>,
  orgId: string,
  now: Date,
  perHour: number,
): Promise<Slot> {
  const window = HOUR_MS + SLACK_MS
  const since = new Date(now.getTime() - window)
  return db.transaction().execute(async (trx) => {
    await lockInsightOrg(trx, orgId)
    await pruneCalls(trx, orgId, since)
    const { n, oldest } = await callsSince(trx, orgId, since)
    if (Number(n) >= perHour) {
      return { ok: false, freeAt: new Date((oldest ?? now).getTime() + window) }
    }
    await insertCall(trx, orgId, now)
    return { ok: true }
  })
}
