import type { MessageKey } from '../../console/i18n.js'
import { Msg, type View } from '../../console/layout.js'
import type { LineHealth } from '../../line/status.js'
import type { DeliveryRow, RunRow } from '../tables.js'

// LINE's state and a delivery's stored detail in words, Thai first (English on the switch).

const BANNER = {
  unavailable: 'lineUnavailable',
  rate_limited: 'lineRateLimited',
  quota_exhausted: 'lineQuotaExhausted',
} as const

/** What LINE's recent answers say about the organization's channel; nothing while all is well. */
export function LineBanner(props: { v: View; line?: LineHealth }) {
  const { v, line } = props
  if (!line || line.status === 'ok') return null
  const since = line.since ? v.date(line.since) : '—'
  return (
    <div id="line-status">
      <Msg text={v.t(BANNER[line.status], { since })} error />
    </div>
  )
}

/** A sending run that a rate limit paused: until when. */
export function runPause(v: View, run: RunRow, now: Date): string | null {
  if (run.status !== 'sending' || run.resume_at.getTime() <= now.getTime()) return null
  return v.t('runPausedUntil', { until: v.date(run.resume_at) })
}

/**
 * The sender stores a short English detail (or LINE's own message) with each delivery: known
 * ones in words, anything else as LINE said it.
 */
const DETAILS: [RegExp, MessageKey][] = [
  [/paused by a rate limit|rate limit has been exceeded|too many requests/i, 'dRateLimited'],
  [/monthly (limit|quota)/i, 'dQuota'],
  [/no LINE channel/i, 'dNoChannel'],
  [/already accepted/i, 'dAlreadyAccepted'],
  [/handed back/i, 'dHandedBack'],
  [/network error|timed out|timeout|^HTTP 5\d\d/i, 'dUnavailable'],
]

export function deliveryWords(v: View, d: Pick<DeliveryRow, 'detail' | 'answer_status'>): string | null {
  if (!d.detail) return null
  for (const [pattern, key] of DETAILS) if (pattern.test(d.detail)) return v.t(key)
  if (d.answer_status !== null && d.answer_status >= 500) return v.t('dUnavailable')
  return d.detail
}
