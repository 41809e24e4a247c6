import type { AdminContext } from '../../app-env.js'
import type { AuditAction } from '../../audit/actions.js'
import { appendAudit } from '../../audit/repository.js'
import type { View } from '../../console/layout.js'
import type { Role, Session } from '../../console/session.js'
import { pick } from '../../core/lang.js'
import type { Quota } from '../../line/port.js'
import type { BroadcastError } from '../errors.js'

// What every broadcast route shares: who may read and compose, the audit entry, LINE's quota.

export const COMPOSERS: readonly Role[] = ['owner', 'broadcaster']
export const READERS: readonly Role[] = ['owner', 'broadcaster', 'auditor']

/** LINE's monthly figures for an organization, or null when unknown. */
export type QuotaSource = (orgId: string) => Promise<Quota | null>
export const UNKNOWN_QUOTA: Quota = { type: 'none', limit: null, used: 0 }

export interface BroadcastRouteOptions {
  /** Replaces LINE's own quota figures (tests); by default they are asked of LINE. */
  quotaFor?: QuotaSource
}

export const orgOf = (s: Session) => s.admin.orgId
export const canCompose = (s: Session) => COMPOSERS.includes(s.admin.role)

/** The broadcast service's own message for an error value, in the page's language. */
export const errorText = (v: View, e: BroadcastError) => pick(e, v.lang)

export const auditBroadcast = (
  c: AdminContext,
  s: Session,
  action: AuditAction,
  b: { title: string },
  detail: string | null = null,
) =>
  appendAudit(c.var.deps.db, {
    org_id: s.admin.orgId,
    at: c.var.deps.clock.now(),
    actor_id: s.admin.id,
    actor_email: s.admin.email,
    action,
    target: b.title,
    detail,
  })

/** LINE's quota through the organization's own channel; unknown when it has none or LINE fails. */
export const quotaSource = (c: AdminContext, opts: BroadcastRouteOptions): QuotaSource =>
  opts.quotaFor ??
  (async (orgId) => {
    const line = await c.var.deps.lines(orgId)
    return line ? line.getQuota().catch(() => null) : null
  })
