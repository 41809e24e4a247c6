// npm run bench:start — how long `npm start` takes until the LINE simulator answers: the first
// start on a fresh data directory (the embedded database created), then a second start on the
// same directory. Each is the whole command a person types (npm, the build, the launcher, the
// bot) from spawn to the first 200 from /dev/chat. BENCH_START_ROUNDS (1) repeats both.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROUNDS = Number(process.env.BENCH_START_ROUNDS ?? 1)
const PORT = 20000 + (process.pid % 20000)
const LIMIT_MS = 120_000

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).status === 200
  } catch {
    return false
  }
}

/** `npm start` in its own process group (npm, sh, node), and the ms until /dev/chat is 200. */
async function start(dataDir: string): Promise<number> {
  const t0 = performance.now()
  const child: ChildProcess = spawn('npm', ['start'], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', PORT: String(PORT), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  })
  const exited = new Promise<void>((r) => child.on('exit', () => r()))
  try {
    while (!(await answers(`http://127.0.0.1:${PORT}/dev/chat`))) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`)
      if (performance.now() - t0 > LIMIT_MS) throw new Error('no answer from /dev/chat in 120 s')
      await new Promise((r) => setTimeout(r, 50))
    }
    return performance.now() - t0
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM')
    await exited
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
console.log(`npm run bench:start — Node ${process.version}; from \`npm start\` to the first 200 of /dev/chat`)
for (let round = 1; round <= ROUNDS; round++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-start-'))
  try {
    const first = await start(dataDir)
    const second = await start(dataDir)
    console.log(`  round ${round}: first start ${s(first)} (new database), second start ${s(second)}`)
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
