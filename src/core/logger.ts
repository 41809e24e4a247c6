/**
 * Structured JSON logs. Privacy rule (README "Complaints: who can learn what"): no message text, raw LINE ids or complaint
 * data. Fields are scalars only, names that usually carry such data are refused, and any value
 * shaped like a LINE id is masked, so a careless call cannot leak one.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Record<string, string | number | boolean | null | undefined>

export interface Logger {
  debug(event: string, fields?: LogFields): void
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
  error(event: string, fields?: LogFields): void
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }
const FORBIDDEN_KEYS = new Set([
  'text',
  'message',
  'body',
  'userid',
  'groupid',
  'roomid',
  'replytoken',
  'to',
  'content',
  'payload',
])
const LINE_ID = /[UCR][0-9a-f]{32}/g

export function sanitizeFields(fields: LogFields): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {}
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue
    if (FORBIDDEN_KEYS.has(k.toLowerCase())) {
      out[k] = '[redacted]'
      continue
    }
    out[k] = typeof v === 'string' ? v.replace(LINE_ID, '[line-id]') : v
  }
  return out
}

export function createLogger(opts: {
  level: LogLevel
  write: (line: string) => void
  now?: () => Date
  base?: LogFields
}): Logger {
  const min = ORDER[opts.level]
  const now = opts.now ?? (() => new Date())
  const emit = (level: LogLevel, event: string, fields: LogFields = {}) => {
    if (ORDER[level] < min) return
    const record = {
      ts: now().toISOString(),
      level,
      event: event.replace(LINE_ID, '[line-id]'),
      ...sanitizeFields({ ...opts.base, ...fields }),
    }
    opts.write(JSON.stringify(record))
  }
  return {
    debug: (e, f) => emit('debug', e, f),
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
    error: (e, f) => emit('error', e, f),
  }
}

/** Turns an unknown error into log-safe fields: its class and a short, id-masked message. */
export function errorFields(err: unknown): LogFields {
  if (err instanceof Error) return { error: err.name, reason: err.message.slice(0, 200) }
  return { error: typeof err }
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }
