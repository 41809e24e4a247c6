import type { Kysely } from 'kysely'
import { saveAudience } from '../broadcasts/audiences.js'
import { presetToCron } from '../broadcasts/schedule.js'
import { createDraft, labelsAudienceId, scheduleBroadcast } from '../broadcasts/service.js'
import type { RunRenderer } from '../broadcasts/tick.js'
import type { Clock } from '../core/clock.js'
import { uuidFromName } from '../core/ids.js'
import { type Logger, silentLogger } from '../core/logger.js'
import { fiscalYearOf } from '../core/time/index.js'
import type { Database } from '../db/schema.js'
import type { Flows } from '../flows/types.js'
import type { LineMessage } from '../line/port.js'
import { activeGroupIds, liveBudgetBroadcast } from './repository.js'
import { currentCard } from './service.js'

// The monthly budget broadcast every upload leaves behind (an ordinary broadcast, editable and
// cancellable in the console), and the hook that makes each of its runs send the summary that
// is current when the run is created rather than the one frozen when it was composed.

type Db = Kysely<Database>

/** Who the monthly summary goes to: every group the bot is in, chosen unit labels, or nobody. */
export type MonthlyAudience = { kind: 'groups' } | { kind: 'labels'; labels: string[] } | { kind: 'none' }

export type MonthlyOutcome =
  | { kind: 'created'; id: string }
  | { kind: 'exists'; id: string }
  | { kind: 'skipped'; reason: 'not_requested' | 'no_recipients' | 'refused' }

export const MONTHLY_TITLE = 'สรุปงบประมาณประจำเดือน (Monthly budget summary)'

/** "Every group" is a saved audience refreshed at each upload with the groups the bot is in. */
async function audienceFor(db: Db, orgId: string, a: MonthlyAudience, now: Date): Promise<string | null> {
  if (a.kind === 'none') return null
  if (a.kind === 'labels') {
    if (a.labels.length === 0) return null
    const id = await labelsAudienceId(orgId, a.labels)
    const members = a.labels.map((value) => ({ kind: 'label' as const, value }))
    await saveAudience(db, orgId, id, a.labels.join(', '), members, now)
    return id
  }
  const id = await uuidFromName(`budget-all-groups:${orgId}`)
  const members = (await activeGroupIds(db, orgId)).map((value) => ({ kind: 'group' as const, value }))
  await saveAudience(db, orgId, id, 'ทุกกลุ่ม (All groups)', members, now)
  return id
}

/**
 * Leaves a live monthly budget broadcast behind: creates and schedules one (day `day`, 09:00 in
 * `timeZone`) unless one exists. Run in the upload's transaction, after the version is stored.
 */
export async function ensureMonthlyBroadcast(
  deps: { db: Db; clock: Clock },
  input: {
    orgId: string
    adminId: string
    audience: MonthlyAudience
    day: number
    timeZone: string
    messages: LineMessage[]
  },
): Promise<MonthlyOutcome> {
  const { db, clock } = deps
  const audience = await audienceFor(db, input.orgId, input.audience, clock.now())
  const existing = await liveBudgetBroadcast(db, input.orgId)
  if (existing) return { kind: 'exists', id: existing.id }
  if (audience === null) return { kind: 'skipped', reason: 'not_requested' }
  const cron = presetToCron({ kind: 'monthly', day: input.day, hour: 9, minute: 0 })
  if (!cron.ok) return { kind: 'skipped', reason: 'refused' }
  const draft = await createDraft(deps, input.orgId, input.adminId, {
    title: MONTHLY_TITLE,
    template: 'budget',
    messages: input.messages,
    audience,
    measure: 'budget',
    runAt: clock.now(),
    recurrence: cron.cron,
    timeZone: input.timeZone,
  })
  if (!draft.ok) {
    return { kind: 'skipped', reason: draft.error.code === 'empty_audience' ? 'no_recipients' : 'refused' }
  }
  const scheduled = await scheduleBroadcast(deps, input.orgId, draft.value.id)
  return scheduled.ok ? { kind: 'created', id: draft.value.id } : { kind: 'skipped', reason: 'refused' }
}

/** For tick(): a budget broadcast's run carries the card of the budget current at that moment. */
export function budgetRunRenderer(opts: { flows: Flows; timeZone: string; log?: Logger }): RunRenderer {
  const log = opts.log ?? silentLogger
  return async (db, broadcast, now) => {
    if (broadcast.template !== 'budget') return null
    try {
      const card = await currentCard(db, opts.flows, broadcast.org_id, {
        fiscalYear: fiscalYearOf(now, opts.timeZone),
      })
      return card ? card.messages : null
    } catch (err) {
      // A flows template that no longer renders: the run keeps the summary frozen at compose time.
      log.warn('budget.run_render_failed', { error: err instanceof Error ? err.name : 'unknown' })
      return null
    }
  }
}
