import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import type { LineMessage } from '../line/port.js'
import type { BroadcastRow, BroadcastStatus, RunRow, RunStatus, TemplateKey } from './tables.js'

type FinalStatus = Exclude<RunStatus, 'pending' | 'sending'>

type Db = Kysely<Database>

/** Broadcasts and their runs (kysely only; rules live in service.ts and tick.ts). */
export interface BroadcastFields {
  title: string
  template: TemplateKey
  messages: LineMessage[]
  audience: string
  measure: string | null
  run_at: Date
  recurrence: string | null
  time_zone: string
}

export async function insertBroadcast(
  db: Db,
  row: BroadcastFields & { id: string; org_id: string; created_by: string; now: Date },
): Promise<BroadcastRow> {
  const { now, messages, ...rest } = row
  return db
    .insertInto('broadcasts')
    .values({
      ...rest,
      messages: JSON.stringify(messages),
      status: 'draft',
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findBroadcast(db: Db, orgId: string, id: string): Promise<BroadcastRow | undefined> {
  return db
    .selectFrom('broadcasts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Updates only while the status is one of `from`; undefined when it was not (someone moved it). */
export async function updateBroadcastIf(
  db: Db,
  orgId: string,
  id: string,
  from: BroadcastStatus[],
  set: Partial<BroadcastFields> & { status?: BroadcastStatus; next_run_at?: Date | null; now: Date },
): Promise<BroadcastRow | undefined> {
  const { now, messages, ...rest } = set
  return db
    .updateTable('broadcasts')
    .set({ ...rest, ...(messages ? { messages: JSON.stringify(messages) } : {}), updated_at: now })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('status', 'in', from)
    .returningAll()
    .executeTakeFirst()
}

/** Due scheduled broadcasts, locked for this transaction; another instance skips them. */
export async function lockDueBroadcasts(db: Db, now: Date, limit: number): Promise<BroadcastRow[]> {
  const r = await sql<BroadcastRow>`
    select * from broadcasts where status = 'scheduled' and next_run_at <= ${now}
    order by next_run_at limit ${limit} for update skip locked`.execute(db)
  return r.rows
}

/** One run per occurrence: the unique (broadcast, scheduled_for) makes a second firing a no-op. */
export async function insertRun(
  db: Db,
  run: {
    id: string
    broadcast: BroadcastRow
    scheduled_for: Date
    now: Date
    messages?: LineMessage[] | null
  },
): Promise<boolean> {
  const b = run.broadcast
  const r = await db
    .insertInto('broadcast_runs')
    .values({
      id: run.id,
      org_id: b.org_id,
      broadcast_id: b.id,
      scheduled_for: run.scheduled_for,
      status: 'pending',
      messages: JSON.stringify(run.messages ?? b.messages),
      audience: b.audience,
      measure: b.measure,
      resume_at: run.scheduled_for,
      created_at: run.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
  return r !== undefined
}

/** The oldest run not yet expanded into deliveries, locked for this transaction. */
export async function lockPendingRun(db: Db): Promise<RunRow | undefined> {
  const r = await sql<RunRow>`
    select * from broadcast_runs where status = 'pending'
    order by scheduled_for limit 1 for update skip locked`.execute(db)
  return r.rows[0]
}

export async function findRun(db: Db, runId: string): Promise<RunRow | undefined> {
  return db.selectFrom('broadcast_runs').selectAll().where('id', '=', runId).executeTakeFirst()
}

export async function listRuns(db: Db, orgId: string, broadcastId: string): Promise<RunRow[]> {
  return db
    .selectFrom('broadcast_runs')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('broadcast_id', '=', broadcastId)
    .orderBy('scheduled_for')
    .execute()
}

export async function countOpenRuns(db: Db, broadcastId: string): Promise<number> {
  const row = await db
    .selectFrom('broadcast_runs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('broadcast_id', '=', broadcastId)
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function setRunSending(db: Db, runId: string, now: Date): Promise<void> {
  await db
    .updateTable('broadcast_runs')
    .set({ status: 'sending', started_at: now, finished_at: null })
    .where('id', '=', runId)
    .execute()
}

/** A 429 rate limit: nobody sends for this run until `until`. */
export async function pauseRun(db: Db, runId: string, until: Date): Promise<void> {
  await db.updateTable('broadcast_runs').set({ resume_at: until }).where('id', '=', runId).execute()
}

export async function setRunReason(db: Db, runId: string, reason: string | null): Promise<void> {
  await db.updateTable('broadcast_runs').set({ reason }).where('id', '=', runId).execute()
}

/**
 * Closes every sending run with no open delivery left: sent (all sent), failed (none sent) or
 * partly_failed. A one-off broadcast takes its run's status. Safe from several instances: the
 * `status = 'sending'` test is re-checked under the row lock.
 */
export async function finishRuns(db: Db, now: Date): Promise<{ id: string; status: FinalStatus }[]> {
  const r = await sql<{ id: string; broadcast_id: string; status: FinalStatus }>`
    update broadcast_runs r set finished_at = ${now},
      status = case when c.failed = 0 and c.sent > 0 then 'sent'
                    when c.sent = 0 then 'failed' else 'partly_failed' end
    from (select r2.id,
            count(d.recipient) filter (where d.status = 'sent') as sent,
            count(d.recipient) filter (where d.status = 'failed') as failed,
            count(d.recipient) filter (where d.status in ('pending', 'sending')) as open
          from broadcast_runs r2 left join broadcast_deliveries d on d.run_id = r2.id
          where r2.status = 'sending' group by r2.id) c
    where r.id = c.id and c.open = 0 and r.status = 'sending'
    returning r.id, r.broadcast_id, r.status`.execute(db)
  for (const run of r.rows) {
    await db
      .updateTable('broadcasts')
      .set({ status: run.status, updated_at: now })
      .where('id', '=', run.broadcast_id)
      .where('recurrence', 'is', null)
      .execute()
  }
  return r.rows.map(({ id, status }) => ({ id, status }))
}

/** The console's list: an organization's broadcasts, latest first. */
export async function listBroadcasts(db: Db, orgId: string, limit = 200): Promise<BroadcastRow[]> {
  return db
    .selectFrom('broadcasts')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute()
}

export async function listAudiences(db: Db, orgId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('audiences')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .orderBy('name')
    .execute()
}

/** The unit labels in use in an organization, each once (the compose form's labels audience). */
export async function listLabels(db: Db, orgId: string): Promise<{ label: string }[]> {
  return db
    .selectFrom('group_labels')
    .select('label')
    .distinct()
    .where('org_id', '=', orgId)
    .orderBy('label')
    .execute()
}

/**
 * LINE names and unit labels of chats, any status (a delivery log outlives a group the bot
 * left), so the console never has to show a raw LINE id.
 */
export async function chatNames(
  db: Db,
  orgId: string,
  chatIds: string[],
): Promise<Map<string, { name: string | null; labels: string[] }>> {
  const out = new Map<string, { name: string | null; labels: string[] }>()
  if (chatIds.length === 0) return out
  const groups = await db
    .selectFrom('line_groups')
    .select(['chat_id', 'name'])
    .where('org_id', '=', orgId)
    .where('chat_id', 'in', chatIds)
    .execute()
  for (const g of groups) out.set(g.chat_id, { name: g.name, labels: [] })
  const labels = await db
    .selectFrom('group_labels')
    .select(['chat_id', 'label'])
    .where('org_id', '=', orgId)
    .where('chat_id', 'in', chatIds)
    .orderBy('label')
    .execute()
  for (const l of labels) out.get(l.chat_id)?.labels.push(l.label)
  return out
}
