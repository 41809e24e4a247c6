import type { Kysely } from 'kysely'
import type { Config } from '../config.js'
import { errorFields, type Logger } from '../core/logger.js'
import { localDay } from '../core/time/index.js'
import type { Database } from '../db/schema.js'
import type { Flows } from '../flows/types.js'
import type { LineResolver } from '../line/port.js'
import { sendDeadlineReminders } from './reminders.js'
import { applyRetention } from './retention.js'

export interface ComplaintHousekeepingDeps {
  db: Kysely<Database>
  flows: Flows
  log: Logger
  /** Reminders need a channel and the officers' label; without them only retention runs. */
  lines?: LineResolver
  config?: Config
  /** The agency's zone (config.timeZone): retention and deadlines count its days. */
  timeZone: string
}

/** The complaints' part of the minute: retention, then deadline reminders. Failures are logged. */
export async function complaintHousekeeping(deps: ComplaintHousekeepingDeps, now: Date): Promise<void> {
  const { timeZone } = deps
  try {
    const r = await applyRetention(deps.db, localDay(now, timeZone), now)
    if (r.stubs + r.drafts > 0) deps.log.info('complaints.retention', { stubs: r.stubs, drafts: r.drafts })
  } catch (err) {
    deps.log.error('complaints.retention_failed', errorFields(err))
  }
  const { lines, config } = deps
  if (!lines || !config) return
  try {
    const label = config.env.COMPLAINT_OFFICERS_LABEL
    await sendDeadlineReminders(
      { db: deps.db, flows: deps.flows, log: deps.log, lines, timeZone, label },
      now,
    )
  } catch (err) {
    deps.log.error('complaints.reminders_failed', errorFields(err))
  }
}
