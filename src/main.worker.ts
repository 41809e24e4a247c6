// Cloudflare Workers entry: the same app and inbox worker as the Node server, over PostgreSQL
// through Hyperdrive. Proven end to end in workerd by a later issue (#7); this file keeps the
// app core honest about bundling for Workers (no Node-only imports outside src/runtime/).
import assetsYaml from '../flows/assets.yaml'
import budgetYaml from '../flows/budget.yaml'
import complaintsYaml from '../flows/complaints.yaml'
import dialoguesYaml from '../flows/dialogues.yaml'
import ethicsYaml from '../flows/ethics.yaml'
import intentsYaml from '../flows/intents.yaml'
import measuresYaml from '../flows/measures.yaml'
import messagesYaml from '../flows/messages.yaml'
import nogiftYaml from '../flows/nogift.yaml'
import questionsYaml from '../flows/questions.yaml'
import richmenuYaml from '../flows/richmenu.yaml'
import { createApp } from './app.js'
import type { AppDeps } from './app-env.js'
import { safeTick } from './broadcasts/tick.js'
import { budgetRunRenderer } from './budget/schedule.js'
import { parseConfig } from './config.js'
import { systemClock } from './core/clock.js'
import { createKeyring } from './core/keyring.js'
import { createLogger } from './core/logger.js'
import { createPgDb } from './db/pg.js'
import { loadFlows } from './flows/load.js'
import { housekeeping } from './jobs/minute.js'
import { createLineApi } from './line/sdk-adapter.js'
import { orgChannels } from './orgs/channels.js'
import { orgLines } from './orgs/line.js'
import { buildServices } from './services.js'
import { singleChannel } from './webhook/channels.js'
import { createSigner } from './webhook/signature.js'

interface WorkerEnv {
  HYPERDRIVE?: { connectionString: string }
  [name: string]: unknown
}
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void
}

// Every file in flows/ (a test checks none is missing).
const flows = loadFlows({
  'flows/assets.yaml': assetsYaml,
  'flows/budget.yaml': budgetYaml,
  'flows/complaints.yaml': complaintsYaml,
  'flows/dialogues.yaml': dialoguesYaml,
  'flows/ethics.yaml': ethicsYaml,
  'flows/intents.yaml': intentsYaml,
  'flows/measures.yaml': measuresYaml,
  'flows/messages.yaml': messagesYaml,
  'flows/nogift.yaml': nogiftYaml,
  'flows/questions.yaml': questionsYaml,
  'flows/richmenu.yaml': richmenuYaml,
})

function stringsOf(env: WorkerEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') out[k] = v
  return out
}

/** One set of services per invocation: Workers must not share a database client across requests. */
type Services =
  | { ok: true; deps: AppDeps; tick: (now: Date) => Promise<unknown>; close: () => Promise<void> }
  | { ok: false; errors: string[] }

async function servicesFor(env: WorkerEnv, ctx: ExecutionContext): Promise<Services> {
  const parsed = parseConfig({ ...stringsOf(env), NODE_ENV: 'production' })
  if (!parsed.ok) return { ok: false, errors: parsed.errors }
  const { config } = parsed
  const url = env.HYPERDRIVE?.connectionString
  if (!url) return { ok: false, errors: ['HYPERDRIVE: binding missing (see wrangler.toml)'] }
  if (config.line.kind !== 'line' || !config.appSecret || !config.dataEncryptionKey) {
    return {
      ok: false,
      errors: [
        'LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN, APP_SECRET and DATA_ENCRYPTION_KEY are required',
      ],
    }
  }
  const db = createPgDb(url, { max: 1 })
  const log = createLogger({ level: config.env.LOG_LEVEL, write: (l) => console.log(l) })
  const keyring = await createKeyring(config.appSecret, config.dataEncryptionKey)
  const lineMode = config.line
  const makeLine = (accessToken: string) =>
    createLineApi({ accessToken, apiBaseUrl: lineMode.apiBaseUrl, dataApiBaseUrl: lineMode.dataApiBaseUrl })
  const line = makeLine(lineMode.accessToken)
  const lines = orgLines({ db, keyring, clock: systemClock, fallback: line, makeLine })
  const deps = buildServices({
    config,
    db,
    line,
    lines,
    flows,
    keyring,
    log,
    clock: systemClock,
    channels: orgChannels({
      db,
      keyring,
      clock: systemClock,
      fallback: singleChannel(await createSigner(lineMode.channelSecret)),
      makeSigner: createSigner,
    }),
    simulator: null,
    background: (task) => ctx.waitUntil(task()),
  })
  const tick = async (now: Date) => {
    await housekeeping({ db, flows, log, lines, config }, now)
    const renderRun = budgetRunRenderer({ flows, timeZone: config.timeZone, log })
    return safeTick({ db, lineFor: lines, keyring, clock: systemClock, log, renderRun }, now)
  }
  return { ok: true, deps, tick, close: () => db.destroy() }
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const s = await servicesFor(env, ctx)
    if (!s.ok) {
      console.error(
        JSON.stringify({ level: 'error', event: 'worker.misconfigured', missing: s.errors.join('; ') }),
      )
      return new Response(`Service misconfigured: ${s.errors.join('; ')}`, { status: 503 })
    }
    try {
      return await createApp(s.deps).fetch(request)
    } finally {
      // The inbox drain runs in waitUntil; close the client after it.
      ctx.waitUntil(s.deps.inbox.stop().finally(() => s.close()))
    }
  },

  /** The cron trigger: the same minute as node-cron's — inbox backstop, retention, broadcasts. */
  async scheduled(_controller: unknown, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const s = await servicesFor(env, ctx)
    if (!s.ok) throw new Error(s.errors.join('; '))
    try {
      await s.deps.inbox.drain()
      await s.deps.inbox.purge()
      await s.tick(new Date())
    } finally {
      await s.close()
    }
  },
}
