import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { THROTTLE_WINDOW_MS } from './throttle.js'

/**
 * Failed sign-ins are read only within the throttle's window (service.ts `refusal`): older rows
 * decide nothing. They are kept four windows (an hour), so a clock a little off never drops one
 * still counted, and then deleted by the minute's housekeeping. The audit log keeps each failure
 * ("login.failed") for as long as audits are kept; this table is only the throttle's memory.
 */
export const LOGIN_FAILURES_KEPT_MS = 4 * THROTTLE_WINDOW_MS

export async function purgeLoginFailures(db: Kysely<Database>, now: Date): Promise<number> {
  const r = await db
    .deleteFrom('admin_login_failures')
    .where('at', '<', new Date(now.getTime() - LOGIN_FAILURES_KEPT_MS))
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}
