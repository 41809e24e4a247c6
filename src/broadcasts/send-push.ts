import type { Logger } from '../core/logger.js'
import type { LinePort, SendResult } from '../line/port.js'
import type { DeliveryRow, RunRow } from './tables.js'
import { aggregationUnitFor } from './units.js'

const UNIT_REFUSED = /customAggregationUnit/i

/** Sends one delivery at its organization's pace, with its stored retry key; never throws. */
export type Push = (port: LinePort, d: DeliveryRow, run: RunRow) => Promise<SendResult>

export function createPush(pace: (orgId: string) => Promise<void>, log: Logger): Push {
  /** Organizations whose pushes LINE refused over the aggregation unit, in this pass. */
  const untagged = new Set<string>()
  return async (port, d, run) => {
    // Pacing reads the database: its failure fails the pass (the row is retried), never the
    // recipient, so it stays outside `call`.
    await pace(run.org_id)
    const opts = { retryKey: d.retry_key }
    // LINE's broadcast takes no aggregation unit; its figures come by request id instead.
    if (d.recipient_type === 'all_followers') return call(() => port.broadcast(run.messages, opts))
    if (untagged.has(run.org_id)) return call(() => port.push(d.recipient, run.messages, opts))
    const units = [aggregationUnitFor(run.broadcast_id)]
    const r = await call(() =>
      port.push(d.recipient, run.messages, { ...opts, customAggregationUnits: units }),
    )
    // LINE's spec reserves units for "corporate users who have submitted the required
    // applications": if this account is refused over the unit, the message still goes, untagged
    // (a 400 was not accepted, so the same retry key is fine).
    if (r.kind !== 'rejected' || r.status !== 400 || !UNIT_REFUSED.test(r.detail)) return r
    untagged.add(run.org_id)
    log.warn('broadcast.units_refused', { run: run.id })
    await pace(run.org_id)
    return call(() => port.push(d.recipient, run.messages, opts))
  }
}

/** A call to LINE; only the adapter's limit checks throw, and their messages name positions, never content. */
async function call(send: () => Promise<SendResult>): Promise<SendResult> {
  try {
    return await send()
  } catch (err) {
    return {
      kind: 'rejected',
      status: 400,
      detail: err instanceof Error ? err.message.slice(0, 300) : 'error',
    }
  }
}
