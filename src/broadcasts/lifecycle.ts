import { sql } from 'kysely'
import { resetFailed } from './deliveries.js'
import { fail, type Result } from './errors.js'
import { countOpenRuns, findBroadcast, updateBroadcastIf } from './repository.js'
import type { ServiceDeps } from './service.js'
import type { BroadcastRow } from './tables.js'

/**
 * Cancel back to draft, only before sending starts. The broadcast row is locked first: the
 * tick's materialisation locks with SKIP LOCKED, so it either ran before (a run exists, or a
 * one-off is already 'sending' → refused) or skips this broadcast until we commit.
 */
export async function cancelBroadcast(
  deps: ServiceDeps,
  orgId: string,
  id: string,
): Promise<Result<BroadcastRow>> {
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx) => {
    const locked = await sql<{ id: string }>`
      select id from broadcasts where org_id = ${orgId} and id = ${id} for update`.execute(trx)
    if (locked.rows.length === 0) return fail<BroadcastRow>('not_found')
    // A recurring broadcast stays 'scheduled' between runs; one of its runs may be under way.
    if ((await countOpenRuns(trx, id)) > 0) return fail<BroadcastRow>('not_cancellable')
    const row = await updateBroadcastIf(trx, orgId, id, ['scheduled'], {
      status: 'draft',
      next_run_at: null,
      now,
    })
    return row ? { ok: true as const, value: row } : fail<BroadcastRow>('not_cancellable')
  })
}

/**
 * Sends again to the failed recipients of a run only, with their same retry keys (a recipient
 * LINE did accept after all answers 409 and counts as sent, never twice).
 */
export async function retryFailedRecipients(
  deps: ServiceDeps,
  orgId: string,
  runId: string,
): Promise<Result<{ runId: string; reset: number }>> {
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx) => {
    const locked = await sql<{ broadcast_id: string }>`
      select broadcast_id from broadcast_runs where org_id = ${orgId} and id = ${runId} for update`.execute(
      trx,
    )
    const run = locked.rows[0]
    if (!run) return fail<{ runId: string; reset: number }>('not_found')
    const reset = await resetFailed(trx, orgId, runId, now)
    if (reset === 0) return fail<{ runId: string; reset: number }>('nothing_to_retry')
    await trx
      .updateTable('broadcast_runs')
      .set({ status: 'sending', finished_at: null, reason: null, resume_at: now })
      .where('id', '=', runId)
      .execute()
    const b = await findBroadcast(trx, orgId, run.broadcast_id)
    if (b && b.recurrence === null) {
      await updateBroadcastIf(trx, orgId, b.id, ['sent', 'partly_failed', 'failed'], {
        status: 'sending',
        now,
      })
    }
    return { ok: true as const, value: { runId, reset } }
  })
}
