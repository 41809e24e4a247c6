// npm run drills [-- <name> …] — the fault drills: each runs instances of the built bot
// (dist/main.node.js) against a PostgreSQL of its own and a fake LINE on loopback, breaks
// something, and prints its figures (scripts/drills/report.ts). README "Drills" lists them.
import { execFileSync } from 'node:child_process'
import { clockSkew } from './clock-skew.js'
import { dbOutage } from './db-outage.js'
import { killBroadcast } from './kill-broadcast.js'
import { lineOutage } from './line-outage.js'
import { pgliteKill } from './pglite-kill.js'
import { type Figures, printFigures } from './report.js'
import { sigterm } from './sigterm.js'
import { slowReply } from './slow-reply.js'
import { threeSchedulers } from './three-schedulers.js'

const drills: Record<string, () => Promise<Figures>> = {
  'kill-broadcast': killBroadcast,
  'db-outage': dbOutage,
  'line-outage': lineOutage,
  'slow-reply': slowReply,
  'clock-skew': clockSkew,
  sigterm,
  'pglite-kill': pgliteKill,
  'three-schedulers': threeSchedulers,
}

const wanted = process.argv.slice(2)
const unknown = wanted.filter((w) => !(w in drills))
if (unknown.length > 0) {
  console.error(`unknown drill(s): ${unknown.join(', ')}; known: ${Object.keys(drills).join(', ')}`)
  process.exit(2)
}
if (process.getuid?.() !== 0)
  console.warn('drills: not root; starting a PostgreSQL as the postgres user needs root')
execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' })
const results: Figures[] = []
for (const name of wanted.length > 0 ? wanted : Object.keys(drills)) {
  const started = performance.now()
  console.log(`\n▶ ${name} …`)
  try {
    const f = await drills[name]?.()
    if (!f) continue
    f.extra.push(['drill run time (s)', ((performance.now() - started) / 1000).toFixed(0)])
    printFigures(f)
    results.push(f)
  } catch (err) {
    console.error(`drill ${name} could not run: ${err instanceof Error ? err.stack : String(err)}`)
  }
}
const missed = results.filter((r) => r.goals.some((g) => !g.ok)).map((r) => r.drill)
console.log(
  `\n${results.length} drill(s) ran; goals missed in: ${missed.length ? missed.join(', ') : 'none'}`,
)
process.exit(0)
