import type { Kysely } from 'kysely'
import type { AuditAction } from '../audit/actions.js'
import { appendAudit } from '../audit/repository.js'
import { resolveRecipients } from '../broadcasts/audiences.js'
import { countByStatus, listDeliveries } from '../broadcasts/deliveries.js'
import { chatNames, listRuns } from '../broadcasts/repository.js'
import type { BroadcastRow, RunRow } from '../broadcasts/tables.js'
import type { Database } from '../db/schema.js'
import type { Audience, Broadcast, Delivery, Run } from './schemas.js'
import type { ApiCaller } from './tokens.js'

type Db = Kysely<Database>

// Rows → the JSON the API promises (schemas.ts). Recipients are shown by LINE name and unit
// labels only: a LINE id is contact data the calling system has no need for.

export async function audienceViews(db: Db, orgId: string): Promise<Audience[]> {
  const audiences = await db
    .selectFrom('audiences')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .orderBy('name')
    .execute()
  const out: Audience[] = []
  for (const a of audiences) out.push(await audienceView(db, orgId, a))
  return out
}

export async function audienceView(
  db: Db,
  orgId: string,
  a: { id: string; name: string },
): Promise<Audience> {
  const members = await db
    .selectFrom('audience_members')
    .select(['kind', 'value'])
    .where('org_id', '=', orgId)
    .where('audience_id', '=', a.id)
    .orderBy('value')
    .execute()
  const groupIds = members.filter((m) => m.kind === 'group').map((m) => m.value)
  const names = await chatNames(db, orgId, groupIds)
  return {
    id: a.id,
    name: a.name,
    labels: members.filter((m) => m.kind === 'label').map((m) => m.value),
    groups: groupIds.map((id) => ({
      name: names.get(id)?.name ?? null,
      labels: names.get(id)?.labels ?? [],
    })),
    recipients: (await resolveRecipients(db, orgId, a.id)).length,
  }
}

export async function runView(db: Db, r: RunRow): Promise<Run> {
  return {
    id: r.id,
    scheduledFor: r.scheduled_for.toISOString(),
    status: r.status,
    counts: await countByStatus(db, r.id),
  }
}

export async function broadcastView(db: Db, b: BroadcastRow, withRuns = false): Promise<Broadcast> {
  const view: Broadcast = {
    id: b.id,
    title: b.title,
    status: b.status,
    audience: b.audience,
    measure: b.measure,
    // Stored message objects are LINE's own JSON; the list schema only promises their `type`.
    messages: b.messages.map((m) => ({ ...m })),
    runAt: b.run_at.toISOString(),
    cron: b.recurrence,
    timeZone: b.time_zone,
    nextRunAt: b.next_run_at?.toISOString() ?? null,
    createdAt: b.created_at.toISOString(),
    updatedAt: b.updated_at.toISOString(),
  }
  if (!withRuns) return view
  const runs: Run[] = []
  for (const r of await listRuns(db, b.org_id, b.id)) runs.push(await runView(db, r))
  return { ...view, runs }
}

export async function deliveryViews(db: Db, orgId: string, runId: string): Promise<Delivery[]> {
  const rows = await listDeliveries(db, orgId, runId)
  const names = await chatNames(
    db,
    orgId,
    rows.filter((r) => r.recipient_type === 'group' || r.recipient_type === 'room').map((r) => r.recipient),
  )
  return rows.map((r) => ({
    recipient: {
      type: r.recipient_type,
      name: names.get(r.recipient)?.name ?? null,
      labels: names.get(r.recipient)?.labels ?? [],
    },
    status: r.status,
    attempts: r.attempts,
    answerStatus: r.answer_status,
    sentAt: r.sent_at?.toISOString() ?? null,
  }))
}

/** Every write through the API is logged as its token: actor "api:<token name>". */
export async function auditApi(
  db: Db,
  at: Date,
  caller: ApiCaller,
  action: AuditAction,
  target: string,
  detail: string | null = null,
): Promise<void> {
  await appendAudit(db, {
    org_id: caller.orgId,
    at,
    actor_id: caller.tokenId,
    actor_email: caller.actor,
    action,
    target,
    detail,
  })
}
