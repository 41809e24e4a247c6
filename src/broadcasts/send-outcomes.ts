import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { type DeliveryOutcome, recordOutcomes } from './deliveries.js'
import type { DeliveryRow } from './tables.js'

export interface SendTally {
  sent: number
  failed: number
  retried: number
}

/**
 * A pass's outcomes on their way to the database: written `flushSize` at a time, since one
 * statement per send would cost more than the send.
 */
export interface Outcomes {
  /** What the pass's tried deliveries came to; a row handed back untried is not counted. */
  readonly tally: SendTally
  record(out: DeliveryOutcome): Promise<void>
  /** The instance is stopping: the row goes back to pending untried, due now, for another to take. */
  handBack(d: DeliveryRow, at: Date): Promise<void>
  flush(): Promise<void>
}

/** Back to pending with the attempt refunded: it was never tried. */
const handedBack = (d: DeliveryRow, at: Date): DeliveryOutcome => ({
  runId: d.run_id,
  recipient: d.recipient,
  claimed: d.attempts,
  status: 'pending',
  nextAttemptAt: at,
  requestId: null,
  answerStatus: null,
  detail: 'handed back: instance stopping',
  sentAt: null,
  refund: 1,
  event: null,
})

/**
 * `written` hears of each outcome only once the statement that wrote it succeeded: until then its
 * claim is still the pass's to keep alive (a failed write leaves it held to the end of the pass).
 */
export function createOutcomes(
  db: Kysely<Database>,
  flushSize: number,
  written: (out: DeliveryOutcome) => void,
): Outcomes {
  const tally: SendTally = { sent: 0, failed: 0, retried: 0 }
  const buffer: DeliveryOutcome[] = []

  const flush = async () => {
    if (buffer.length === 0) return
    const outs = buffer.splice(0)
    await recordOutcomes(db, outs)
    for (const out of outs) written(out)
  }
  const add = async (out: DeliveryOutcome) => {
    buffer.push(out)
    if (buffer.length >= flushSize) await flush()
  }

  return {
    tally,
    async record(out) {
      if (out.status === 'sent') tally.sent++
      else if (out.status === 'failed') tally.failed++
      else tally.retried++
      await add(out)
    },
    handBack: (d, at) => add(handedBack(d, at)),
    flush,
  }
}
