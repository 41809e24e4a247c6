import type { SendResult } from '../line/port.js'
import type { DeliveryOutcome } from './deliveries.js'
import type { DeliveryRow, RunRow } from './tables.js'

/** Pure: what one send's result means for its delivery row (tick.ts writes it). */
export interface OutcomeContext {
  delivery: DeliveryRow
  run: RunRow
  chatKey: string | null
  now: Date
  maxAttempts: number
  retryBaseMs: number
}

const MAX_RETRY_MS = 30 * 60_000

/** 5xx and timeouts that outlived the port's own retries: wait longer each time, up to 30 min. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), MAX_RETRY_MS)
}

function base(c: OutcomeContext) {
  return {
    runId: c.delivery.run_id,
    recipient: c.delivery.recipient,
    claimed: c.delivery.attempts,
    nextAttemptAt: null,
    requestId: null,
    answerStatus: null,
    sentAt: null,
    refund: 0 as const,
  }
}

function event(c: OutcomeContext, kind: string, data: Record<string, unknown>) {
  const inGroup = c.delivery.recipient_type === 'group' || c.delivery.recipient_type === 'room'
  return {
    kind,
    chatKey: c.chatKey,
    // A push to a group happened in that group: reports count reach by unit on place_key.
    placeKey: inGroup ? c.chatKey : null,
    measure: c.run.measure,
    at: c.now,
    data: { broadcast_id: c.run.broadcast_id, recipient_type: c.delivery.recipient_type, ...data },
  }
}

export function failed(
  c: OutcomeContext,
  status: number | null,
  detail: string,
  reason: string,
): DeliveryOutcome {
  const data = { reason, status, attempts: c.delivery.attempts }
  return {
    ...base(c),
    status: 'failed',
    answerStatus: status,
    detail,
    event: event(c, 'message.failed', data),
  }
}

/** Back to pending untried: the attempt does not count (rate limit, paused run, no channel). */
export function released(c: OutcomeContext, at: Date, detail: string): DeliveryOutcome {
  return { ...base(c), status: 'pending', nextAttemptAt: at, detail, refund: 1, event: null }
}

export function toOutcome(c: OutcomeContext, r: SendResult): DeliveryOutcome {
  switch (r.kind) {
    case 'accepted':
      return {
        ...base(c),
        status: 'sent',
        requestId: r.requestId,
        answerStatus: r.duplicate ? 409 : 200,
        // 409 on our retry key: LINE had accepted an earlier attempt whose answer we lost.
        detail: r.duplicate ? 'already accepted (409 on retry key)' : null,
        sentAt: c.now,
        event: event(c, 'message.sent', { duplicate: r.duplicate, attempts: c.delivery.attempts }),
      }
    case 'rejected':
      return failed(c, r.status, r.detail, 'rejected')
    case 'quota_exhausted':
      return failed(c, r.status, r.detail, 'quota_exhausted')
    case 'rate_limited':
      return released(c, c.now, r.detail)
    case 'unavailable':
      if (c.delivery.attempts >= c.maxAttempts) return failed(c, r.status, r.detail, 'unavailable')
      return {
        ...base(c),
        status: 'pending',
        nextAttemptAt: new Date(c.now.getTime() + retryDelayMs(c.delivery.attempts, c.retryBaseMs)),
        answerStatus: r.status,
        detail: r.detail,
        event: null,
      }
  }
}
