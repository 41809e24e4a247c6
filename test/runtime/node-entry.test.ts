import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The real entry, as `npm start` runs it (the esbuild bundle through scripts/launch.mjs's local
// mode): embedded PGlite in a fresh data directory.
const dataDir = mkdtempSync(join(tmpdir(), 'bot-data-'))
const children: ChildProcess[] = []

function start(port: number, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['scripts/launch.mjs', 'local'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let out = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  child.stderr?.on('data', (d) => {
    out += d
  })
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  const waitFor = async (pattern: RegExp, ms = 40_000) => {
    const until = Date.now() + ms
    while (!pattern.test(out)) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; output:\n${out}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return { child, exited, waitFor, output: () => out }
}

beforeAll(() => {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' })
})

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
})

describe('npm start (Node entry, local mode)', () => {
  const port = 30000 + Math.floor(Math.random() * 20000)

  it('boots on PGlite, prints its URLs, and serves /healthz and /dev/chat', async () => {
    const first = start(port)
    await first.waitFor(/chat +http/)
    // Local mode listens on loopback only (the simulator has no login) and says so.
    expect(first.output()).toContain(`listening on http://127.0.0.1:${port} `)
    expect(first.output()).toContain('reachable from 127.0.0.1 only (HOST)')
    expect(first.output()).toContain(`http://127.0.0.1:${port}/dev/chat`)
    expect(first.output()).toContain(`http://127.0.0.1:${port}/webhook`)
    const health = await fetch(`http://127.0.0.1:${port}/healthz`)
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'reachable' })
    expect((await fetch(`http://127.0.0.1:${port}/dev/chat`)).status).toBe(200)

    // A second process on the same data directory refuses to start, saying why.
    const second = start(port + 1)
    expect(await second.exited).toBe(1)
    expect(second.output()).toMatch(/already used by process \d+/)

    // Graceful shutdown finishes and releases the lock.
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)
    expect(first.output()).toContain('shutdown.done')
    const third = start(port + 2)
    await third.waitFor(/listening on/)
    third.child.kill('SIGTERM')
    expect(await third.exited).toBe(0)
  }, 120_000)

  it('stops with a message naming a bad variable', async () => {
    const bad = start(port + 3, { PORT: 'abc', TZ_DEFAULT: 'Nowhere/Land' })
    expect(await bad.exited).toBe(1)
    expect(bad.output()).toContain('PORT')
    expect(bad.output()).toContain('TZ_DEFAULT')
  })
})
