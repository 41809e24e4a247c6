import type { Context } from 'hono'
import type { Kysely } from 'kysely'
import type { EvidenceCleaner } from './complaints/evidence/cleaner.js'
import type { Config } from './config.js'
import type { ConsoleEnv } from './console/env.js'
import type { Languages } from './contacts/language.js'
import type { Clock } from './core/clock.js'
import type { FailureLog } from './core/failures.js'
import type { Keyring } from './core/keyring.js'
import type { Logger } from './core/logger.js'
import type { Serial } from './core/serial.js'
import type { Database } from './db/schema.js'
import type { Flows } from './flows/types.js'
import type { LineResolver } from './line/port.js'
import type { LineStatus } from './line/status.js'
import type { Simulator } from './simulator/simulator.js'
import type { ChannelResolver } from './webhook/channels.js'
import type { InboxWorker } from './webhook/inbox-worker.js'
import type { InboxWriter } from './webhook/inbox-writer.js'

export interface Metrics {
  rejectedSignatures: number
  /** Webhook requests being acknowledged right now (the inbox worker yields to them). */
  webhookInFlight: number
}

/** Everything the HTTP app needs, built once by an entry (main.node.ts, main.worker.ts, tests). */
export interface AppDeps {
  config: Config
  db: Kysely<Database>
  log: Logger
  clock: Clock
  keyring: Keyring
  /** Each organization's sending channel (quota, test sends), answers recorded in `lineStatus`. */
  lines: LineResolver
  /** What LINE's recent answers say about each channel (`/healthz`, the console's banners). */
  lineStatus: LineStatus
  /** Failures logged once per cause and counted (`/healthz`). */
  failures: FailureLog
  channels: ChannelResolver
  inbox: InboxWorker
  /** Group-commits webhook events into the inbox. */
  inboxWriter: InboxWriter
  /** Runs work after the response: detached on Node, `waitUntil` on Workers. */
  background: (task: () => Promise<unknown>) => void
  metrics: Metrics
  /** Present in local mode only: the LINE simulator behind /dev/chat. */
  simulator: Simulator | null
  /** The loaded flows/ content (console previews render with it). */
  flows: Flows
  /** Cleans complaint evidence: worker threads on Node, inline on Workers. */
  evidence: EvidenceCleaner
  /**
   * The one queue every write of evidence bytes (a report's files, a LINE draft's, a reply's)
   * waits in. A webhook's 200 waits for its insert's commit, and a commit waits until the
   * database has flushed all the log written before it: with reports writing their photos side
   * by side, that was every one of them (tens of MB, 60–200 ms here). One at a time, it is at
   * most one report's (README, bench:evidence section 2).
   */
  evidenceWrites: Serial
  /**
   * Starts sending due broadcasts now ("send now" in the console) instead of at the next minute:
   * Node's broadcast loop, which then follows the run to its end; one background pass elsewhere.
   */
  sendDue: () => void
  /** Each person's language for LINE answers (contacts/language.ts). */
  languages: Languages
}

export type AppEnv = { Variables: { deps: AppDeps } }

/** A console route's environment: the console kit's variables around the app's services. */
export type AdminEnv = ConsoleEnv<AppDeps>
export type AdminContext = Context<AdminEnv>
