import { type Kysely, sql } from 'kysely'
import type { Database, InboxRow, NewInboxRow } from '../db/schema.js'

type Db = Kysely<Database>

/** Inserts events; a redelivered or duplicated event id is ignored. Returns the ids newly stored. */
export async function insertEvents(db: Db, rows: NewInboxRow[]): Promise<string[]> {
  if (rows.length === 0) return []
  const inserted = await db
    .insertInto('webhook_inbox')
    .values(rows)
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning('event_id')
    .execute()
  return inserted.map((r) => r.event_id)
}

/** Drops the stored payload of a message that was unsent before it was handled. */
export async function dropPendingMessage(db: Db, orgId: string, messageId: string): Promise<number> {
  const result = await db
    .updateTable('webhook_inbox')
    .set({
      status: 'dropped',
      payload: null,
      key_id: null,
      message_id: null,
      // Nothing that ties two unsent messages to one person, nor dates them.
      chat_key: null,
      event_ts: null,
      outcome: 'unsent by user',
    })
    .where('org_id', '=', orgId)
    .where('message_id', '=', messageId)
    .where('status', 'in', ['pending', 'parked'])
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * Claims due events, at most one per chat and only the oldest unfinished one of that chat, so
 * a chat's events run in timestamp order while different chats run in parallel. An event
 * whose lease expired (its worker died) is due again. SKIP LOCKED lets instances claim side by
 * side; the "oldest unfinished" test also sees rows another instance has locked, so two
 * instances never run two events of one chat at once.
 */
export async function claimDue(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<InboxRow[]> {
  const result = await sql<InboxRow>`
    update webhook_inbox set status = 'processing', lease_until = ${leaseUntil}, attempts = attempts + 1
    where event_id in (
      select i.event_id from webhook_inbox i
      where ((i.status = 'pending' and i.next_attempt_at <= ${now})
          or (i.status = 'processing' and i.lease_until < ${now}))
        and not exists (
          select 1 from webhook_inbox j
          where j.chat_key = i.chat_key and j.status in ('pending', 'processing')
            and (j.event_ts, j.event_id) < (i.event_ts, i.event_id))
      order by i.event_ts
      limit ${limit}
      for update skip locked)
    returning *`.execute(db)
  return result.rows
}

/** Events a dead process had claimed, due again now (a database this process holds alone). */
export async function releaseClaimedEvents(db: Db, now: Date): Promise<number> {
  const result = await db
    .updateTable('webhook_inbox')
    .set({ status: 'pending', next_attempt_at: now, lease_until: null })
    .where('status', '=', 'processing')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Marks events handled and keeps only id, type and outcome (README "How it works"). */
export async function completeEvents(db: Db, eventIds: string[], outcome: string, now: Date): Promise<void> {
  if (eventIds.length === 0) return
  await db
    .updateTable('webhook_inbox')
    .set({
      status: 'done',
      outcome,
      handled_at: now,
      payload: null,
      key_id: null,
      chat_key: null,
      message_id: null,
      lease_until: null,
    })
    .where('event_id', 'in', eventIds)
    .execute()
}

/** Handled events of 1:1 chats go entirely: no id, outcome or time stays behind. */
export async function deleteEvents(db: Db, eventIds: string[]): Promise<void> {
  if (eventIds.length === 0) return
  await db.deleteFrom('webhook_inbox').where('event_id', 'in', eventIds).execute()
}

export async function scheduleRetry(db: Db, eventId: string, reason: string, at: Date): Promise<void> {
  await db
    .updateTable('webhook_inbox')
    .set({ status: 'pending', outcome: reason, next_attempt_at: at, lease_until: null })
    .where('event_id', '=', eventId)
    .execute()
}

/** A poison event keeps its (encrypted) payload so an operator can replay it after a fix. */
export async function parkEvent(db: Db, eventId: string, reason: string, now: Date): Promise<void> {
  await db
    .updateTable('webhook_inbox')
    .set({ status: 'parked', outcome: reason, handled_at: now, lease_until: null })
    .where('event_id', '=', eventId)
    .execute()
}

export async function backlog(db: Db): Promise<{ pending: number; parked: number; oldest: Date | null }> {
  const row = await db
    .selectFrom('webhook_inbox')
    .select((eb) => [
      eb.fn.count<number>('event_id').filterWhere('status', 'in', ['pending', 'processing']).as('pending'),
      eb.fn.count<number>('event_id').filterWhere('status', '=', 'parked').as('parked'),
      eb.fn.min('received_at').filterWhere('status', 'in', ['pending', 'processing']).as('oldest'),
    ])
    .executeTakeFirstOrThrow()
  return { pending: Number(row.pending), parked: Number(row.parked), oldest: row.oldest ?? null }
}

/**
 * Deletes finished rows received before `before`. They exist only to recognise a redelivery,
 * and LINE redelivers within hours; keeping them longer would only keep timestamps of who
 * wrote when.
 */
export async function purgeFinished(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('webhook_inbox')
    .where('status', 'in', ['done', 'ignored', 'dropped'])
    .where('received_at', '<', before)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
