import type { Kysely } from 'kysely'
import type { Clock } from '../core/clock.js'
import { uuidFromName } from '../core/ids.js'
import type { Database } from '../db/schema.js'
import { checkMessages } from '../line/limits.js'
import type { LineMessage } from '../line/port.js'
import { resolveRecipients } from './audiences.js'
import { type BroadcastError, broadcastError, fail, type Result } from './errors.js'
import { measureOf } from './measures.js'
import { type BroadcastFields, findBroadcast, insertBroadcast, updateBroadcastIf } from './repository.js'
import { checkCron, isTimeZone, nextOccurrence } from './schedule.js'
import type { BroadcastRow, TemplateKey } from './tables.js'

/** A "groups by label" audience: one saved audience per label set, reused by later broadcasts. */
export const labelsAudienceId = (orgId: string, labels: string[]) =>
  uuidFromName(`labels-audience:${orgId}:${labels.join('\u0000')}`)

export interface ServiceDeps {
  db: Kysely<Database>
  clock: Clock
  newId?: () => string
  /** The measures of flows/; when given, a broadcast must name one of them. */
  measures?: readonly string[]
}

export interface BroadcastInput {
  title: string
  template: TemplateKey
  messages: LineMessage[]
  /** An audience id or 'all_followers'. */
  audience: string
  measure?: string | null
  runAt: Date
  recurrence?: string | null
  /** The zone a date, time or recurrence is read in: the console and jobs pass `config.timeZone`. */
  timeZone: string
}

/** "Now" from a form arrives a little late: a minute of grace before a time counts as past. */
const PAST_GRACE_MS = 60_000

function toFields(i: BroadcastInput): BroadcastFields {
  return {
    title: i.title.trim(),
    template: i.template,
    messages: i.messages,
    audience: i.audience,
    measure: measureOf(i.template, i.measure),
    run_at: i.runAt,
    recurrence: i.recurrence?.trim() || null,
    time_zone: i.timeZone,
  }
}

/** Every rule a draft must meet, cheapest first; the first broken one is returned. */
async function validate(deps: ServiceDeps, orgId: string, f: BroadcastFields, now: Date, checkPast = true) {
  if (f.title.length === 0) return broadcastError('invalid_title')
  const problems = checkMessages(f.messages)
  if (problems.length > 0) return broadcastError('messages_over_limits', problems)
  if (!isTimeZone(f.time_zone)) return broadcastError('invalid_time_zone', [f.time_zone])
  if (f.recurrence !== null) {
    const c = checkCron(f.recurrence, f.time_zone)
    if (!c.ok) return broadcastError('invalid_cron', [c.reason])
  }
  if (checkPast && f.run_at.getTime() < now.getTime() - PAST_GRACE_MS) return broadcastError('run_at_in_past')
  // Every broadcast is evidence for a measure: a template names its own, text and Flex must.
  if (f.measure === null) return broadcastError('measure_required')
  if (deps.measures && !deps.measures.includes(f.measure))
    return broadcastError('unknown_measure', [f.measure])
  if ((await resolveRecipients(deps.db, orgId, f.audience)).length === 0)
    return broadcastError('empty_audience')
  return null
}

/**
 * The first time the broadcast is due: run_at, or for a recurrence its first occurrence at or
 * after run_at — and strictly after now, so an edit never repeats an occurrence already run.
 */
export function firstDue(
  b: Pick<BroadcastFields, 'run_at' | 'recurrence' | 'time_zone'>,
  now: Date,
): Date | null {
  if (b.recurrence === null) return b.run_at
  const from = b.run_at.getTime() > now.getTime() ? new Date(b.run_at.getTime() - 1_000) : now
  return nextOccurrence(b.recurrence, b.time_zone, from)
}

const sameSchedule = (a: BroadcastFields, b: BroadcastRow) =>
  a.run_at.getTime() === b.run_at.getTime() && a.recurrence === b.recurrence && a.time_zone === b.time_zone

export async function createDraft(
  deps: ServiceDeps,
  orgId: string,
  createdBy: string,
  input: BroadcastInput,
): Promise<Result<BroadcastRow>> {
  const now = deps.clock.now()
  const fields = toFields(input)
  const error = await validate(deps, orgId, fields, now)
  if (error) return { ok: false, error }
  const id = deps.newId?.() ?? crypto.randomUUID()
  const row = await insertBroadcast(deps.db, { ...fields, id, org_id: orgId, created_by: createdBy, now })
  return { ok: true, value: row }
}

/** Edits a draft or a scheduled broadcast; a scheduled one gets its next run recomputed. */
export async function updateBroadcast(
  deps: ServiceDeps,
  orgId: string,
  id: string,
  patch: Partial<BroadcastInput>,
): Promise<Result<BroadcastRow>> {
  const now = deps.clock.now()
  const current = await findBroadcast(deps.db, orgId, id)
  if (!current) return fail('not_found')
  if (current.status !== 'draft' && current.status !== 'scheduled') return fail('not_editable')
  const fields = toFields({
    title: current.title,
    template: current.template,
    messages: current.messages,
    audience: current.audience,
    measure: current.measure,
    runAt: current.run_at,
    recurrence: current.recurrence,
    timeZone: current.time_zone,
    ...patch,
  })
  // A recurring broadcast's start lies in the past after its first run: judge run_at only when it changes.
  const error = await validate(deps, orgId, fields, now, patch.runAt !== undefined)
  if (error) return { ok: false, error }
  const moved = current.status === 'scheduled' && !sameSchedule(fields, current)
  const next = moved ? { next_run_at: firstDue(fields, now) } : {}
  // The status test is repeated in the UPDATE: a tick that started sending meanwhile wins.
  const row = await updateBroadcastIf(deps.db, orgId, id, [current.status], { ...fields, ...next, now })
  return row ? { ok: true, value: row } : fail('not_editable')
}

export async function scheduleBroadcast(
  deps: ServiceDeps,
  orgId: string,
  id: string,
): Promise<Result<BroadcastRow>> {
  const now = deps.clock.now()
  const current = await findBroadcast(deps.db, orgId, id)
  if (!current) return fail('not_found')
  if (current.status !== 'draft') return fail('not_editable')
  // Scheduling again after a cancel: a recurrence resumes from now, a one-off must still be ahead.
  const error: BroadcastError | null = await validate(deps, orgId, current, now, current.recurrence === null)
  if (error) return { ok: false, error }
  const row = await updateBroadcastIf(deps.db, orgId, id, ['draft'], {
    status: 'scheduled',
    next_run_at: firstDue(current, now),
    now,
  })
  return row ? { ok: true, value: row } : fail('not_editable')
}
