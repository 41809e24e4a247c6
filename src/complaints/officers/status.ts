import type { Kysely } from 'kysely'
import { fromUtf8 } from '../../core/bytes.js'
import type { Keyring } from '../../core/keyring.js'
import { addDays, localDay } from '../../core/time/index.js'
import type { Database } from '../../db/schema.js'
import { appendEvents } from '../../engagement/events.js'
import { insertStatus } from '../repository.js'
import { addMessage, dayStart } from '../service.js'
import { CASE_STATUSES, type CaseStatus, OUTCOMES, type Outcome } from '../tables.js'
import type { CaseRow } from './cases.js'
import { updateCaseStatus } from './repository.js'

// Statuses move one way: received → acknowledged → under review → investigating → closed;
// a case may close (with an outcome) once acknowledged. Every change carries a message to
// the complainant, stored in the thread they read with their code and secret.

type Db = Kysely<Database>
export const MESSAGE_MAX = 2000

export const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['acknowledged'],
  acknowledged: ['under_review', 'closed'],
  under_review: ['investigating', 'closed'],
  investigating: ['closed'],
  closed: [],
}

export const isStatus = (v: string): v is CaseStatus => (CASE_STATUSES as readonly string[]).includes(v)
export const isOutcome = (v: string): v is Outcome => (OUTCOMES as readonly string[]).includes(v)

export type MessageProblem = 'message_required' | 'message_too_long'
export function checkMessage(text: string): MessageProblem | null {
  const t = text.trim()
  if (t.length === 0) return 'message_required'
  return t.length > MESSAGE_MAX ? 'message_too_long' : null
}

export interface Officer {
  id: string
  now: Date
  timeZone: string
}

/** What the route tells LINE after the commit: the complainant's id, read before a close erases it. */
export type Changed = { ok: true; from: CaseStatus; to: CaseStatus; seq: number; notifyTo: string | null }
export type ChangeRefused = {
  ok: false
  reason:
    | 'invalid_transition'
    | 'no_next'
    | 'outcome_required'
    | 'outcome_not_allowed'
    | 'stale'
    | 'stub'
    | MessageProblem
}

export async function changeStatus(
  db: Db,
  keyring: Keyring,
  row: CaseRow,
  input: { to: string; outcome: string; message: string; retentionDays: number },
  by: Officer,
): Promise<Changed | ChangeRefused> {
  if (row.stub) return { ok: false, reason: 'stub' }
  if (NEXT[row.status].length === 0) return { ok: false, reason: 'no_next' }
  const to = input.to
  if (!isStatus(to) || !NEXT[row.status].includes(to)) return { ok: false, reason: 'invalid_transition' }
  const closing = to === 'closed'
  if (closing && !isOutcome(input.outcome)) return { ok: false, reason: 'outcome_required' }
  if (!closing && input.outcome !== '') return { ok: false, reason: 'outcome_not_allowed' }
  const recorded = isOutcome(input.outcome) ? input.outcome : null
  const problem = checkMessage(input.message)
  if (problem) return { ok: false, reason: problem }
  const notifyTo = row.notify_to ? fromUtf8(await keyring.open(row.key_id, row.notify_to)) : null
  const today = localDay(by.now, by.timeZone)
  const moved = await updateCaseStatus(db, row.org_id, row.id, row.status, {
    status: to,
    outcome: recorded,
    ...(to === 'acknowledged' ? { acknowledged_on: today } : {}),
    // Closing forgets the complainant's LINE id and starts the retention period.
    ...(closing
      ? { closed_on: today, notify_to: null, expires_on: addDays(today, input.retentionDays) }
      : {}),
  })
  if (!moved) return { ok: false, reason: 'stale' }
  await insertStatus(db, {
    org_id: row.org_id,
    case_id: row.id,
    status: to,
    outcome: recorded,
    officer_id: by.id,
    at: by.now,
  })
  const seq = await postOfficerMessage(db, keyring, row, input.message, by)
  await appendEvents(db, [
    {
      orgId: row.org_id,
      occurredAt: dayStart(today),
      kind: `complaint.${to}`,
      chatKey: null,
      measure: 'complaints',
      data: recorded ? { outcome: recorded } : {},
    },
  ])
  return { ok: true, from: row.status, to, seq, notifyTo }
}

export const postOfficerMessage = (db: Db, keyring: Keyring, row: CaseRow, text: string, by: Officer) =>
  addMessage(db, keyring, {
    orgId: row.org_id,
    caseId: row.id,
    author: 'officer',
    officerId: by.id,
    text: text.trim(),
    now: by.now,
    timeZone: by.timeZone,
  })

/** A message without a status change: not on a stub, not once the case is closed. */
export async function messageComplainant(
  db: Db,
  keyring: Keyring,
  row: CaseRow,
  text: string,
  by: Officer,
): Promise<
  | { ok: true; seq: number; notifyTo: string | null }
  | { ok: false; reason: 'stub' | 'closed' | MessageProblem }
> {
  if (row.stub) return { ok: false, reason: 'stub' }
  if (row.status === 'closed') return { ok: false, reason: 'closed' }
  const problem = checkMessage(text)
  if (problem) return { ok: false, reason: problem }
  const seq = await postOfficerMessage(db, keyring, row, text, by)
  const notifyTo = row.notify_to ? fromUtf8(await keyring.open(row.key_id, row.notify_to)) : null
  return { ok: true, seq, notifyTo }
}
