import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import type { AnswerRow, AnswerState, NewAnswerRow } from './answers-tables.js'

type Db = Kysely<Database>

/** Inbox states in which an event may still be handled (again). */
const LIVE = sql`('pending', 'processing', 'parked')`

/**
 * Records an answer before it is sent. It starts as `sending` (attempts 1, leased), or as
 * `pending` when an earlier answer of the same chat is still open, so a chat's answers go out
 * in order. Returns null when the answer exists already: the event is being handled again.
 */
export async function insertAnswer(
  db: Db,
  row: Omit<NewAnswerRow, 'state' | 'attempts' | 'uncertain'>,
): Promise<AnswerState | null> {
  const ts = row.event_ts ?? null
  const result = await sql<{ state: AnswerState }>`
    insert into answer_outbox
      (event_id, seq, org_id, chat_key, state, via, attempts, event_ts, reply_until,
       next_attempt_at, lease_until, payload, key_id)
    select e.event_id, e.seq, ${row.org_id}::text, ${row.chat_key ?? null}::text,
      case when e.queued then 'pending' else 'sending' end, ${row.via}::text,
      case when e.queued then 0 else 1 end, ${ts}::timestamptz, ${row.reply_until ?? null}::timestamptz,
      ${row.next_attempt_at ?? null}::timestamptz, ${row.lease_until ?? null}::timestamptz,
      ${row.payload ?? null}::bytea, ${row.key_id ?? null}::text
    from (select ${row.event_id}::text as event_id, ${row.seq}::int as seq, exists (
      select 1 from answer_outbox p
      where p.chat_key = ${row.chat_key ?? null}::text and p.state in ('sending', 'pending')
        and (p.event_ts, p.event_id, p.seq) < (${ts}::timestamptz, ${row.event_id}::text, ${row.seq}::int)
    ) as queued) e
    on conflict (event_id, seq) do nothing
    returning state`.execute(db)
  return result.rows[0]?.state ?? null
}

export async function answerState(db: Db, eventId: string, seq: number): Promise<AnswerState | null> {
  const row = await db
    .selectFrom('answer_outbox')
    .select('state')
    .where('event_id', '=', eventId)
    .where('seq', '=', seq)
    .executeTakeFirst()
  return row?.state ?? null
}

/**
 * Claims answers due for another attempt, the oldest open one of each chat only. A `sending`
 * row whose lease ran out is due too: its call's outcome is unknown, so a reply is marked
 * uncertain (it may have been delivered) and will never turn into a push.
 */
export async function claimAnswers(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<AnswerRow[]> {
  const result = await sql<AnswerRow>`
    update answer_outbox set state = 'sending', lease_until = ${leaseUntil}, attempts = attempts + 1,
      uncertain = uncertain or (state = 'sending' and via = 'reply')
    where (event_id, seq) in (
      select o.event_id, o.seq from answer_outbox o
      where ((o.state = 'pending' and o.next_attempt_at <= ${now})
          or (o.state = 'sending' and o.lease_until < ${now}))
        and not exists (
          select 1 from answer_outbox p
          where p.chat_key = o.chat_key and p.state in ('sending', 'pending')
            and (p.event_ts, p.event_id, p.seq) < (o.event_ts, o.event_id, o.seq))
      order by o.event_ts
      limit ${limit}
      for update skip locked)
    returning *`.execute(db)
  return result.rows
}

/**
 * Sent or given up. Nothing of it stays but its key, and that only while its event is open. One
 * statement either way (deleted, or kept as done), both judged from one snapshot of the inbox row.
 */
export async function finishAnswer(db: Db, eventId: string, seq: number): Promise<void> {
  await sql`
    with live as (
      select exists (select 1 from webhook_inbox i where i.event_id = ${eventId} and i.status in ${LIVE}) as live
    ), gone as (
      delete from answer_outbox a where a.event_id = ${eventId} and a.seq = ${seq}
        and not (select live from live)
    )
    update answer_outbox set state = 'done', chat_key = null, event_ts = null, reply_until = null,
      next_attempt_at = null, lease_until = null, payload = null, key_id = null
    where event_id = ${eventId} and seq = ${seq} and (select live from live)`.execute(db)
}

export async function retryAnswer(
  db: Db,
  eventId: string,
  seq: number,
  at: Date,
  change: { via: 'reply' | 'push'; uncertain: boolean },
): Promise<void> {
  await db
    .updateTable('answer_outbox')
    .set({ state: 'pending', next_attempt_at: at, lease_until: null, ...change })
    .where('event_id', '=', eventId)
    .where('seq', '=', seq)
    .execute()
}

/**
 * Every answer under way, handed back as due now with its outcome unknown: only for a database
 * this process holds alone (PGlite), where whoever claimed them is a process that died. A reply
 * is then tried again while its token works (single use: LINE says if it went out), instead of
 * waiting out a lease that outlives the token.
 */
export async function releaseSendingAnswers(db: Db, now: Date): Promise<number> {
  const result = await db
    .updateTable('answer_outbox')
    .set({ state: 'pending', next_attempt_at: now, lease_until: null, uncertain: true })
    .where('state', '=', 'sending')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** An intent whose call never happened (the port threw before calling LINE). */
export async function forgetAnswer(db: Db, eventId: string, seq: number): Promise<void> {
  await db.deleteFrom('answer_outbox').where('event_id', '=', eventId).where('seq', '=', seq).execute()
}

/** Written before the first push: from then on the answer never goes out as a reply. */
export async function switchToPush(db: Db, eventId: string, seq: number): Promise<void> {
  await db
    .updateTable('answer_outbox')
    .set({ via: 'push' })
    .where('event_id', '=', eventId)
    .where('seq', '=', seq)
    .execute()
}

/** What a completion leaves for the worker to do next. */
export interface Completion {
  /** An answer of these events is still open (waiting for a retry, or queued behind its chat's). */
  openAnswers: boolean
  /** A chat of these events has another event waiting: the next of it can now be claimed. */
  waiting: boolean
}

/**
 * Completes handled events and deletes their finished answers in one statement (so at once, and
 * in one round trip): 1:1 chats' rows go, groups' rows keep only id, type and outcome. Once an
 * event can no longer be handled again, nothing needs to recognise its answers. The same
 * statement says what follows: its reads see the rows as they were before it (one snapshot).
 */
export async function completeWithAnswers(
  db: Db,
  oneToOne: { id: string; seenKey: string }[],
  groups: { id: string; outcome: string }[],
  now: Date,
  today: string,
): Promise<Completion> {
  const ids = oneToOne.map((o) => o.id)
  const all = [...ids, ...groups.map((g) => g.id)]
  if (all.length === 0) return { openAnswers: false, waiting: false }
  // A 1:1 event leaves only its keyed hash for the day (seen-repository.ts): a redelivery of it
  // is then recognised although its row is gone.
  const result = await sql<{ open_answers: boolean; waiting: boolean }>`
    with gone as (
      delete from webhook_inbox where event_id = any(${ids}::text[])
    ), seen as (
      insert into webhook_seen (event_key, day)
      select k, ${today}::date from unnest(${oneToOne.map((o) => o.seenKey)}::text[]) as k
      on conflict (event_key) do nothing
    ), done as (
      update webhook_inbox i set status = 'done', outcome = v.outcome, handled_at = ${now},
        payload = null, key_id = null, chat_key = null, message_id = null, lease_until = null
      from (select unnest(${groups.map((g) => g.id)}::text[]) as event_id,
                   unnest(${groups.map((g) => g.outcome)}::text[]) as outcome) v
      where i.event_id = v.event_id
    ), finished as (
      delete from answer_outbox where event_id = any(${all}::text[]) and state = 'done'
    )
    select
      exists (select 1 from answer_outbox a
              where a.event_id = any(${all}::text[]) and a.state in ('sending', 'pending')) as open_answers,
      exists (select 1 from webhook_inbox w
              where w.status = 'pending' and w.chat_key in (
                select c.chat_key from webhook_inbox c where c.event_id = any(${all}::text[]))) as waiting`.execute(
    db,
  )
  const row = result.rows[0]
  return { openAnswers: row?.open_answers ?? true, waiting: row?.waiting ?? true }
}

/** Finished answers whose inbox row went another way (a race with its completion). */
export async function sweepFinishedAnswers(db: Db): Promise<number> {
  const result = await sql`
    delete from answer_outbox a where a.state = 'done'
      and not exists (select 1 from webhook_inbox i where i.event_id = a.event_id and i.status in ${LIVE})`.execute(
    db,
  )
  return Number(result.numAffectedRows ?? 0)
}

/** When the next open answer falls due (a retry, or a lease running out); null when none. */
export async function nextAnswerDue(db: Db): Promise<Date | null> {
  const row = await db
    .selectFrom('answer_outbox')
    .select((eb) => [
      eb.fn.min('next_attempt_at').filterWhere('state', '=', 'pending').as('retry'),
      eb.fn.min('lease_until').filterWhere('state', '=', 'sending').as('lease'),
    ])
    .executeTakeFirstOrThrow()
  const times = [row.retry, row.lease].filter((d): d is Date => d instanceof Date)
  return times.length === 0 ? null : new Date(Math.min(...times.map((d) => d.getTime())))
}

export async function openAnswers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('answer_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', 'in', ['sending', 'pending'])
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
