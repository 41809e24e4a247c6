import { HTTPFetchError } from '@line/bot-sdk'
import type { SendResult } from './port.js'
import { TimeoutError, withTimeout } from './retry.js'

/** What one call to LINE came to, as a value. */
export type CallOutcome<T> =
  | { kind: 'ok'; status: number; headers: Headers; value: T }
  | { kind: 'http'; status: number; headers: Headers; detail: string }
  | { kind: 'network'; detail: string; maybeSent: boolean }
  | { kind: 'timeout'; detail: string }

/** The SDK's `…WithHttpInfo` answer shape. */
export interface HttpInfo<T> {
  /** Only status and headers are read, so a transport other than fetch can answer too. */
  httpResponse: Pick<Response, 'status' | 'headers'>
  body: T
}

/** A failure of a call whose port method has no result variant for it (quota, group lookups). */
export class LineApiError extends Error {
  constructor(
    readonly status: number | null,
    detail: string,
  ) {
    super(`LINE API ${status ?? 'unreachable'}: ${detail}`)
    this.name = 'LineApiError'
  }
}

const LINE_ID = /[UCR][0-9a-f]{32}/g
const MAX_DETAIL = 300

/**
 * LINE's own error message (and the property paths it blames), never the request: details end
 * up in logs and job rows, where message text and LINE ids must not go.
 */
export function lineErrorDetail(body: string, status: number): string {
  let detail = `HTTP ${status}`
  try {
    const parsed = JSON.parse(body) as { message?: unknown; details?: unknown }
    if (typeof parsed.message === 'string') detail = parsed.message
    if (Array.isArray(parsed.details)) {
      const parts = (parsed.details as { message?: unknown; property?: unknown }[])
        .map((d) => [d.property, d.message].filter((x) => typeof x === 'string').join(': '))
        .filter((p) => p.length > 0)
      if (parts.length > 0) detail += ` (${parts.join('; ')})`
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): the status alone is all that is safe to keep.
  }
  return detail.replace(LINE_ID, '[line-id]').slice(0, MAX_DETAIL)
}

/** Failures before a connection existed: the request never reached LINE. */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
])

/** Whether LINE may have received the request (a connection lost after it was written). */
export function mayHaveReachedLine(err: unknown): boolean {
  const code = err instanceof Error ? (err.cause as { code?: unknown } | undefined)?.code : undefined
  return !(typeof code === 'string' && NEVER_SENT.has(code))
}

export function networkDetail(err: unknown): string {
  if (!(err instanceof Error)) return 'network error'
  const code = (err.cause as { code?: unknown } | undefined)?.code
  return `network error: ${typeof code === 'string' ? code : err.message}`.slice(0, MAX_DETAIL)
}

/** One attempt, bounded by `timeoutMs`, classified. */
export async function callOnce<T>(
  timeoutMs: number,
  run: () => Promise<HttpInfo<T>>,
): Promise<CallOutcome<T>> {
  try {
    const r = await withTimeout(timeoutMs, run)
    return { kind: 'ok', status: r.httpResponse.status, headers: r.httpResponse.headers, value: r.body }
  } catch (err) {
    if (err instanceof HTTPFetchError) {
      return {
        kind: 'http',
        status: err.status,
        headers: err.headers,
        detail: lineErrorDetail(err.body, err.status),
      }
    }
    if (err instanceof TimeoutError) return { kind: 'timeout', detail: err.message }
    return { kind: 'network', detail: networkDetail(err), maybeSent: mayHaveReachedLine(err) }
  }
}

/** Worth the identical request again: 5xx, a lost connection, no answer in time. Never a 4xx. */
export function isTransient(o: CallOutcome<unknown>): boolean {
  return o.kind === 'network' || o.kind === 'timeout' || (o.kind === 'http' && o.status >= 500)
}

const MONTHLY_LIMIT = /monthly limit/i

/** Maps a send's final outcome; `withRetryKey` makes a 409 mean "already sent". */
export function toSendResult(o: CallOutcome<unknown>, withRetryKey: boolean): SendResult {
  switch (o.kind) {
    case 'ok':
      return { kind: 'accepted', requestId: o.headers.get('x-line-request-id'), duplicate: false }
    case 'network':
      return { kind: 'unavailable', status: null, detail: o.detail, uncertain: o.maybeSent }
    case 'timeout':
      // LINE may have taken it and only its answer was late.
      return { kind: 'unavailable', status: null, detail: o.detail, uncertain: true }
    case 'http':
      if (o.status === 409 && withRetryKey) {
        return { kind: 'accepted', requestId: o.headers.get('x-line-accepted-request-id'), duplicate: true }
      }
      if (o.status === 429) {
        // LINE answers 429 for both; only its message tells a full month from a busy second.
        const kind = MONTHLY_LIMIT.test(o.detail) ? 'quota_exhausted' : 'rate_limited'
        return { kind, status: 429, detail: o.detail }
      }
      if (o.status >= 500) return { kind: 'unavailable', status: o.status, detail: o.detail }
      return { kind: 'rejected', status: o.status, detail: o.detail }
  }
}

const INVALID_REPLY_TOKEN = /invalid reply token/i

/**
 * A reply's final outcome. A reply token is single use, so after an attempt of ours whose
 * outcome we do not know (or that LINE failed with a 5xx), a 400 "Invalid reply token" on a
 * retry means that earlier attempt used it: delivered, not a reason to push.
 */
export function toReplyResult(o: CallOutcome<unknown>, retried: boolean): SendResult {
  if (retried && o.kind === 'http' && o.status === 400 && INVALID_REPLY_TOKEN.test(o.detail)) {
    return { kind: 'accepted', requestId: null, duplicate: true }
  }
  return toSendResult(o, false)
}

/** Throws LineApiError unless the outcome is a 2xx; for port methods that return plain data. */
export function okValue<T>(o: CallOutcome<T>): T {
  if (o.kind === 'ok') return o.value
  throw new LineApiError(o.kind === 'http' ? o.status : null, o.detail)
}
