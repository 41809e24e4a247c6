import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { offlineWranglerEnv, WRANGLER } from '../../scripts/worker-bundle.js'

// Helpers for test/runtime/worker.workerd.test.ts: the real wrangler.toml run by `wrangler dev`
// in workerd, offline, against a database of its own on the tests' PostgreSQL server.

const ROOT = resolve(import.meta.dirname, '../..')

/** Why workerd cannot run here, or null. Only this may skip the test: CI must run it. */
export function workerdUnavailable(): string | null {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/workerd'), ['--version'], { encoding: 'utf8' })
  if (r.error) return `workerd not installed for ${process.platform}-${process.arch} (${r.error.message})`
  if (r.status !== 0) return `workerd does not run on ${process.platform}-${process.arch}: ${r.stderr}`
  return null
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const address = s.address()
      const port = typeof address === 'object' && address ? address.port : 0
      s.close(() => ok(port))
    })
  })
}

/** Runs a TypeScript CLI of the project as its npm script does (tsx), with extra variables. */
export function runCli(script: string, args: string[], env: Record<string, string>, input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  })
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}):\n${r.stdout}\n${r.stderr}`)
  return r.stdout
}

export interface WorkerDatabase {
  url: string
  drop(): Promise<void>
}

/**
 * A database of its own, migrated from Node with `npm run migrate`'s code. Not a schema as the
 * other PostgreSQL tests use: Hyperdrive's connection string carries user, password, host and
 * database only, so a search_path in the URL would not reach the Worker.
 */
export async function createWorkerDatabase(baseUrl: string): Promise<WorkerDatabase> {
  const name = `wk_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`
  const admin = new pg.Client({ connectionString: baseUrl })
  await admin.connect()
  try {
    await admin.query(`create database ${name}`)
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err)
    throw new Error(
      `the workerd test needs a PostgreSQL role that may CREATE DATABASE (scripts/ensure-postgres.sh makes one): ${why}`,
    )
  } finally {
    await admin.end()
  }
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  url.search = ''
  const drop = async () => {
    const c = new pg.Client({ connectionString: baseUrl })
    await c.connect()
    await c.query(`drop database if exists ${name} with (force)`)
    await c.end()
  }
  try {
    runCli('src/cli/migrate.ts', [], { DATABASE_URL: url.toString(), NODE_ENV: 'test' })
  } catch (err) {
    await drop()
    throw err
  }
  return { url: url.toString(), drop }
}

export interface DevWorker {
  url: string
  output(): string
  /** Resolves when the output matches, or throws with the output so far. */
  waitFor(pattern: RegExp, ms?: number): Promise<void>
  stop(): Promise<void>
}

export interface DevWorkerOptions {
  /** Hyperdrive's local connection string; omitted = no HYPERDRIVE binding at all. */
  databaseUrl?: string
  /** Secrets and variables, as `wrangler secret put` would set them (an --env-file). */
  vars: Record<string, string>
}

/**
 * `wrangler dev --local` on the project's wrangler.toml, or, without a database, on a copy
 * without its [[hyperdrive]] block (wrangler refuses a Hyperdrive binding with no database).
 */
export async function startDevWorker(opts: DevWorkerOptions): Promise<DevWorker> {
  const home = mkdtempSync(join(tmpdir(), 'wrangler-dev-'))
  mkdirSync(join(home, 'config'), { recursive: true })
  const envFile = join(home, 'secrets.env')
  writeFileSync(
    envFile,
    Object.entries(opts.vars)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}\n`)
      .join(''),
  )
  const [port, inspector] = [await freePort(), await freePort()]
  const args = [WRANGLER, 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port)]
  args.push('--inspector-port', String(inspector), '--show-interactive-dev-session=false')
  args.push('--test-scheduled', '--env-file', envFile, '--persist-to', join(home, 'state'))
  const env = offlineWranglerEnv(home)
  if (opts.databaseUrl) env.CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE = opts.databaseUrl
  else args.push('--config', withoutHyperdrive(home))
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  child.stderr?.on('data', (d) => {
    out += d
  })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const dev: DevWorker = {
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    async waitFor(pattern, ms = 120_000) {
      const until = Date.now() + ms
      while (!pattern.test(out)) {
        if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${out}`)
        if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; wrangler said:\n${out}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        const killed = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await exited
        clearTimeout(killed)
        // esbuild (wrangler's own child) may still be writing a rebuild's output for a moment.
        await new Promise((r) => setTimeout(r, 300))
      }
      rmSync(home, { recursive: true, force: true })
    },
  }
  try {
    await dev.waitFor(/Ready on http/)
  } catch (err) {
    await dev.stop()
    throw err
  }
  return dev
}

/** The real wrangler.toml minus [[hyperdrive]], in a temp dir (so its .wrangler/ lands there too). */
function withoutHyperdrive(home: string): string {
  const stripped = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8')
    .replace(/^\[\[hyperdrive\]\]\n(?:[^[\n].*\n|\n)*/m, '')
    .replace(/^main = ".*"$/m, `main = ${JSON.stringify(join(ROOT, 'src/main.worker.ts'))}`)
  const path = join(home, 'wrangler.toml')
  writeFileSync(path, stripped)
  return path
}

/** A form-posting client with a cookie jar and the last page's CSRF token, over real HTTP. */
export class WebClient {
  cookies = new Map<string, string>()
  csrf = ''
  constructor(private readonly base: string) {}

  async send(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    // What a browser sends with a form post to its own origin.
    headers.set('origin', this.base)
    if (this.cookies.size > 0)
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    const res = await fetch(`${this.base}${path}`, { ...init, headers, redirect: 'manual' })
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      if (/max-age=0/i.test(line) || eq === pair.length - 1) this.cookies.delete(pair.slice(0, eq))
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1))
    }
    if ((res.headers.get('content-type') ?? '').includes('text/html')) {
      const m = (await res.clone().text()).match(/name="_csrf" value="([^"]*)"/)
      if (m?.[1]) this.csrf = m[1]
    }
    return res
  }

  post(path: string, fields: Record<string, string>): Promise<Response> {
    const body = new URLSearchParams({ ...fields, _csrf: this.csrf }).toString()
    return this.send(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
  }
}

/** Polls until `check` holds (a background drain or a cron tick has done its work). */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000) {
  const stop = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > stop) throw new Error(`timed out waiting until ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
