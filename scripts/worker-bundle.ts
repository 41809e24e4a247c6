import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

// The Worker as `wrangler deploy` would upload it, built with --dry-run: no login, no network.
// Used by `npm run build:worker` and by test/runtime/worker.workerd.test.ts.

const ROOT = resolve(import.meta.dirname, '..')
export const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js')
/** The Workers Free plan's limit on a Worker's compressed size (Paid: 10 MB). */
export const FREE_PLAN_GZIP_LIMIT = 3 * 1024 * 1024

/**
 * Wrangler offline and logged out: no metrics, error reports, Request.cf download, login state
 * or dev registry shared with a developer's own wrangler; its logs under `home`.
 */
export function offlineWranglerEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(CLOUDFLARE_|WRANGLER_|CF_)/.test(k)) env[k] = v
  }
  return {
    ...env,
    XDG_CONFIG_HOME: join(home, 'config'),
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
    WRANGLER_NO_SKILLS_UPDATE_PROMPTS: 'true',
    WRANGLER_LOG_PATH: join(home, 'logs'),
    WRANGLER_REGISTRY_PATH: join(home, 'registry'),
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  }
}

export interface WorkerBundle {
  outdir: string
  /** The modules that would be uploaded (the script and flows/ as text), source maps excluded. */
  modules: { name: string; bytes: number; gzip: number }[]
  bytes: number
  gzip: number
  /** What wrangler printed. */
  log: string
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], { cwd: ROOT, env })
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.stderr.on('data', (d) => {
      out += d
    })
    child.on('error', fail)
    child.on('exit', (code) =>
      code === 0 ? ok(out) : fail(new Error(`wrangler ${args[0]} exited ${code}:\n${out}`)),
    )
  })
}

/** `wrangler deploy --dry-run --outdir <outdir>`, then each module's size raw and gzipped. */
export async function bundleWorker(outdir: string): Promise<WorkerBundle> {
  const home = mkdtempSync(join(tmpdir(), 'wrangler-build-'))
  try {
    const log = await run(['deploy', '--dry-run', '--outdir', outdir], offlineWranglerEnv(home))
    const modules = readdirSync(outdir)
      .filter((name) => /\.(js|mjs|yaml)$/.test(name))
      .map((name) => {
        const data = readFileSync(join(outdir, name))
        return { name, bytes: data.length, gzip: gzipSync(data).length }
      })
    const sum = (k: 'bytes' | 'gzip') => modules.reduce((n, m) => n + m[k], 0)
    return { outdir, modules, bytes: sum('bytes'), gzip: sum('gzip'), log }
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}

export const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`

export function describeBundle(b: WorkerBundle): string {
  const share = ((b.gzip / FREE_PLAN_GZIP_LIMIT) * 100).toFixed(0)
  return `Worker bundle (${b.modules.length} modules in ${b.outdir}): ${kib(b.bytes)} raw, ${kib(b.gzip)} gzip = ${share} % of the Workers Free plan's 3 MB`
}
