import { type Config, parseConfig } from '../config.js'
import type { Logger } from '../core/logger.js'

// The Worker's environment: [vars] and secrets from wrangler, plus the HYPERDRIVE binding.
// Checked on every invocation (there is no boot to fail at), so a missing secret or binding
// answers with a page and a log line that name it instead of an exception deep in a handler.

export interface WorkerEnv {
  HYPERDRIVE?: unknown
  [name: string]: unknown
}

export interface WorkerSetup {
  config: Config
  channelSecret: string
  accessToken: string
  appSecret: string
  dataEncryptionKey: string
  /** Hyperdrive's connection string for this invocation (pg over nodejs_compat sockets). */
  databaseUrl: string
}

export type WorkerCheck = { ok: true; setup: WorkerSetup } | { ok: false; problems: string[] }

const SECRETS = ['LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN', 'APP_SECRET', 'DATA_ENCRYPTION_KEY']

function connectionStringOf(binding: unknown): string | null {
  if (typeof binding !== 'object' || binding === null || !('connectionString' in binding)) return null
  const url = binding.connectionString
  return typeof url === 'string' && url !== '' ? url : null
}

/** Every problem names its binding or variable and says where it is set. */
export function checkWorkerEnv(env: WorkerEnv): WorkerCheck {
  const strings: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(env)) {
    // `KEY = 7` in [vars] arrives as a number; bindings (objects) are not variables.
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') strings[k] = String(v)
  }
  // Workers are always production: secrets are required, never generated.
  const parsed = parseConfig({ ...strings, NODE_ENV: 'production' })
  // One problem per name, the last word winning: a missing token is "secret missing", not
  // also "required when LINE_CHANNEL_SECRET is set".
  const byName = new Map<string, string>()
  for (const e of parsed.ok ? [] : parsed.errors) {
    const name = e.slice(0, e.indexOf(':'))
    const missing = SECRETS.includes(name) && e.endsWith('required when NODE_ENV=production')
    byName.set(name, missing ? `${name}: secret missing (wrangler secret put ${name})` : e)
  }
  const problems = [...byName.values()]
  const databaseUrl = connectionStringOf(env.HYPERDRIVE)
  if (!databaseUrl) problems.push('HYPERDRIVE: binding missing (wrangler.toml [[hyperdrive]])')
  if (!parsed.ok || !databaseUrl) return { ok: false, problems }
  const { config } = parsed
  const { APP_SECRET, DATA_ENCRYPTION_KEY } = config.env
  if (config.line.kind !== 'line' || !APP_SECRET || !DATA_ENCRYPTION_KEY) {
    return { ok: false, problems: ['(environment): production settings incomplete'] }
  }
  return {
    ok: true,
    setup: {
      config,
      channelSecret: config.line.channelSecret,
      accessToken: config.line.accessToken,
      appSecret: APP_SECRET,
      dataEncryptionKey: DATA_ENCRYPTION_KEY,
      databaseUrl,
    },
  }
}

/** The names alone, for the log line (problems are ours, never values from the environment). */
export const problemNames = (problems: string[]) => problems.map((p) => p.slice(0, p.indexOf(':'))).join(',')

export function logMisconfigured(log: Logger, problems: string[], during: 'fetch' | 'scheduled'): void {
  log.error('worker.misconfigured', {
    during,
    missing: problemNames(problems),
    problems: problems.join('; '),
  })
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

/** 503 (LINE redelivers a webhook later), Thai first like every page of the bot. */
export function misconfiguredPage(problems: string[]): Response {
  const items = problems.map((p) => `<li><code>${escapeHtml(p)}</code></li>`).join('')
  const html = `<!doctype html><html lang="th"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>ตั้งค่าไม่ครบ / Not configured</title></head>
<body><h1>บริการยังตั้งค่าไม่ครบ</h1><p>ผู้ดูแลระบบต้องตั้งค่าต่อไปนี้ใน Cloudflare Workers ก่อน</p>
<h2 lang="en">Service not configured</h2><p lang="en">The administrator must set the following first:</p>
<ul>${items}</ul><p lang="en">See README, "Deploying to Cloudflare Workers".</p></body></html>`
  return new Response(html, {
    status: 503,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '60' },
  })
}
