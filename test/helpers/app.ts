import type { Kysely } from 'kysely'
import { createApp } from '../../src/app.js'
import type { AppDeps } from '../../src/app-env.js'
import type { EvidenceCleaner } from '../../src/complaints/evidence/cleaner.js'
import { parseConfig } from '../../src/config.js'
import { fixedClock } from '../../src/core/clock.js'
import { createKeyring } from '../../src/core/keyring.js'
import { createLogger, type Logger } from '../../src/core/logger.js'
import { pbkdf2Hasher } from '../../src/core/secret-hash.js'
import type { Database } from '../../src/db/schema.js'
import type { Flows } from '../../src/flows/types.js'
import type { LinePort, LineResolver } from '../../src/line/port.js'
import { buildServices } from '../../src/services.js'
import type { Simulator } from '../../src/simulator/simulator.js'
import { singleChannel } from '../../src/webhook/channels.js'
import { createSigner } from '../../src/webhook/signature.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { type DbKind, type Isolation, openTestDb, type TestDb } from './db.js'
import { shippedFlows } from './flows.js'

export const TEST_CHANNEL_SECRET = '8c570fa6dd201bb328f1c1eac23a96d8'
export const TEST_APP_SECRET = 'test-app-secret-test-app-secret-0123456789'
export const TEST_DATA_KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)))
/**
 * The tests' keyring hashes passwords and receipt secrets at 1,000 PBKDF2 iterations instead of
 * 100,000: the same code, a hundredth of the CPU (some 1,200 hashes a run, ~50 ms each at full
 * count). test/core/secret-hash.test.ts holds the entries' keyrings to the full count.
 */
export const TEST_SECRETS = pbkdf2Hasher(1_000)

/** The configuration tests run with, plus any variables given. */
export function testConfig(env: Record<string, string> = {}) {
  const parsed = parseConfig({ NODE_ENV: 'test', ...env })
  if (!parsed.ok) throw new Error(parsed.errors.join('; '))
  return parsed.config
}

export interface TestApp {
  app: ReturnType<typeof createApp>
  deps: AppDeps
  testDb: TestDb
  line: LinePort
  clock: ReturnType<typeof fixedClock>
  logs: string[]
  /** Resolves when every background task started so far (inbox drains) has finished. */
  settle(): Promise<void>
  close(): Promise<void>
}

export async function createTestApp(
  kind: DbKind,
  opts: {
    line?: LinePort
    /** Channels of organizations other than the default one. */
    lines?: LineResolver
    flows?: Flows
    now?: Date
    env?: Record<string, string>
    /** How the test's database is kept apart (test/helpers/db.ts); rolled back by default. */
    isolation?: Isolation
    /** Replaces the test database in the app's deps (e.g. an unreachable server). */
    db?: Kysely<Database>
    /**
     * Local mode: the simulator is the LINE port and serves /dev/chat, as `npm start` wires it.
     * Create it with TEST_CHANNEL_SECRET, so its signed webhooks pass the test channel's check.
     */
    simulator?: Simulator
    /** Cleans evidence instead of the inline cleaner (e.g. one that is always busy). */
    evidence?: EvidenceCleaner
  } = {},
): Promise<TestApp> {
  const parsed = parseConfig({ NODE_ENV: 'test', ...opts.env })
  if (!parsed.ok) throw new Error(parsed.errors.join('; '))
  const testDb = await openTestDb(kind, { isolation: opts.isolation ?? 'rollback' })
  const logs: string[] = []
  const log: Logger = createLogger({ level: 'debug', write: (l) => logs.push(l) })
  const clock = fixedClock(opts.now ?? new Date('2026-11-22T03:00:00Z'))
  const line = opts.line ?? opts.simulator?.line ?? new MemoryLine()
  const pending: Promise<unknown>[] = []
  const deps = buildServices({
    config: parsed.config,
    db: opts.db ?? testDb.db,
    line,
    ...(opts.lines ? { lines: opts.lines } : {}),
    flows: opts.flows ?? shippedFlows(),
    keyring: await createKeyring(TEST_APP_SECRET, TEST_DATA_KEY, TEST_SECRETS),
    log,
    clock,
    channels: singleChannel(await createSigner(TEST_CHANNEL_SECRET)),
    simulator: opts.simulator ?? null,
    ...(opts.evidence ? { evidence: opts.evidence } : {}),
    background: (task) => {
      pending.push(task())
    },
  })
  const app = createApp(deps)
  opts.simulator?.attach(async (req) => app.fetch(req))
  return {
    app,
    deps,
    testDb,
    line,
    clock,
    logs,
    async settle() {
      while (pending.length > 0) await Promise.allSettled(pending.splice(0))
    },
    async close() {
      await deps.inbox.stop()
      await testDb.close()
    },
  }
}
