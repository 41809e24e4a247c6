import { z } from 'zod'

const base64Key32 = z.string().refine((v) => {
  try {
    return atob(v).length === 32
  } catch {
    return false
  }
}, 'must be base64 of exactly 32 bytes (openssl rand -base64 32)')

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}, 'must be an IANA time zone such as Asia/Bangkok')

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))

/** The environment contract (README, the variables' table; .env.example). Parsed once at boot. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * The address the Node server listens on. Unset: 127.0.0.1 outside production (local mode's
   * simulator and transcripts need no login, so they stay off the LAN), 0.0.0.0 in production,
   * which runs behind a proxy or in a container. 0.0.0.0 or :: listens on every interface.
   */
  HOST: optionalText.pipe(
    z
      .union([z.ipv4(), z.ipv6(), z.hostname()], 'must be an IP address or host name, e.g. 127.0.0.1')
      .optional(),
  ),
  /**
   * How many proxies in front of the Node server append to X-Forwarded-For. 0: the client's
   * address is the socket's and the header is ignored (any client can write it). N: the address
   * N entries from its right. Workers read CF-Connecting-IP, which Cloudflare itself sets.
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATA_DIR: z.string().min(1).default('./.data'),
  LINE_CHANNEL_SECRET: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-f]{32}$/i, 'must be the 32 hex characters shown in the LINE Developers console')
      .optional(),
  ),
  LINE_CHANNEL_ACCESS_TOKEN: optionalText.pipe(z.string().min(20, 'looks too short').optional()),
  LINE_API_BASE_URL: z.url().default('https://api.line.me'),
  LINE_DATA_API_BASE_URL: z.url().default('https://api-data.line.me'),
  APP_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  DATA_ENCRYPTION_KEY: optionalText.pipe(base64Key32.optional()),
  TZ_DEFAULT: timeZone.default('Asia/Bangkok'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  WEBHOOK_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Budget uploads (CSV/XLSX) larger than this are refused before they are read. */
  BUDGET_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  PUBLIC_BASE_URL: optionalText.pipe(z.url().optional()),
  /** Days the agency commits to acknowledge a complaint, and to give feedback on it. */
  COMPLAINT_ACK_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  COMPLAINT_FEEDBACK_DAYS: z.coerce.number().int().min(7).max(365).default(90),
  /** Closed cases keep their content this long, then only a statistics stub remains. */
  COMPLAINT_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(1825),
  /** An unfinished complaint (and its evidence) is destroyed after this many minutes. */
  COMPLAINT_DRAFT_TTL_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  /**
   * When each day's filings are written into the case tables, all at once (local 'HH:MM').
   * Officers see a complaint after the next entry; the delay is what keeps the moment of
   * filing out of the database (README "Complaints: who can learn what").
   */
  COMPLAINT_ENTRY_TIME: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM, e.g. 00:30')
    .default('00:30'),
  /** One piece of evidence, after LINE delivers it. */
  EVIDENCE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(25 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /**
   * Photos above this many pixels are refused before decoding. Re-encoding holds the picture
   * several times at 4 bytes a pixel: Workers (128 MB per isolate) want about 3 MP.
   */
  EVIDENCE_MAX_PIXELS: z.coerce.number().int().min(100_000).max(50_000_000).default(16_000_000),
  /**
   * What one piece of evidence may inflate to while it is cleaned, every decoder together (zip
   * entries at every nesting level, PDF streams, PNG pixel rows); the files of one web report
   * share twice this. Each decoder stops at what is left, so a small "bomb" costs no more.
   */
  EVIDENCE_MAX_INFLATED_BYTES: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .max(512 * 1024 * 1024)
    .default(64 * 1024 * 1024),
  /** Node: threads cleaning evidence side by side, off the event loop. */
  EVIDENCE_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
  /** Node: each evidence thread's JavaScript heap ceiling (MB); past it, the file is refused. */
  EVIDENCE_WORKER_MEMORY_MB: z.coerce.number().int().min(32).max(4096).default(256),
  /** Node: files waiting for a thread; the next one is answered "busy, send again shortly". */
  EVIDENCE_QUEUE: z.coerce.number().int().min(0).max(1000).default(16),
  /**
   * Node on Linux: the nice value of the threads cleaning evidence (0–19). At 19 they take only
   * the CPU the event loop leaves, so webhooks are acknowledged while photos are cleaned.
   */
  EVIDENCE_NICE: z.coerce.number().int().min(0).max(19).default(19),
  /** Node: one file's cleaning deadline (ms); past it, its thread ends and the file is refused. */
  EVIDENCE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(20_000),
  /**
   * Writes of evidence bytes (a report's or reply's files) waiting for their turn in the
   * database, one at a time (AppDeps['evidenceWrites']); the next is answered "busy".
   */
  EVIDENCE_WRITES_QUEUE: z.coerce.number().int().min(0).max(1000).default(16),
  /** How long a write of evidence bytes may wait for its turn (ms) before it is answered "busy". */
  EVIDENCE_WRITES_WAIT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /**
   * Days an account must have been a complaint officer before it may approve an identity reveal
   * or open a case someone was excluded from. At least 7: the complainants' promise says so.
   */
  COMPLAINT_OFFICER_TENURE_DAYS: z.coerce
    .number()
    .int()
    .min(7, 'must be at least 7 (the promise to complainants says at least 7 days)')
    .max(90)
    .default(7),
  /** Groups carrying this label (set on /admin/groups) get the officers' complaint deadline reminders. */
  COMPLAINT_OFFICERS_LABEL: optionalText
    .transform((v) => v ?? 'เจ้าหน้าที่รับเรื่องร้องเรียน')
    .pipe(z.string().max(50, 'must be at most 50 characters (a group label)')),
})

export type Env = z.infer<typeof envSchema>

export type LineMode =
  | { kind: 'line'; channelSecret: string; accessToken: string; apiBaseUrl: string; dataApiBaseUrl: string }
  | { kind: 'local' }

export interface Config {
  env: Env
  production: boolean
  line: LineMode
  /** Secrets may be absent only in local/dev mode: the Node entry then generates them. */
  appSecret: string | undefined
  dataEncryptionKey: string | undefined
  timeZone: string
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] }

/** Parses the environment; every problem names its variable so the operator can fix it. */
export function parseConfig(raw: Record<string, string | undefined>): ConfigResult {
  const parsed = envSchema.safeParse(raw)
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`),
    }
  }
  const env = parsed.data
  const errors: string[] = []
  const secret = env.LINE_CHANNEL_SECRET
  const token = env.LINE_CHANNEL_ACCESS_TOKEN
  if (secret && !token) errors.push('LINE_CHANNEL_ACCESS_TOKEN: required when LINE_CHANNEL_SECRET is set')
  if (token && !secret) errors.push('LINE_CHANNEL_SECRET: required when LINE_CHANNEL_ACCESS_TOKEN is set')
  const production = env.NODE_ENV === 'production'
  if (production) {
    for (const name of [
      'LINE_CHANNEL_SECRET',
      'LINE_CHANNEL_ACCESS_TOKEN',
      'APP_SECRET',
      'DATA_ENCRYPTION_KEY',
    ] as const) {
      if (!env[name]) errors.push(`${name}: required when NODE_ENV=production`)
    }
  }
  if (errors.length > 0) return { ok: false, errors }
  const line: LineMode =
    secret && token
      ? {
          kind: 'line',
          channelSecret: secret,
          accessToken: token,
          apiBaseUrl: env.LINE_API_BASE_URL,
          dataApiBaseUrl: env.LINE_DATA_API_BASE_URL,
        }
      : { kind: 'local' }
  return {
    ok: true,
    config: {
      env,
      production,
      line,
      appSecret: env.APP_SECRET,
      dataEncryptionKey: env.DATA_ENCRYPTION_KEY,
      timeZone: env.TZ_DEFAULT,
    },
  }
}

/** Where the Node server listens: HOST, else loopback outside production (see HOST above). */
export const listenHost = (config: Pick<Config, 'env' | 'production'>): string =>
  config.env.HOST ?? (config.production ? '0.0.0.0' : '127.0.0.1')
