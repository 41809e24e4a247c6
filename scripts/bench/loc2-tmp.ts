import { readFileSync } from 'node:fs'
import { bodies, drive } from '/work/main/scripts/bench/load.js'
import { startServer } from '/work/main/scripts/bench/servers.js'
const dir = '/tmp/locb' + Date.now()
const flags = (process.env.FLAGS ?? '').split(' ').filter(Boolean)
const s = await (await import('/work/main/scripts/bench/servers.js')).startServer(process.env.ENTRY ?? 'src/main.node.ts', 4601, { DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'warn' }, flags)
console.log('idle', s.rssMb() | 0)
const secret = JSON.parse(readFileSync(dir + '/secrets.json', 'utf8')).simulatorChannelSecret
const r = await drive(s.url, bodies(secret), { seconds: 10, connections: 32 })
await s.waitIdle()
console.log(flags.join(' '), r.rps | 0, 'after', s.rssMb() | 0)
await s.stop()
