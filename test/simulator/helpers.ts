import { createApp } from '../../src/app.js'
import type { AppDeps } from '../../src/app-env.js'
import { parseConfig } from '../../src/config.js'
import { type Clock, fixedClock, systemClock } from '../../src/core/clock.js'
import { createKeyring } from '../../src/core/keyring.js'
import { createLogger } from '../../src/core/logger.js'
import { buildServices } from '../../src/services.js'
import type { TranscriptEntry } from '../../src/simulator/model.js'
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/simulator.js'
import { singleChannel } from '../../src/webhook/channels.js'
import { createSigner } from '../../src/webhook/signature.js'
import { TEST_APP_SECRET, TEST_DATA_KEY, TEST_SECRETS } from '../helpers/app.js'
import { openTestDb, type TestDb } from '../helpers/db.js'
import { shippedFlows } from '../helpers/flows.js'

export const SIM_SECRET = '0123456789abcdef0123456789abcdef'

export interface SimApp {
  app: ReturnType<typeof createApp>
  deps: AppDeps
  sim: Simulator
  testDb: TestDb
  logs: string[]
  /** Resolves when every inbox drain started so far has finished. */
  settle(): Promise<void>
  /** Calls the JSON API; returns status and parsed body. */
  api<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: T }>
  close(): Promise<void>
}

/** The app in local mode, wired as the Node entry wires it, over PGlite and the real flows/. */
export async function createSimApp(
  opts: { clock?: Clock; contentLimits?: SimulatorOptions['contentLimits'] } = {},
): Promise<SimApp> {
  const parsed = parseConfig({ NODE_ENV: 'test' })
  if (!parsed.ok) throw new Error(parsed.errors.join('; '))
  const clock = opts.clock ?? systemClock
  const sim = createSimulator({ channelSecret: SIM_SECRET, clock, contentLimits: opts.contentLimits })
  const testDb = await openTestDb('pglite')
  const logs: string[] = []
  const pending: Promise<unknown>[] = []
  const deps = buildServices({
    config: parsed.config,
    db: testDb.db,
    line: sim.line,
    flows: shippedFlows(),
    keyring: await createKeyring(TEST_APP_SECRET, TEST_DATA_KEY, TEST_SECRETS),
    log: createLogger({ level: 'debug', write: (l) => logs.push(l) }),
    clock,
    channels: singleChannel(await createSigner(sim.channelSecret)),
    simulator: sim,
    background: (task) => {
      pending.push(task())
    },
  })
  const app = createApp(deps)
  sim.attach(async (req) => app.fetch(req))
  return {
    app,
    deps,
    sim,
    testDb,
    logs,
    async settle() {
      while (pending.length > 0) await Promise.allSettled(pending.splice(0))
    },
    async api(method, path, body) {
      const res = await app.request(`/dev/chat/api${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      })
      return { status: res.status, json: (await res.json()) as never }
    },
    async close() {
      await deps.inbox.stop()
      await testDb.close()
    },
  }
}

/** Waits until an entry matching the predicate is in the chat (the inbox answers asynchronously). */
export async function waitForEntry(
  sim: Simulator,
  chatId: string,
  predicate: (e: TranscriptEntry) => boolean,
  timeoutMs = 10_000,
): Promise<TranscriptEntry> {
  const found = sim.transcript.since(chatId).find(predicate)
  if (found) return found
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error('timed out waiting for a transcript entry'))
    }, timeoutMs)
    const stop = sim.transcript.subscribe((e) => {
      if (e.chatId !== chatId || !predicate(e)) return
      clearTimeout(timer)
      stop()
      resolve(e)
    })
  })
}

export const isBot = (e: TranscriptEntry) => e.kind === 'bot'

export interface CapturedWebhook {
  signature: string | null
  body: string
  events: Record<string, unknown>[]
}

/** A simulator on a fixed clock whose webhooks land in a list instead of an app. */
export function captureSim(opts: { now?: Date; contentLimits?: SimulatorOptions['contentLimits'] } = {}) {
  const clock = fixedClock(opts.now ?? new Date('2026-11-22T03:00:00Z'))
  const sim = createSimulator({ channelSecret: SIM_SECRET, clock, contentLimits: opts.contentLimits })
  const webhooks: CapturedWebhook[] = []
  const control = { status: 200, throws: false }
  sim.attach(async (req) => {
    if (control.throws) throw new TypeError('connection refused')
    const body = await req.text()
    const json = JSON.parse(body) as { events: Record<string, unknown>[] }
    webhooks.push({ signature: req.headers.get('x-line-signature'), body, events: json.events })
    return new Response(JSON.stringify({ error: 'x' }), { status: control.status })
  })
  const events = () => webhooks.flatMap((w) => w.events)
  const lastEvent = () => {
    const e = events().at(-1)
    if (!e) throw new Error('no webhook event was delivered')
    return e
  }
  return { sim, clock, webhooks, control, events, lastEvent }
}
