import type { Kysely } from 'kysely'
import { safeTick, type TickDeps } from '../broadcasts/tick.js'
import { budgetRunRenderer } from '../budget/schedule.js'
import { runDailyEntrySafely } from '../complaints/entry.js'
import { announceDeps, announceOfficerGrantsSafely } from '../complaints/officers/announce.js'
import type { Config } from '../config.js'
import { rekeyRawFriends } from '../contacts/keys.js'
import type { Clock } from '../core/clock.js'
import type { Keyring } from '../core/keyring.js'
import { errorFields, type Logger } from '../core/logger.js'
import type { Database } from '../db/schema.js'
import type { Flows } from '../flows/types.js'
import type { LineResolver } from '../line/port.js'
import { housekeeping } from './minute.js'

export interface MinuteDeps {
  db: Kysely<Database>
  flows: Flows
  log: Logger
  lines: LineResolver
  config: Config
  keyring: Keyring
  clock: Clock
  /**
   * The broadcasts' pass: Node's loop (src/broadcasts/loop.ts), which goes on following the open
   * runs between minutes; a single pass (safeTick) when absent, as on Workers.
   */
  broadcasts?: (now: Date) => Promise<unknown>
}

/**
 * The scheduler's minute after the inbox: due broadcasts and the housekeeping, side by side. One
 * function for node-cron (src/runtime/node-app.ts) and the Worker's cron trigger
 * (src/worker/services.ts), so a job added here runs on both. A broadcast due at 08:00 goes at
 * 08:00 however long the chores take (LINE's statistics are HTTP calls to LINE); a reminder the
 * chores put into the schedule goes at the next minute's tick. Every part logs its own failures;
 * one that throws is rethrown once both are over, so neither stops the other.
 */
export async function minuteTick(deps: MinuteDeps, now: Date): Promise<void> {
  const sending = deps.broadcasts ? deps.broadcasts(now) : safeTick(broadcastDeps(deps), now)
  const [sent, chores] = await Promise.allSettled([sending, minuteChores(deps, now)])
  if (sent.status === 'rejected') throw sent.reason
  if (chores.status === 'rejected') throw chores.reason
}

async function minuteChores(deps: MinuteDeps, now: Date): Promise<void> {
  const { db, flows, log, lines, config, keyring } = deps
  await housekeeping({ db, flows, log, lines, config, timeZone: config.timeZone }, now)
  // Friend rows from before the registry was keyed get their keys (a no-op once done).
  await rekeyRawFriends(db, keyring).catch((err: unknown) =>
    log.error('contacts.rekey_failed', errorFields(err)),
  )
  // The day's complaint filings into the case tables, once a day (logs its own failures).
  await runDailyEntrySafely({ db, keyring, log, config }, now)
  // New complaint officers not yet announced to the others in LINE (logs its own failures).
  await announceOfficerGrantsSafely(announceDeps({ db, log, lines, keyring, config }), now)
}

/** What the broadcasts' tick needs, from the minute's dependencies. */
export function broadcastDeps(deps: Omit<MinuteDeps, 'broadcasts'>): TickDeps {
  const { db, flows, log, lines, config, keyring, clock } = deps
  // A budget broadcast's runs carry the summary current when each run is created.
  const renderRun = budgetRunRenderer({ flows, timeZone: config.timeZone, log })
  return { db, lineFor: lines, keyring, clock, log, renderRun }
}
