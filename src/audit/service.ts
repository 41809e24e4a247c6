import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { AuditAction } from './actions.js'
import { appendAudit, listAudit } from './repository.js'

export interface AuditEntry {
  id: number
  at: Date
  actorEmail: string | null
  action: string
  target: string | null
  detail: string | null
}

export interface AuditInput {
  orgId: string | null
  actorId?: string | null
  actorEmail?: string | null
  action: AuditAction
  target?: string | null
  detail?: string | null
}

/** Appends one entry. Never a password, token or raw LINE id in `target` or `detail`. */
export async function audit(db: Kysely<Database>, at: Date, e: AuditInput): Promise<void> {
  await appendAudit(db, {
    org_id: e.orgId,
    at,
    actor_id: e.actorId ?? null,
    actor_email: e.actorEmail ?? null,
    action: e.action,
    target: e.target ?? null,
    detail: e.detail ?? null,
  })
}

export async function readAudit(db: Kysely<Database>, orgId: string, limit = 100): Promise<AuditEntry[]> {
  const rows = await listAudit(db, orgId, limit)
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    actorEmail: r.actor_email,
    action: r.action,
    target: r.target,
    detail: r.detail,
  }))
}
