import type { AppDeps } from '../app-env.js'
import { createBackground } from '../core/background.js'
import { systemClock } from '../core/clock.js'
import { createFailureLog } from '../core/failures.js'
import { createKeyring } from '../core/keyring.js'
import type { Logger } from '../core/logger.js'
import { createPgDb } from '../db/pg.js'
import type { Flows } from '../flows/types.js'
import { minuteTick } from '../jobs/tick.js'
import { createLineApi } from '../line/sdk-adapter.js'
import { orgChannels } from '../orgs/channels.js'
import { orgLines } from '../orgs/line.js'
import { buildServices } from '../services.js'
import { singleChannel } from '../webhook/channels.js'
import { createSigner } from '../webhook/signature.js'
import type { WorkerSetup } from './env.js'

/** The part of Workers' ExecutionContext the app uses. */
export interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void
}

export interface WorkerServices {
  deps: AppDeps
  /** The minute's housekeeping and broadcasts, as node-cron runs them on Node. */
  tick(now: Date): Promise<void>
  /** Waits for every background task (inbox drains included), then closes the database client. */
  close(): Promise<void>
}

/**
 * One set of services per invocation: a Worker may not reuse a socket opened by another
 * request, so the pg client (through Hyperdrive, which pools the real connections) lives
 * exactly as long as the request and the work it left in waitUntil.
 */
export async function workerServices(
  setup: WorkerSetup,
  flows: Flows,
  log: Logger,
  ctx: WaitUntil,
): Promise<WorkerServices> {
  const { config } = setup
  const db = createPgDb(setup.databaseUrl, { max: 1 })
  const keyring = await createKeyring(setup.appSecret, setup.dataEncryptionKey)
  const makeLine = (accessToken: string) =>
    createLineApi({
      accessToken,
      apiBaseUrl: config.env.LINE_API_BASE_URL,
      dataApiBaseUrl: config.env.LINE_DATA_API_BASE_URL,
    })
  const line = makeLine(setup.accessToken)
  const clock = systemClock
  const lines = orgLines({ db, keyring, clock, fallback: line, makeLine })
  const failures = createFailureLog({ log, clock })
  const background = createBackground(failures, (p) => ctx.waitUntil(p))
  const deps = buildServices({
    config,
    db,
    line,
    lines,
    flows,
    keyring,
    log,
    clock,
    channels: orgChannels({
      db,
      keyring,
      clock,
      fallback: singleChannel(await createSigner(setup.channelSecret)),
      makeSigner: createSigner,
    }),
    simulator: null,
    background: background.run,
    failures,
  })
  return {
    deps,
    // deps.lines: the scheduler's sends recorded in deps.lineStatus too.
    tick: (now) => minuteTick({ db, flows, log, lines: deps.lines, config, keyring, clock }, now),
    async close() {
      await background.settle()
      await deps.inbox.stop()
      await db.destroy()
    },
  }
}
