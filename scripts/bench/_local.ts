// scratch: RSS anatomy of local mode (PGlite) before and after load
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bodies, drive } from './load.js'
import { startServer } from './servers.js'

const seconds = Number(process.argv[2] ?? 10)
const extra = (process.env.LOCAL_NODE_ARGS ?? '').split(' ').filter(Boolean)
type Map_ = { key: string; name: string; perms: string; size: number; rss: number; anon: number }
function smaps(pid: number): Map_[] {
  const txt = readFileSync(`/proc/${pid}/smaps`, 'utf8')
  const maps: Map_[] = []
  let cur: Map_ | null = null
  for (const line of txt.split('\n')) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line)
    if (m) {
      cur = { key: m[1]!, perms: m[3]!, name: (m[4] || '[anon]').replace(/.*\//, ''), size: (parseInt(m[2]!, 16) - parseInt(m[1]!, 16)) / 1048576, rss: 0, anon: 0 }
      maps.push(cur)
    } else if (line.startsWith('Rss:') && cur) cur.rss = Number(/(\d+)/.exec(line)?.[1]) / 1024
    else if (line.startsWith('Anonymous:') && cur) cur.anon = Number(/(\d+)/.exec(line)?.[1]) / 1024
  }
  return maps
}
let prev: Map_[] = []
const show = (label: string, pid: number) => {
  if (extra.join(' ').match(/memdump|allocprof/)) process.kill(pid, 'SIGUSR2')
  const s = smaps(pid)
  const total = s.reduce((a, m) => a + m.rss, 0)
  console.log(`--- ${label}: RSS ${total.toFixed(1)} MB (anon ${s.reduce((a, m) => a + m.anon, 0).toFixed(1)})`)
  const before = new Map(prev.map((m) => [m.key, m]))
  const rows = s.map((m) => ({ m, d: m.rss - (before.get(m.key)?.rss ?? 0) }))
  const list = prev.length === 0 ? rows.filter((r) => r.m.rss > 1.5) : rows.filter((r) => Math.abs(r.d) > 0.7)
  for (const { m, d } of list.sort((a, b) => b.m.rss - a.m.rss))
    console.log(`   ${m.rss.toFixed(1).padStart(7)} MB (${d >= 0 ? '+' : ''}${d.toFixed(1)}) of ${m.size.toFixed(0).padStart(6)} MB ${m.perms} ${m.name} ${m.key}`)
  const cat = (m: Map_) =>
    m.name !== '[anon]' ? m.name : m.perms.includes('x') ? 'code (rwx)' : m.size >= 100 && m.size < 200 ? 'wasm memory' : m.key.endsWith('000000') && m.size <= 64 ? 'malloc arena' : m.size <= 1.01 ? 'small anon (V8 pages)' : 'other anon'
  const agg = new Map<string, [number, number]>()
  for (const { m, d } of rows) { const a = agg.get(cat(m)) ?? [0, 0]; a[0] += m.rss; a[1] += d; agg.set(cat(m), a) }
  console.log(`   by kind: ${[...agg].sort((a, b) => b[1][0] - a[1][0]).map(([k, [r, d]]) => `${k} ${r.toFixed(1)} (${d >= 0 ? '+' : ''}${d.toFixed(1)})`).join(', ')}`)
  const gone = prev.filter((m) => !s.some((x) => x.key === m.key)).reduce((a, m) => a + m.rss, 0)
  if (prev.length) console.log(`   (unmapped since: ${gone.toFixed(1)} MB)`)
  prev = s
}
const dataDir = mkdtempSync(join(tmpdir(), 'bench-local-'))
if (!process.env.NO_BUILD) execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' })
const local = await startServer('dist/main.node.js', 4304, { DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' }, [
  '--liftoff-only', '--max-semi-space-size=1', '--max-old-space-size=128', ...extra,
])
try {
  await new Promise((r) => setTimeout(r, 2000))
  show('idle', local.pid)
  const simSecret = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).simulatorChannelSecret
  const m = await drive(local.url, bodies(simSecret), { seconds, connections: 32 })
  console.log(`load: ${m.rps.toFixed(0)} req/s, ok ${m.ok}`)
  show('after load', local.pid)
  await local.waitIdle()
  show('after drain', local.pid)
  if (process.env.DUMP_OUT) (await import('node:fs')).writeFileSync(process.env.DUMP_OUT, local.output())
} finally {
  await local.stop()
}
