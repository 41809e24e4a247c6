import type { Kysely } from 'kysely'
import { type AuditAction, audit } from '../../admin/audit.js'
import { html, notFound } from '../../admin/console-http.js'
import { type AdminContext, view } from '../../admin/http.js'
import { MessagePage } from '../../admin/pages/auth.js'
import type { Session } from '../../admin/service.js'
import type { Role } from '../../admin/tables.js'
import type { Database } from '../../db/schema.js'
import { accessCase, type CaseRow } from './cases.js'
import { officerT } from './i18n.js'

// What the officers' case routes share: who may handle cases, reaching a case inside the
// route's transaction (refusing, and recording, an excluded officer), and audit entries.

export const HANDLERS: readonly Role[] = ['owner', 'complaint_officer']
type Db = Kysely<Database>

export const record = (
  db: Db,
  s: Session,
  now: Date,
  e: { action: AuditAction; target: string; detail?: string | null },
) =>
  audit(db, now, {
    orgId: s.admin.orgId,
    actorId: s.admin.id,
    actorEmail: s.admin.email,
    action: e.action,
    target: e.target,
    detail: e.detail ?? null,
  })

export type Reached<T> = { kind: 'not_found' } | { kind: 'excluded' } | { kind: 'done'; value: T }

/**
 * Runs `work` on a case of the session's organization in one transaction. An officer
 * excluded from the case never reaches `work`; the refusal itself is audited.
 */
export function onCase<T>(
  c: AdminContext,
  s: Session,
  id: string,
  work: (trx: Db, row: CaseRow) => Promise<T>,
): Promise<Reached<T>> {
  const { db, clock } = c.var.deps
  return db.transaction().execute(async (trx): Promise<Reached<T>> => {
    const a = await accessCase(trx, s.admin.orgId, s.admin.id, id)
    if (a.kind === 'not_found') return a
    if (a.kind === 'excluded') {
      await record(trx, s, clock.now(), { action: 'complaint.access_refused', target: a.row.code })
      return { kind: 'excluded' }
    }
    return { kind: 'done', value: await work(trx, a.row) }
  })
}

export function excludedPage(c: AdminContext) {
  const v = view(c)
  return html(c, MessagePage({ v, title: '403', message: officerT(v)('excludedFromCase') }), 403)
}

/** The answer for a case the officer cannot reach. */
export const unreachable = (c: AdminContext, r: { kind: 'not_found' } | { kind: 'excluded' }) =>
  r.kind === 'excluded' ? excludedPage(c) : notFound(c)

/** The case page after an action: the outcome travels as message keys (never text) in the URL. */
export const backToCase = (c: AdminContext, id: string, m: string, notice?: 'sent' | 'failed' | null) =>
  c.redirect(`/admin/complaints/${encodeURIComponent(id)}?m=${m}${notice ? `&n=${notice}` : ''}`, 303)
