// scratch: RSS anatomy of local mode (PGlite) before and after load
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bodies, drive } from './load.js'
import { startServer } from './servers.js'

const seconds = Number(process.argv[2] ?? 10)
const extra = (process.env.LOCAL_NODE_ARGS ?? '').split(' ').filter(Boolean)
function smaps(pid: number) {
  const txt = readFileSync(`/proc/${pid}/smaps`, 'utf8')
  const maps: { name: string; size: number; rss: number }[] = []
  let cur: { name: string; size: number; rss: number } | null = null
  for (const line of txt.split('\n')) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line)
    if (m) {
      cur = { name: m[3] || '[anon]', size: (parseInt(m[2]!, 16) - parseInt(m[1]!, 16)) / 1048576, rss: 0 }
      maps.push(cur)
    } else if (line.startsWith('Rss:') && cur) cur.rss = Number(/(\d+)/.exec(line)?.[1]) / 1024
  }
  const byName = new Map<string, number>()
  for (const m of maps) byName.set(m.name.replace(/.*\//, ''), (byName.get(m.name.replace(/.*\//, '')) ?? 0) + m.rss)
  const big = maps.filter((m) => m.rss > 2 || m.size > 1000).sort((a, b) => b.rss - a.rss).slice(0, 30)
  return { total: maps.reduce((s, m) => s + m.rss, 0), big, byName: [...byName].sort((a, b) => b[1] - a[1]).slice(0, 8) }
}
const show = (label: string, pid: number) => {
  const s = smaps(pid)
  console.log(`--- ${label}: RSS ${s.total.toFixed(0)} MB`)
  for (const m of s.big) console.log(`   ${m.rss.toFixed(1).padStart(7)} MB of ${m.size.toFixed(0).padStart(7)} MB  ${m.name}`)
  console.log(`   by file: ${s.byName.map(([n, r]) => `${n} ${r.toFixed(0)}`).join(', ')}`)
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
} finally {
  await local.stop()
}
