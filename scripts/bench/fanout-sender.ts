// Child process of bench-fanout.ts: one scheduler instance ticking until a broadcast's run is
// finished, once per round. Several run side by side, as several app instances would.
import { listRuns } from '../../src/broadcasts/repository.js'
import { DEFAULT_SEND_OPTIONS, tick } from '../../src/broadcasts/tick.js'
import { systemClock } from '../../src/core/clock.js'
import { createPgDb } from '../../src/db/pg.js'
import { createLineApi } from '../../src/line/sdk-adapter.js'
import { createNodeKeyring } from '../../src/runtime/node-crypto.js'
import { nodeHttpPusher } from '../../src/runtime/node-push.js'

const env = (k: string) => process.env[k] ?? ''
const db = createPgDb(env('BENCH_DB_URL'), { max: 5 })
const line = createLineApi({
  accessToken: env('BENCH_LINE_TOKEN'),
  apiBaseUrl: env('BENCH_LINE_URL'),
  dataApiBaseUrl: env('BENCH_LINE_URL'),
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  // As the Node server sends (src/runtime/node-app.ts): pushes over node:http.
  pushTransport: nodeHttpPusher({ apiBaseUrl: env('BENCH_LINE_URL') })(env('BENCH_LINE_TOKEN')),
})
const deps = {
  db,
  lineFor: async () => line,
  // As the Node server keys (src/runtime/node-app.ts): node:crypto, not WebCrypto.
  keyring: createNodeKeyring('bench-app-secret-0123456789abcdef', btoa('k'.repeat(32))),
  clock: systemClock,
  options: {
    ...DEFAULT_SEND_OPTIONS,
    concurrency: Number(env('BENCH_CONCURRENCY') || DEFAULT_SEND_OPTIONS.concurrency),
    // The channel's allowance with 5 % headroom, as the default: the instances share it
    // through the database (src/broadcasts/pace.ts), so neither is given a fixed half.
    maxPerSecond: Number(env('FAKE_RATE')) * 0.95,
    retryBaseMs: 1_000,
  },
}
// Set up first (tsx compiles, pools connect), then serve rounds: each message names a broadcast
// to tick until its run is finished; the parent times the rounds it measures.
const rounds = async (broadcastId: string) => {
  let sent = 0
  for (;;) {
    sent += (await tick(deps, new Date())).sent
    const [run] = await listRuns(db, 'default', broadcastId)
    if (run && run.status !== 'pending' && run.status !== 'sending') return sent
    await new Promise((r) => setTimeout(r, 50))
  }
}
process.on('message', (m: { broadcastId?: string; type?: string }) => {
  if (m.broadcastId) void rounds(m.broadcastId).then((sent) => process.send?.({ type: 'done', sent }))
  else if (m.type === 'close') void db.destroy().then(() => process.exit(0))
})
process.send?.({ type: 'ready' })
