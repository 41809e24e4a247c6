// npm run bench:fanout — one broadcast to 5,000 groups through the scheduler's tick, on
// PostgreSQL, against a fake LINE API (own process) that allows 2,000 requests/s and fails 5 % of
// calls with 500. Prints the achieved send rate, its ratio to the allowed rate (target ≥ 0.8),
// duplicates at LINE (target 0) and recipients missed (target 0). The sender instances first send
// an untimed warm-up broadcast to other groups: a scheduler is a long-running process, and the
// first round would otherwise time tsx compiling TypeScript and V8 warming up.
import { type ChildProcess, fork } from 'node:child_process'
import { saveAudience } from '../src/broadcasts/audiences.js'
import { listRuns } from '../src/broadcasts/repository.js'
import { createDraft, scheduleBroadcast } from '../src/broadcasts/service.js'
import { systemClock } from '../src/core/clock.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { createPgDb } from '../src/db/pg.js'
import { createLineApi, type PushTransport } from '../src/line/sdk-adapter.js'
import { nodeHttpPusher } from '../src/runtime/node-push.js'
import { freshSchema } from './bench/pg.js'

const GROUPS = Number(process.env.BENCH_GROUPS ?? 5000)
const ALLOWED = Number(process.env.FAKE_RATE ?? 2000)
const ORG = 'default'
/** Scheduler instances (processes) ticking side by side. */
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 2)
/** Groups of the untimed warm-up broadcast (0: none). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000)

/** Pushes to fresh recipients as fast as one process can, through the adapter and a transport. */
async function rawCeiling(lineUrl: string, token: string, pushTransport?: PushTransport): Promise<number> {
  const api = createLineApi({
    accessToken: token,
    apiBaseUrl: lineUrl,
    dataApiBaseUrl: lineUrl,
    baseDelayMs: 100,
    ...(pushTransport ? { pushTransport } : {}),
  })
  const n = 3000
  let i = 0
  const t0 = performance.now()
  const worker = async () => {
    while (i < n) {
      const to = `R${(i++).toString(16).padStart(32, '0')}`
      await api.push(to, [{ type: 'text', text: 'x' }], { retryKey: crypto.randomUUID() })
    }
  }
  await Promise.all(Array.from({ length: 64 }, worker))
  return n / ((performance.now() - t0) / 1000)
}

type Msg = {
  type: string
  url?: string
  token?: string
  recipients?: string[]
  duplicates?: number
  [k: string]: unknown
}
const child = fork(new URL('./bench/fanout-fake-line.ts', import.meta.url).pathname, [], {
  execArgv: ['--import', 'tsx'],
  env: { ...process.env, FAKE_RATE: String(ALLOWED) },
})
const next = (type: string) =>
  new Promise<Msg>((resolve) => child.once('message', (m: Msg) => m.type === type && resolve(m)))
const ready = await next('ready')

const url = await freshSchema('bench_fanout')
const db = createPgDb(url, { max: 10 })
let senders: ChildProcess[] = []
try {
  const migrated = await migrateToLatest(db)
  if (!migrated.ok) throw new Error(migrated.error)
  const now = new Date()
  /** `n` active groups carrying `label`, in an audience of that label; their ids. */
  const seed = async (prefix: string, n: number, label: string, audience: string) => {
    const ids = Array.from({ length: n }, (_, i) => `${prefix}${(i + 1).toString(16).padStart(32, '0')}`)
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000)
      await db
        .insertInto('line_groups')
        .values(
          chunk.map((id) => ({
            org_id: ORG,
            chat_id: id,
            chat_type: 'group' as const,
            status: 'active' as const,
            member_count: 12,
            updated_at: now,
          })),
        )
        .execute()
      await db
        .insertInto('group_labels')
        .values(chunk.map((id) => ({ org_id: ORG, chat_id: id, label })))
        .execute()
    }
    await saveAudience(db, ORG, audience, label, [{ kind: 'label', value: label }], now)
    return ids
  }
  const groups = await seed('C', GROUPS, 'ทุกกอง', 'everyone')
  await seed('R', WARMUP, 'อุ่นเครื่อง', 'warmup')
  senders = Array.from({ length: INSTANCES }, () =>
    fork(new URL('./bench/fanout-sender.ts', import.meta.url).pathname, [], {
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        BENCH_DB_URL: url,
        BENCH_LINE_URL: ready.url ?? '',
        BENCH_LINE_TOKEN: ready.token ?? '',
        FAKE_RATE: String(ALLOWED),
      },
    }),
  )
  await Promise.all(senders.map((s) => new Promise((resolve) => s.once('message', resolve))))
  /** Schedules a No Gift broadcast to `audience` for now and has every instance tick it out. */
  const round = async (audience: string) => {
    const created = await createDraft({ db, clock: systemClock }, ORG, 'bench', {
      timeZone: 'Asia/Bangkok',
      title: 'No Gift',
      template: 'nogift',
      messages: [{ type: 'text', text: 'งดให้ งดรับของขวัญและประโยชน์อื่นใด (No Gift Policy)' }],
      audience,
      measure: 'nogift',
      runAt: new Date(),
    })
    if (!created.ok) throw new Error(created.error.en)
    await scheduleBroadcast({ db, clock: systemClock }, ORG, created.value.id)
    const done = senders.map(
      (s) =>
        new Promise<number>((resolve) =>
          s.on('message', function onDone(m: Msg) {
            if (m.type !== 'done') return
            s.off('message', onDone)
            resolve(Number(m.sent))
          }),
        ),
    )
    for (const s of senders) s.send({ broadcastId: created.value.id })
    return { id: created.value.id, perInstance: await Promise.all(done) }
  }
  if (WARMUP > 0) await round('warmup')
  child.send({ type: 'stats' })
  const before = await next('stats')

  const started = performance.now()
  const startedAt = Date.now()
  const { id, perInstance } = await round('everyone')
  const seconds = (performance.now() - started) / 1000
  const [run] = await listRuns(db, ORG, id)
  console.log(`run                   ${run?.status ?? '?'}; sent per instance ${perInstance.join(' + ')}`)
  child.send({ type: 'stats' })
  const stats = await next('stats')
  const reached = new Set(stats.recipients ?? [])
  const missed = groups.filter((g) => !reached.has(g)).length
  const rate = GROUPS / seconds
  console.log(`recipients            ${GROUPS} groups`)
  console.log(`elapsed               ${seconds.toFixed(2)} s`)
  // The timed round's share of what the fake saw (the warm-up came before it).
  const counts = (m: Msg) => ({ requests: Number(m.requests), ...(m.throttle as Record<string, number>) })
  const [a, b] = [counts(before), counts(stats)]
  const diff = Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v - (a[k as keyof typeof a] ?? 0)]))
  const { requests, ...throttle } = diff
  console.log(`requests to LINE      ${requests} (fake: ${JSON.stringify(throttle)})`)
  const arrivals = ((stats.arrivals as number[] | undefined) ?? []).filter((t) => t >= startedAt)
  const at = (ms: number | undefined) => (((ms ?? startedAt) - startedAt) / 1000).toFixed(2)
  console.log(`phases                first push at ${at(arrivals[0])} s, last at ${at(arrivals.at(-1))} s`)
  const pushing = ((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)) / 1000
  console.log(
    `while pushing         ${(arrivals.length / pushing).toFixed(0)} requests/s to LINE, retries included (LINE allows ${ALLOWED})`,
  )
  console.log(`achieved send rate    ${rate.toFixed(0)} recipients/s`)
  console.log(`ratio to allowed      ${(rate / ALLOWED).toFixed(2)} of ${ALLOWED}/s (target ≥ 0.8)`)
  console.log(`duplicates            ${String(stats.duplicates)} (target 0; warm-up included)`)
  console.log(`recipients missed     ${missed} (target 0)`)
  // For reading the figures: the fastest this machine pushes through the adapter to the same fake
  // with no database and no scheduler at all (one process), over node:http as the Node server
  // sends, and through the SDK's fetch as the Worker sends. The scheduler cannot beat them.
  const lineUrl = ready.url ?? ''
  const token = ready.token ?? ''
  const rawHttp = await rawCeiling(lineUrl, token, nodeHttpPusher({ apiBaseUrl: lineUrl })(token))
  const rawSdk = await rawCeiling(lineUrl, token)
  console.log(
    `ceiling (no scheduler) node:http ${rawHttp.toFixed(0)} req/s, SDK fetch ${rawSdk.toFixed(0)} req/s on this machine; scheduler at ${(rate / rawHttp).toFixed(2)} of node:http`,
  )
} finally {
  for (const s of senders) s.send({ type: 'close' })
  await db.destroy()
  child.send({ type: 'close' })
}
