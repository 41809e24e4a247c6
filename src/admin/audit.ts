import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { appendAudit, listAudit } from './repository.js'

/**
 * Every action the audit log records, from the console, the API (actor "api:<token name>") and
 * the LINE account link. A list as well as a type, so a test can check what was written.
 */
export const AUDIT_ACTIONS = [
  'login.succeeded',
  'login.failed',
  'login.locked',
  'logout',
  'password.changed',
  'account.created',
  'account.disabled',
  'account.officer_granted',
  'group.labelled',
  'broadcast.created',
  'broadcast.updated',
  'broadcast.scheduled',
  'broadcast.cancelled',
  'broadcast.retried',
  'broadcast.test_sent',
  'budget.uploaded',
  'line_link.code_issued',
  'line_link.linked',
  'line_link.unlinked',
  'org.created',
  'org.channel_rotated',
  'org.profile_updated',
  'org.logo_updated',
  'org.logo_removed',
  'api_token.created',
  'api_token.revoked',
  'api.audience.created',
  'api.broadcast.created',
  'api.broadcast.scheduled',
  'api.broadcast.cancelled',
  'api.run.retried',
  'gift.viewed',
  'gift.reviewed',
  'question.viewed',
  'question.answered',
  'complaint.viewed',
  'complaint.access_refused',
  'complaint.evidence_downloaded',
  'complaint.status_changed',
  'complaint.message_sent',
  'complaint.officer_excluded',
  'complaint.reveal_requested',
  'complaint.reveal_approved',
  'complaint.reveal_rejected',
  'complaint.identity_viewed',
  'evidence.viewed',
  'evidence.exported',
  'evidence.published',
  'evidence.unpublished',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

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
