import { type Kysely, sql } from 'kysely'
import type { Config } from '../config.js'
import type { Keyring } from '../core/keyring.js'
import { errorFields, type Logger } from '../core/logger.js'
import { type Random, systemRandom } from '../core/receipt.js'
import { localDay, localTime } from '../core/time/index.js'
import type { Database } from '../db/schema.js'
import { type EntryResult, enterFilings } from './filings.js'
import { claimEntryDay, recordEntry } from './filings-repository.js'

type Db = Kysely<Database>

export interface EntryDeps {
  db: Db
  keyring: Keyring
  log: Logger
  config: Config
  random?: Random
}

/**
 * The tables that held a complainant's intake and filings. After the entry they are rewritten
 * (VACUUM FULL), so no dead row version of a draft, a filing, a 1:1 inbox row or an answer stays in the
 * table files; the case tables themselves are only ever written by the entry and officers.
 */
export const INTAKE_TABLES = [
  'complaint_filings',
  'complaint_filing_files',
  'complaint_draft_files',
  'dialogue_sessions',
  'webhook_inbox',
  // The bot's answers on their way to LINE: a complaint's receipt is one of them.
  'answer_outbox',
  // The day's handled 1:1 events, as keyed hashes (src/webhook/seen-repository.ts).
  'webhook_seen',
] as const

export async function compactIntakeTables(db: Db): Promise<void> {
  await sql`vacuum (full) ${sql.join(INTAKE_TABLES.map((t) => sql.table(t)))}`.execute(db)
}

/**
 * The write-ahead log still holds the day's intake in order until its segment is removed: a
 * new segment, then two checkpoints, let PostgreSQL remove the old one (with `wal_recycle`
 * off it is deleted, not kept for reuse). Needs the pg_checkpoint role and EXECUTE on
 * pg_switch_wal on PostgreSQL (README); without them the log ages out on its own schedule,
 * which the start-up check reports.
 */
export async function rotateWal(db: Db): Promise<boolean> {
  try {
    await sql`set wal_recycle = off`.execute(db).catch(() => undefined)
    await sql`select pg_switch_wal()`.execute(db)
    await sql`checkpoint`.execute(db)
    await sql`select pg_switch_wal()`.execute(db)
    await sql`checkpoint`.execute(db)
    return true
  } catch {
    return false
  }
}

export type EntryRun = { kind: 'not_due' } | { kind: 'already' } | ({ kind: 'entered' } & EntryResult)

/**
 * Once a day, at COMPLAINT_ENTRY_TIME local, every waiting filing becomes a case (or a reply,
 * or a notice stopped) in one transaction; the day's row makes a second instance or a second
 * tick a no-op, and a missed time (server down) is caught up at the next tick.
 */
export async function runDailyEntry(deps: EntryDeps, now: Date): Promise<EntryRun> {
  const { env, timeZone } = deps.config
  if (localTime(now, timeZone) < env.COMPLAINT_ENTRY_TIME) return { kind: 'not_due' }
  const day = localDay(now, timeZone)
  const run = await deps.db.transaction().execute(async (trx): Promise<EntryRun> => {
    if (!(await claimEntryDay(trx, day))) return { kind: 'already' }
    const result = await enterFilings(trx, deps.keyring, {
      ackDays: env.COMPLAINT_ACK_DAYS,
      feedbackDays: env.COMPLAINT_FEEDBACK_DAYS,
      random: deps.random ?? systemRandom,
    })
    await recordEntry(trx, day, result)
    return { kind: 'entered', ...result }
  })
  if (run.kind !== 'entered') return run
  await compactIntakeTables(deps.db)
  const walRotated = await rotateWal(deps.db)
  deps.log.info('complaints.entered', { entered: run.entered, held: run.held, walRotated })
  return run
}

/** The minute tick's call: failures are logged, never thrown into the broadcasts' way. */
export async function runDailyEntrySafely(deps: EntryDeps, now: Date): Promise<void> {
  try {
    await runDailyEntry(deps, now)
  } catch (err) {
    deps.log.error('complaints.entry_failed', errorFields(err))
  }
}
