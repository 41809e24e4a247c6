// scratch: CPU split per request (server / load generator / its postgres backends), servers alternating
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { startFakeLine } from '../../test/fakes/fake-line-server.js'
import { bodies, drive } from './load.js'
import { benchDatabaseUrl, freshSchema } from './pg.js'
import { type Server, startServer } from './servers.js'

const SECRET = 'b'.repeat(32)
const which = (process.argv[2] ?? 'a,b').split(',')
const seconds = Number(process.argv[3] ?? 10)
const rounds = Number(process.argv[4] ?? 2)
const conns = Number(process.env.PROBE_CONNECTIONS ?? 32)
const extraArgs = (process.env.PROBE_NODE_ARGS ?? '').split(' ').filter(Boolean)
function cpuOf(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    return (Number(f[11]) + Number(f[12])) * 10
  } catch {
    return Number.NaN
  }
}
const admin = new pg.Client({ connectionString: benchDatabaseUrl.replace(/\/(\w+)$/, "/$1_bench") })
await admin.connect()
async function backends(app: string): Promise<number[]> {
  const r = await admin.query(
    `select pid from pg_stat_activity where application_name = $1 or backend_type in ('walwriter')`,
    [app],
  )
  return r.rows.map((x) => x.pid)
}
const fake = await startFakeLine()
const lineEnv = {
  LINE_CHANNEL_SECRET: SECRET,
  LINE_CHANNEL_ACCESS_TOKEN: fake.token,
  LINE_API_BASE_URL: fake.url,
  LINE_DATA_API_BASE_URL: fake.url,
  APP_SECRET: 'bench-app-secret-bench-app-secret-0123',
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
  LOG_LEVEL: 'warn',
}
const servers: { name: string; server: Server; src: ReturnType<typeof bodies> }[] = []
let port = 4201
for (const w of which) {
  const u = new URL(await freshSchema(`probe_${w.replace(/\W/g, '_')}`))
  u.searchParams.set('application_name', `probe_${w}`)
  const url = u.toString()
  const server =
    w.startsWith('a')
      ? await startServer(w === 'adist' ? 'dist/main.node.js' : 'src/main.node.ts', port++, { ...lineEnv, DATABASE_URL: url }, extraArgs)
      : await startServer('scripts/bench/baseline-server.ts', port++, { BENCH_CHANNEL_SECRET: SECRET, DATABASE_URL: url }, extraArgs)
  const src = w.startsWith('b') ? bodies(SECRET) : bodies(SECRET, (u) => fake.issueReplyToken(u, { ttlMs: 600_000 }))
  servers.push({ name: w, server, src })
}
try {
  for (const s of servers) {
    await drive(s.server.url, s.src, { seconds: 2, connections: conns })
    await s.server.waitIdle()
  }
  const tot: Record<string, { n: number; s: number; l: number; p: number; t: number }> = {}
  for (let r = 0; r < rounds; r++) {
    for (const { name, server, src } of servers) {
      const pids = await backends(`probe_${name}`)
      const s0 = cpuOf(server.pid)
      const me0 = process.cpuUsage()
      const p0 = pids.map(cpuOf)
      const t0 = performance.now()
      const run = await drive(server.url, src, { seconds, connections: conns })
      const t1 = performance.now()
      const s1 = cpuOf(server.pid)
      const me1 = process.cpuUsage(me0)
      const pids1 = await backends(`probe_${name}`)
      let p = 0
      for (const pid of new Set([...pids, ...pids1])) {
        const i = pids.indexOf(pid)
        const before = i >= 0 ? p0[i]! : 0
        const after = cpuOf(pid)
        if (!Number.isNaN(after) && !Number.isNaN(before)) p += after - before
      }
      const n = run.ok
      const per = (x: number) => ((x / n) * 1000).toFixed(0).padStart(5)
      const l = (me1.user + me1.system) / 1000
      const e = (tot[name] ??= { n: 0, s: 0, l: 0, p: 0, t: 0 })
      e.n += n; e.s += s1 - s0; e.l += l; e.p += p; e.t += t1 - t0
      console.log(
        `${name.padEnd(6)} r${r}: ${run.rps.toFixed(0).padStart(5)} req/s p99 ${String(run.p99).padStart(4)}  µs/req: server ${per(s1 - s0)} loadgen ${per(l)} pg ${per(p)} (${pids.length} procs) sum ${per(s1 - s0 + l + p)}`,
      )
      await server.waitIdle()
    }
  }
  for (const [name, e] of Object.entries(tot)) {
    const per = (x: number) => ((x / e.n) * 1000).toFixed(0).padStart(5)
    console.log(`TOTAL ${name.padEnd(6)} ${((e.n / e.t) * 1000).toFixed(0).padStart(5)} req/s  µs/req: server ${per(e.s)} loadgen ${per(e.l)} pg ${per(e.p)} sum ${per(e.s + e.l + e.p)}`)
  }
} finally {
  for (const s of servers) await s.server.stop()
  await fake.close()
  await admin.end()
}
