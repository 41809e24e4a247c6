import { type Expression, type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import type { DeliveryRow, DeliveryStatus, RecipientType } from './tables.js'

type Db = Kysely<Database>

/** Deliveries: one row per run × recipient (contact class; kysely/SQL only). */
export interface NewDelivery {
  recipient: string
  type: RecipientType
  retryKey: string
}

const CHUNK = 1000

/** Idempotent: a second expansion of the same run inserts nothing and changes no retry key. */
export async function insertDeliveries(
  db: Db,
  orgId: string,
  runId: string,
  rows: NewDelivery[],
  now: Date,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('broadcast_deliveries')
      .values(
        rows.slice(i, i + CHUNK).map((r) => ({
          org_id: orgId,
          run_id: runId,
          recipient: r.recipient,
          recipient_type: r.type,
          status: 'pending' as const,
          retry_key: r.retryKey,
          next_attempt_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['run_id', 'recipient']).doNothing())
      .execute()
  }
}

/**
 * Inserts a run's deliveries from a query of recipients in one statement, so a run of thousands
 * of groups is written without its ids travelling to the app and back. PostgreSQL derives each
 * retry key exactly as `uuidFromName(\`${runId}:${recipient}\`)` does in src/core/ids.ts (SHA-256,
 * first 16 bytes, version 5 and RFC 4122 variant bits): the same key whichever path wrote it.
 * Idempotent like insertDeliveries; returns how many rows it inserted.
 */
export async function insertDeliveriesFrom(
  db: Db,
  orgId: string,
  runId: string,
  recipients: Expression<{ recipient: string; recipient_type: RecipientType }>,
  now: Date,
): Promise<number> {
  const r = await sql`
    insert into broadcast_deliveries
      (org_id, run_id, recipient, recipient_type, status, retry_key, next_attempt_at)
    select ${orgId}, ${runId}, r.recipient, r.recipient_type, 'pending',
      encode(set_byte(set_byte(h.b, 6, (get_byte(h.b, 6) & 15) | 80), 8, (get_byte(h.b, 8) & 63) | 128),
        'hex')::uuid,
      ${now}::timestamptz
    from (${recipients}) r
    cross join lateral (
      select substring(sha256(convert_to(${runId}::text || ':' || r.recipient, 'UTF8')) from 1 for 16) as b) h
    on conflict (run_id, recipient) do nothing`.execute(db)
  return Number(r.numAffectedRows ?? 0)
}

/**
 * Claims due deliveries of sending, unpaused runs: pending ones whose backoff has passed, and
 * sending ones whose lease expired (their sender died). `attempts` is bumped here and is the
 * fencing token: only the holder of that attempt may record the outcome.
 */
export async function claimDeliveries(
  db: Db,
  opts: { now: Date; leaseUntil: Date; limit: number; runId?: string },
): Promise<DeliveryRow[]> {
  const onlyRun = opts.runId === undefined ? sql`true` : sql`id = ${opts.runId}`
  const r = await sql<DeliveryRow>`
    update broadcast_deliveries d
    set status = 'sending', lease_until = ${opts.leaseUntil}, attempts = d.attempts + 1
    from (select run_id, recipient from broadcast_deliveries
          where run_id in (select id from broadcast_runs
                           where status = 'sending' and resume_at <= ${opts.now} and ${onlyRun})
            and ((status = 'pending' and next_attempt_at <= ${opts.now})
              or (status = 'sending' and lease_until < ${opts.now}))
          order by next_attempt_at limit ${opts.limit}
          for update skip locked) s
    where d.run_id = s.run_id and d.recipient = s.recipient
    returning d.*`.execute(db)
  return r.rows
}

/** One claimed attempt a sender still holds: its row and the attempts value it claimed. */
export interface HeldClaim {
  runId: string
  recipient: string
  claimed: number
}

/**
 * Extends the leases of claims still held, so a lease can be short (a dead sender's rows are
 * taken over soon) without a live one's slow pushes being taken over. A claim taken over already
 * (attempts moved on) is left alone. Returns how many leases were extended.
 */
export async function renewLeases(db: Db, held: HeldClaim[], leaseUntil: Date): Promise<number> {
  let renewed = 0
  for (let i = 0; i < held.length; i += CHUNK) {
    const rows = held
      .slice(i, i + CHUNK)
      .map((h) => sql`(${h.runId}::text, ${h.recipient}::text, ${h.claimed}::int)`)
    const r = await sql`
      update broadcast_deliveries d set lease_until = ${leaseUntil}
      from (values ${sql.join(rows)}) v (run_id, recipient, claimed)
      where d.run_id = v.run_id and d.recipient = v.recipient and d.status = 'sending'
        and d.attempts = v.claimed`.execute(db)
    renewed += Number(r.numAffectedRows ?? 0)
  }
  return renewed
}

/**
 * When a sender next has something to do: `now` while a run waits to be expanded, otherwise the
 * earliest moment a delivery of a sending run becomes claimable (its backoff passed, its lease
 * expired, its run's rate-limit pause over). Null when no run is open.
 */
export async function nextClaimableAt(db: Db, now: Date): Promise<Date | null> {
  const r = await sql<{ open: boolean; at: Date | null }>`
    select exists (select 1 from broadcast_runs where status in ('pending', 'sending')) as open,
      (select case when exists (select 1 from broadcast_runs where status = 'pending') then ${now}::timestamptz
              else (select min(greatest(r.resume_at,
                             case d.status when 'pending' then d.next_attempt_at else d.lease_until end))
                    from broadcast_runs r join broadcast_deliveries d on d.run_id = r.id
                    where r.status = 'sending' and d.status in ('pending', 'sending')) end) as at`.execute(db)
  const row = r.rows[0]
  if (!row?.open) return null
  // A sending run with no open delivery left only waits to be closed (finishRuns): now.
  return row.at ?? now
}

/** What became of one claimed attempt; `event` is the engagement event to append with it. */
export interface DeliveryOutcome {
  runId: string
  recipient: string
  /** The attempts value returned by the claim (fencing token). */
  claimed: number
  status: DeliveryStatus
  nextAttemptAt: Date | null
  requestId: string | null
  answerStatus: number | null
  detail: string | null
  sentAt: Date | null
  /** 1 when the attempt did not count (a 429 rate limit released it untried). */
  refund: 0 | 1
  event: {
    kind: string
    chatKey: string | null
    /** The group's key for a group or room recipient; null or absent otherwise. */
    placeKey?: string | null
    measure: string | null
    data: Record<string, unknown>
    at: Date
  } | null
}

/**
 * Records outcomes and their engagement events in ONE statement, so an outcome and its event
 * are written together or not at all. An outcome whose claim was taken over (lease expired,
 * attempts moved on) is dropped with its event: the new holder records instead.
 */
export async function recordOutcomes(db: Db, outcomes: DeliveryOutcome[]): Promise<void> {
  if (outcomes.length === 0) return
  const rows = outcomes.map(
    (o) => sql`(${o.runId}::text, ${o.recipient}::text, ${o.claimed}::int, ${o.status}::text,
      ${o.nextAttemptAt}::timestamptz, ${o.requestId}::text, ${o.answerStatus}::int, ${o.detail}::text,
      ${o.sentAt}::timestamptz, ${o.refund}::int, ${o.event?.kind ?? null}::text, ${o.event?.chatKey ?? null}::text,
      ${o.event?.measure ?? null}::text, ${o.event ? JSON.stringify(o.event.data) : null}::jsonb,
      ${o.event?.at ?? null}::timestamptz, ${o.event?.placeKey ?? null}::text)`,
  )
  await sql`
    with v (run_id, recipient, claimed, status, next_at, request_id, answer_status, detail, sent_at, refund,
            kind, chat_key, measure, data, occurred_at, place_key) as (values ${sql.join(rows)}),
    done as (
      update broadcast_deliveries d set status = v.status, lease_until = null,
        next_attempt_at = coalesce(v.next_at, d.next_attempt_at), attempts = d.attempts - v.refund,
        request_id = coalesce(v.request_id, d.request_id), answer_status = v.answer_status,
        detail = v.detail, sent_at = v.sent_at
      from v
      where d.run_id = v.run_id and d.recipient = v.recipient and d.status = 'sending' and d.attempts = v.claimed
      returning d.run_id, d.recipient, d.org_id)
    insert into engagement_events (org_id, occurred_at, kind, chat_key, ref_type, ref_id, measure, data, place_key)
    select done.org_id, v.occurred_at, v.kind, v.chat_key, 'broadcast_run', v.run_id, v.measure, v.data, v.place_key
    from done join v on v.run_id = done.run_id and v.recipient = done.recipient
    where v.kind is not null`.execute(db)
}

/** Failed recipients of a run back to pending with their same retry keys; returns how many. */
export async function resetFailed(db: Db, orgId: string, runId: string, now: Date): Promise<number> {
  const r = await db
    .updateTable('broadcast_deliveries')
    .set({ status: 'pending', next_attempt_at: now, detail: null, answer_status: null })
    .where('org_id', '=', orgId)
    .where('run_id', '=', runId)
    .where('status', '=', 'failed')
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

export async function listDeliveries(db: Db, orgId: string, runId: string): Promise<DeliveryRow[]> {
  return db
    .selectFrom('broadcast_deliveries')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('run_id', '=', runId)
    .orderBy('recipient')
    .execute()
}

export async function countByStatus(db: Db, runId: string): Promise<Record<DeliveryStatus, number>> {
  const rows = await db
    .selectFrom('broadcast_deliveries')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('run_id', '=', runId)
    .groupBy('status')
    .execute()
  const out: Record<DeliveryStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 }
  for (const r of rows) out[r.status] = Number(r.n)
  return out
}

/** Deliveries by status for each run, in one query (a broadcast page's progress). */
export async function countByRun(
  db: Db,
  orgId: string,
  runIds: string[],
): Promise<Map<string, Record<DeliveryStatus, number>>> {
  const out = new Map<string, Record<DeliveryStatus, number>>()
  if (runIds.length === 0) return out
  const rows = await db
    .selectFrom('broadcast_deliveries')
    .select(['run_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('run_id', 'in', runIds)
    .groupBy(['run_id', 'status'])
    .execute()
  for (const id of runIds) out.set(id, { pending: 0, sending: 0, sent: 0, failed: 0 })
  for (const r of rows) {
    const counts = out.get(r.run_id)
    if (counts) counts[r.status] = Number(r.n)
  }
  return out
}
