import type { Kysely } from 'kysely'
import { uuidFromName } from '../core/ids.js'
import type { Logger } from '../core/logger.js'
import { addDays, formatDay, localDay } from '../core/time/index.js'
import type { Database } from '../db/schema.js'
import type { Flows } from '../flows/types.js'
import type { LineMessage, LinePort, LineResolver } from '../line/port.js'
import { ACK_SOON_DAYS, FEEDBACK_SOON_DAYS } from './officers/cases.js'
import {
  claimReminder,
  listCasesNearDeadline,
  listClaimedReminders,
  officerGroups,
  releaseReminder,
} from './reminders-repository.js'
import type { CaseStatus } from './tables.js'

// Deadline reminders to the officers' LINE group(s) (groups labelled COMPLAINT_OFFICERS_LABEL):
// the case code and the deadline, never content. Each reminder goes once per case: the
// complaint_reminders row is inserted before sending, so of two instances only one sends.

export interface ReminderDeps {
  db: Kysely<Database>
  flows: Flows
  log: Logger
  lines: LineResolver
  timeZone: string
  label: string
}

type Due = { status: CaseStatus; ack_due: string; feedback_due: string }
export const REMINDERS: readonly {
  kind: string
  dueOf: (c: Due) => string
  applies: (c: Due, today: string) => boolean
}[] = [
  {
    kind: 'ack_soon',
    dueOf: (c) => c.ack_due,
    applies: (c, today) =>
      c.status === 'received' && today >= addDays(c.ack_due, -ACK_SOON_DAYS) && today <= c.ack_due,
  },
  {
    kind: 'ack_overdue',
    dueOf: (c) => c.ack_due,
    applies: (c, today) => c.status === 'received' && today > c.ack_due,
  },
  {
    kind: 'feedback_soon',
    dueOf: (c) => c.feedback_due,
    applies: (c, today) =>
      c.status !== 'closed' &&
      today >= addDays(c.feedback_due, -FEEDBACK_SOON_DAYS) &&
      today <= c.feedback_due,
  },
  {
    kind: 'feedback_overdue',
    dueOf: (c) => c.feedback_due,
    applies: (c, today) => c.status !== 'closed' && today > c.feedback_due,
  },
]

function reminderText(flows: Flows, kind: string, code: string, due: string): LineMessage[] {
  const key = `complaint.reminder.${kind}`
  const vars = { caseCode: code, caseDeadline: formatDay(due, 'th') }
  if (flows.has(key)) return flows.render(key, vars)
  return [{ type: 'text', text: `เรื่องร้องเรียน ${code}: ครบกำหนด ${vars.caseDeadline} (${kind})` }]
}

const RETRYABLE = new Set(['unavailable', 'rate_limited'])

/** Sends the reminders due today; returns how many reminders (not pushes) went out. */
export async function sendDeadlineReminders(deps: ReminderDeps, now: Date): Promise<number> {
  const today = localDay(now, deps.timeZone)
  const cases = await listCasesNearDeadline(
    deps.db,
    addDays(today, ACK_SOON_DAYS),
    addDays(today, FEEDBACK_SOON_DAYS),
  )
  const claimed = new Set(
    (
      await listClaimedReminders(
        deps.db,
        cases.map((c) => c.id),
      )
    ).map((r) => `${r.case_id}:${r.kind}`),
  )
  const channels = new Map<string, { line: LinePort | null; groups: string[] }>()
  let sent = 0
  for (const c of cases) {
    for (const r of REMINDERS) {
      if (!r.applies(c, today) || claimed.has(`${c.id}:${r.kind}`)) continue
      let ch = channels.get(c.org_id)
      if (!ch) {
        ch = { line: await deps.lines(c.org_id), groups: await officerGroups(deps.db, c.org_id, deps.label) }
        channels.set(c.org_id, ch)
      }
      // No channel or no labelled group yet: nothing is claimed, so it goes once one exists.
      if (!ch.line || ch.groups.length === 0) continue
      if (!(await claimReminder(deps.db, c.id, r.kind, now))) continue
      const messages = reminderText(deps.flows, r.kind, c.code, r.dueOf(c))
      const results = []
      for (const group of ch.groups) {
        const retryKey = await uuidFromName(`complaint-reminder:${c.id}:${r.kind}:${group}`)
        results.push((await ch.line.push(group, messages, { retryKey })).kind)
      }
      if (results.every((k) => RETRYABLE.has(k))) {
        await releaseReminder(deps.db, c.id, r.kind)
        deps.log.warn('complaint.reminder_failed', { kind: r.kind, outcome: results[0] ?? null })
        continue
      }
      sent++
      deps.log.info('complaint.reminder', { kind: r.kind, groups: results.length })
    }
  }
  return sent
}
