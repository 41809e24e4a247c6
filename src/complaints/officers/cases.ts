import type { Kysely, Selectable } from 'kysely'
import { addDays } from '../../core/time/index.js'
import type { Database } from '../../db/schema.js'
import { findCase } from '../repository.js'
import type { CaseStatus, Channel, ComplaintCasesTable, Outcome } from '../tables.js'
import { type CaseFilter, isExcluded, listCases } from './repository.js'

// The case list without content, deadlines, and who may reach a case at all.

type Db = Kysely<Database>
export type CaseRow = Selectable<ComplaintCasesTable>

export type DeadlineState = 'ack_overdue' | 'ack_soon' | 'feedback_overdue' | 'feedback_soon' | null
/** Days before a deadline that the list (and the reminders) call it "due soon". */
export const ACK_SOON_DAYS = 2
export const FEEDBACK_SOON_DAYS = 7

export interface CaseSummary {
  id: string
  code: string
  status: CaseStatus
  outcome: Outcome | null
  category: string
  channel: Channel
  receivedOn: string
  ackDue: string
  feedbackDue: string
  /** The deadline that matters now: acknowledgement until acknowledged, then feedback. */
  due: string | null
  deadline: DeadlineState
  stub: boolean
}

/** A case still unacknowledged is measured against ack_due; an open one against feedback_due. */
export function deadlineOf(
  c: { status: CaseStatus; ack_due: string; feedback_due: string },
  today: string,
): { due: string | null; state: DeadlineState } {
  if (c.status === 'closed') return { due: null, state: null }
  if (c.status === 'received') {
    if (today > c.ack_due) return { due: c.ack_due, state: 'ack_overdue' }
    if (today >= addDays(c.ack_due, -ACK_SOON_DAYS)) return { due: c.ack_due, state: 'ack_soon' }
  }
  if (today > c.feedback_due) return { due: c.feedback_due, state: 'feedback_overdue' }
  if (today >= addDays(c.feedback_due, -FEEDBACK_SOON_DAYS))
    return { due: c.feedback_due, state: 'feedback_soon' }
  return { due: c.status === 'received' ? c.ack_due : c.feedback_due, state: null }
}

const URGENCY: Record<string, number> = { ack_overdue: 0, feedback_overdue: 1, ack_soon: 2, feedback_soon: 3 }

/** The officer's list: overdue first, then due soon, then by the deadline that matters now. */
export async function caseList(
  db: Db,
  orgId: string,
  adminId: string,
  filter: CaseFilter,
  today: string,
): Promise<CaseSummary[]> {
  const rows = await listCases(db, orgId, adminId, filter)
  const list = rows.map((r): CaseSummary => {
    const d = deadlineOf(r, today)
    return {
      id: r.id,
      code: r.code,
      status: r.status,
      outcome: r.outcome,
      category: r.category,
      channel: r.channel,
      receivedOn: r.received_on,
      ackDue: r.ack_due,
      feedbackDue: r.feedback_due,
      due: d.due,
      deadline: d.state,
      stub: r.stub,
    }
  })
  const rank = (c: CaseSummary) => (c.deadline ? (URGENCY[c.deadline] ?? 4) : 4)
  return list.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
      b.receivedOn.localeCompare(a.receivedOn) ||
      a.code.localeCompare(b.code),
  )
}

export type Access = { kind: 'not_found' } | { kind: 'excluded'; row: CaseRow } | { kind: 'ok'; row: CaseRow }

/** The case of this organization, unless the officer is excluded from it. */
export async function accessCase(db: Db, orgId: string, adminId: string, caseId: string): Promise<Access> {
  const row = await findCase(db, orgId, caseId)
  if (!row) return { kind: 'not_found' }
  if (await isExcluded(db, row.id, adminId)) return { kind: 'excluded', row }
  return { kind: 'ok', row }
}
