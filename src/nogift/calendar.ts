import type { Kysely } from 'kysely'
import { insertBroadcast, updateBroadcastIf } from '../broadcasts/repository.js'
import { ALL_FOLLOWERS } from '../broadcasts/tables.js'
import { pick } from '../core/lang.js'
import { addDays, BE_OFFSET, DAY_MS, localDay, zonedToUtc } from '../core/time/index.js'
import type { Database } from '../db/schema.js'
import type { CalendarEntry } from '../flows/schema-dialogues.js'
import type { Flows } from '../flows/types.js'
import { calendarReminders, claimReminder } from './repository.js'

export interface Occurrence {
  entry: CalendarEntry
  /** The festival's day ('YYYY-MM-DD'). */
  occursOn: string
  /** When the reminder goes out. */
  sendAt: Date
}

/**
 * The next occurrence of each entry whose reminder time is still ahead: this year's date, or
 * next year's once this year's reminder time has passed. Listed dates past their last one
 * yield nothing (the agency adds the next years' dates to flows/).
 */
export function upcoming(entries: readonly CalendarEntry[], now: Date, tz: string): Occurrence[] {
  const today = localDay(now, tz)
  const year = Number(today.slice(0, 4))
  const out: Occurrence[] = []
  for (const entry of entries) {
    const candidates = entry.every
      ? [year, year + 1].map((y) => `${y}-${entry.every}`).filter((d) => !Number.isNaN(Date.parse(d)))
      : (entry.dates ?? [])
    for (const occursOn of [...candidates].sort()) {
      const sendAt = zonedToUtc(addDays(occursOn, -entry.daysBefore), entry.time, tz)
      if (sendAt && sendAt.getTime() > now.getTime()) {
        out.push({ entry, occursOn, sendAt })
        break
      }
    }
  }
  return out
}

/** How far ahead default reminders are put in the schedule, so admins see and edit them early. */
export const HORIZON_DAYS = 60

/**
 * Creates the default No Gift Policy reminder broadcast for each calendar occurrence within
 * the horizon, once: the claim row makes a second tick, a second instance, or a reminder an
 * admin cancelled or deleted never produce another. Addressed to every follower by default;
 * admins change the audience, the text or the time, or cancel it, like any broadcast.
 */
export async function ensureCalendarReminders(
  db: Kysely<Database>,
  flows: Flows,
  orgId: string,
  now: Date,
  tz: string,
): Promise<number> {
  const horizon = now.getTime() + HORIZON_DAYS * DAY_MS
  const due = upcoming(flows.calendar, now, tz).filter((o) => o.sendAt.getTime() <= horizon)
  if (due.length === 0) return 0
  const done = new Set((await calendarReminders(db, orgId)).map((r) => `${r.entry_id}/${r.occurs_on}`))
  let created = 0
  for (const o of due) {
    if (done.has(`${o.entry.id}/${o.occursOn}`)) continue
    const id = crypto.randomUUID()
    const made = await db.transaction().execute(async (trx) => {
      const claimed = await claimReminder(trx, {
        org_id: orgId,
        entry_id: o.entry.id,
        occurs_on: o.occursOn,
        broadcast_id: id,
        created_at: now,
      })
      if (!claimed) return false
      await insertBroadcast(trx, {
        id,
        org_id: orgId,
        created_by: 'system:calendar',
        now,
        title: `No Gift Policy: ${pick(o.entry.name, 'th')} ${Number(o.occursOn.slice(0, 4)) + BE_OFFSET}`,
        template: 'nogift',
        messages: flows.render(o.entry.message, { ref: id }, { chat: 'group' }),
        audience: ALL_FOLLOWERS,
        measure: 'nogift',
        run_at: o.sendAt,
        recurrence: null,
        time_zone: tz,
      })
      await updateBroadcastIf(trx, orgId, id, ['draft'], { status: 'scheduled', next_run_at: o.sendAt, now })
      return true
    })
    if (made) created++
  }
  return created
}
