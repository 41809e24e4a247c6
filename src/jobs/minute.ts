import type { Kysely } from 'kysely'
import { purgeLoginFailures } from '../admin/login-failures.js'
import { complaintHousekeeping } from '../complaints/housekeeping.js'
import type { Config } from '../config.js'
import { errorFields, type Logger } from '../core/logger.js'
import type { Database } from '../db/schema.js'
import { purgeExpiredSessions } from '../dialogues/repository.js'
import type { Flows } from '../flows/types.js'
import { collectLineStatistics } from '../insights/job.js'
import type { LineResolver } from '../line/port.js'
import { ensureCalendarReminders } from '../nogift/calendar.js'
import { listOrgs } from '../orgs/repository.js'
import { DEFAULT_ORG } from '../webhook/channels.js'

export interface HousekeepingDeps {
  db: Kysely<Database>
  flows: Flows
  log: Logger
  /** Complaint deadline reminders go out only when the caller passes both. */
  lines?: LineResolver
  config?: Config
  /** The agency's zone (config.timeZone): reminders, retention and LINE's statistics go by its clock. */
  timeZone: string
}

/**
 * The minute's housekeeping, beside the broadcast tick (Node's cron and the Worker's
 * `scheduled` both call it): destroy expired form drafts and failed sign-ins the throttle no
 * longer reads, put each organization's seasonal
 * reminders into its schedule, and fetch LINE's statistics once a day. Each part is
 * independent: one failing is logged and does not stop the others or the tick.
 */
export async function housekeeping(deps: HousekeepingDeps, now: Date): Promise<void> {
  try {
    const n = await purgeExpiredSessions(deps.db, now)
    if (n > 0) deps.log.info('dialogues.expired', { count: n })
  } catch (err) {
    deps.log.error('dialogues.purge_failed', errorFields(err))
  }
  try {
    const n = await purgeLoginFailures(deps.db, now)
    if (n > 0) deps.log.info('admin.login_failures_purged', { count: n })
  } catch (err) {
    deps.log.error('admin.login_failures_purge_failed', errorFields(err))
  }
  const orgs = new Set([DEFAULT_ORG, ...(await listOrgs(deps.db)).map((o) => o.slug)])
  for (const org of orgs) {
    try {
      const n = await ensureCalendarReminders(deps.db, deps.flows, org, now, deps.timeZone)
      if (n > 0) deps.log.info('calendar.reminders_created', { org, count: n })
    } catch (err) {
      deps.log.error('calendar.failed', { org, ...errorFields(err) })
    }
  }
  // Complaints: retention stubs, expired draft evidence, deadline reminders (logs its own failures).
  await complaintHousekeeping(deps, now)
  // LINE's own statistics, once a day per organization (logs its own failures).
  if (deps.lines) {
    await collectLineStatistics(
      { db: deps.db, lines: deps.lines, log: deps.log, timeZone: deps.timeZone },
      orgs,
      now,
    )
  }
}
