import { ensureLocalOwner, LOCAL_OWNER_EMAIL } from '../admin/accounts.js'
import { type App, createApp } from '../app.js'
import type { AppDeps } from '../app-env.js'
import { createBroadcastLoop } from '../broadcasts/loop.js'
import { DEFAULT_SEND_OPTIONS } from '../broadcasts/tick.js'
import type { Config } from '../config.js'
import { createBackground } from '../core/background.js'
import { createFailureLog } from '../core/failures.js'
import type { Logger } from '../core/logger.js'
import { createSyncedClock } from '../core/synced-clock.js'
import { databaseTime } from '../db/clock.js'
import { broadcastDeps, minuteTick } from '../jobs/tick.js'
import type { LinePort } from '../line/port.js'
import { createLineStatus } from '../line/status.js'
import { orgChannels } from '../orgs/channels.js'
import { orgLines } from '../orgs/line.js'
import { buildServices } from '../services.js'
import { createSimulator, type Simulator } from '../simulator/simulator.js'
import { singleChannel } from '../webhook/channels.js'
import { releaseAbandonedWork } from '../webhook/inbox-service.js'
import { openDatabase } from './boot.js'
import { evidencePool } from './evidence-pool.js'
import { loadFlowsFromDir } from './flows-fs.js'
import { loadOrCreateLocalSecrets } from './local-secrets.js'
import { createNodeKeyring, createNodeSigner } from './node-crypto.js'
import { makePrivateDir } from './private-dir.js'

export interface NodeApp {
  app: App
  deps: AppDeps
  simulator: Simulator | null
  dbKind: 'postgres' | 'pglite'
  /**
   * The scheduler's minute: the clock measured against the database again, then housekeeping and
   * due broadcasts (sent exactly once per recipient), by the database's time unless `now` is given.
   */
  tick(now?: Date): Promise<void>
  /**
   * At start: the clock measured, then open broadcasts followed (a restarted instance takes up
   * a run at once); housekeeping waits for the first minute, so a first start answers at once.
   */
  resume(): Promise<void>
  /** Finishes background and inbox work, then closes the database (and its lock). */
  close(): Promise<void>
}

/** The Node composition root shared by the server (main.node.ts) and the terminal chat. */
export async function createNodeApp(config: Config, log: Logger, flowsDir = 'flows'): Promise<NodeApp> {
  let appSecret = config.appSecret
  let dataKey = config.dataEncryptionKey
  let simulatorSecret: string | null = null
  // Before anything is written in it: the embedded database and local secrets live there.
  // Every file this process makes from here on (the lock, PGlite's) is the owner's alone too.
  if (!appSecret || !dataKey || config.line.kind === 'local' || !config.env.DATABASE_URL) {
    process.umask(0o077)
    const { narrowed } = makePrivateDir(config.env.DATA_DIR)
    if (narrowed) log.warn('data_dir.narrowed', { dir: config.env.DATA_DIR, mode: '0700' })
  }
  if (!appSecret || !dataKey || config.line.kind === 'local') {
    const local = loadOrCreateLocalSecrets(config.env.DATA_DIR)
    if (local.created) log.warn('secrets.generated', { dir: config.env.DATA_DIR, note: 'local mode only' })
    if (!appSecret || !dataKey) {
      // Said at every start: the README's threat model leaves a copy of DATA_DIR out of scope.
      log.warn('secrets.beside_data', {
        dir: config.env.DATA_DIR,
        note: 'whoever copies this directory holds the keys to its sealed data; set APP_SECRET and DATA_ENCRYPTION_KEY to keep them apart',
      })
    }
    appSecret ??= local.secrets.appSecret
    dataKey ??= local.secrets.dataEncryptionKey
    simulatorSecret = local.secrets.simulatorChannelSecret
  }
  const flows = loadFlowsFromDir(flowsDir)
  const opened = await openDatabase(config, log)
  // Leases, due times and reply freshness are compared on the database's clock, whatever this
  // machine's says (PGlite's is this machine's: no skew).
  const clock = createSyncedClock({ reference: () => databaseTime(opened.db), log })
  await clock.sync()
  const keyring = createNodeKeyring(appSecret, dataKey)
  const simulator =
    config.line.kind === 'local' && simulatorSecret
      ? createSimulator({ channelSecret: simulatorSecret })
      : null
  const lineMode = config.line
  // The SDK is loaded only for a real channel: local mode talks to the simulator alone.
  const sdk = lineMode.kind === 'line' ? await import('../line/sdk-adapter.js') : null
  // Broadcast pushes over node:http (src/runtime/node-push.ts): one keep-alive pool for all orgs.
  // As many sockets as the sender has pushes in flight: fewer would queue them in the pool and
  // cap one instance below the channel's rate (64 sockets at 50 ms a push is 1,280/s).
  // Replies too: one per answered message, cheaper for the event loop than the SDK's fetch.
  const nodeHttp =
    lineMode.kind === 'line'
      ? await import('./node-push.js').then((m) => ({
          push: m.nodeHttpPusher({
            apiBaseUrl: lineMode.apiBaseUrl,
            maxSockets: DEFAULT_SEND_OPTIONS.concurrency,
          }),
          reply: m.nodeHttpReplier({ apiBaseUrl: lineMode.apiBaseUrl }),
        }))
      : null
  const connect = (accessToken: string): LinePort | null =>
    sdk && nodeHttp && lineMode.kind === 'line'
      ? sdk.createLineApi({
          accessToken,
          apiBaseUrl: lineMode.apiBaseUrl,
          dataApiBaseUrl: lineMode.dataApiBaseUrl,
          pushTransport: nodeHttp.push(accessToken),
          replyTransport: nodeHttp.reply(accessToken),
        })
      : null
  const line = lineMode.kind === 'line' ? connect(lineMode.accessToken) : simulator?.line
  const channelSecret = lineMode.kind === 'line' ? lineMode.channelSecret : simulator?.channelSecret
  if (!line || !channelSecret) throw new Error('no LINE channel and no simulator')
  // Every port, the scheduler's included, records LINE's answers for /healthz and the console.
  const lineStatus = createLineStatus()
  const lines = lineStatus.track(
    orgLines({
      db: opened.db,
      keyring,
      clock,
      fallback: line,
      ...(sdk ? { makeLine: (token: string) => connect(token) ?? line } : {}),
    }),
  )
  const failures = createFailureLog({ log })
  const background = createBackground(failures)
  // Threads start with the first file and end when idle: most processes never see evidence.
  const evidence = evidencePool({
    workers: config.env.EVIDENCE_WORKERS,
    memoryMb: config.env.EVIDENCE_WORKER_MEMORY_MB,
    queue: config.env.EVIDENCE_QUEUE,
    timeoutMs: config.env.EVIDENCE_TIMEOUT_MS,
    nice: config.env.EVIDENCE_NICE,
  })
  const minute = { db: opened.db, flows, log, lines, config, keyring, clock }
  // Between minutes it follows open runs: joins a run another instance expands, takes over the
  // rows of one that crashed as their leases run out. The console's "send now" starts it at once.
  // Its failures go with the instance's others: said once a window, counted on `/healthz`.
  const broadcasts = createBroadcastLoop(broadcastDeps(minute), { failures })
  const deps = buildServices({
    config,
    db: opened.db,
    line,
    lines,
    flows,
    keyring,
    log,
    clock,
    // `/webhook` is the environment's channel (default org); `/webhook/<slug>` reads `orgs`.
    channels: orgChannels({
      db: opened.db,
      keyring,
      clock,
      fallback: singleChannel(createNodeSigner(channelSecret)),
      makeSigner: createNodeSigner,
    }),
    simulator,
    evidence,
    background: background.run,
    failures,
    lineStatus,
    sendDue: () => void broadcasts.tick(),
  })
  if (config.line.kind === 'local') {
    // Shown once, here only: afterwards just its hash exists, and it must be changed at first login.
    const password = await ensureLocalOwner(opened.db, clock.now(), keyring.secrets.hash)
    if (password) {
      console.log(`Admin console: sign in at /admin as ${LOCAL_OWNER_EMAIL} with the one-time password`)
      console.log(`  ${password}`)
      console.log('  (shown once; you will be asked to change it / แสดงครั้งเดียว ต้องเปลี่ยนเมื่อเข้าสู่ระบบครั้งแรก)')
    }
  }
  if (opened.kind === 'pglite') {
    // This process holds the database alone, and nothing has run yet: whatever is claimed, a
    // dead process claimed. Before the first kick of the inbox, so none of this one's claims.
    const released = await releaseAbandonedWork(opened.db, clock.now())
    if (released.events + released.answers > 0) log.info('inbox.released', released)
  }
  const app = createApp(deps)
  simulator?.attach(async (req) => app.fetch(req))
  return {
    app,
    deps,
    simulator,
    dbKind: opened.kind,
    async tick(now) {
      await clock.sync()
      await minuteTick({ ...minute, broadcasts: (at) => broadcasts.tick(at) }, now ?? clock.now())
    },
    async resume() {
      await clock.sync()
      await broadcasts.tick(clock.now())
    },
    async close() {
      // First: the sender hands back what it holds unsent, for another instance to take at once.
      await broadcasts.stop()
      // Then the inbox claims nothing more (the backlog is another instance's, or this one's
      // after a restart): the background drains below end with their events in flight.
      await deps.inbox.stop()
      await background.settle()
      failures.summarize(true)
      await evidence.close()
      await opened.close()
    },
  }
}
