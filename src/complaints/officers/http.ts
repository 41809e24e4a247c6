import type { Kysely } from 'kysely'
import type { AdminContext } from '../../app-env.js'
import type { AuditAction } from '../../audit/actions.js'
import { audit } from '../../audit/service.js'
import { view } from '../../console/http.js'
import { MessagePage } from '../../console/message-page.js'
import { html, notFound, requireSession } from '../../console/respond.js'
import type { Role, Session } from '../../console/session.js'
import type { Database } from '../../db/schema.js'
import { accessCase, type CaseRow } from './cases.js'
import { listExclusions } from './exclusions-repository.js'
import { officerWords } from './i18n.js'
import { tenureText } from './i18n-people.js'
import { type Tenure, tenureOf } from './tenure.js'

// What the officers' case routes share: who may handle cases, reaching a case inside the
// route's transaction (refusing, and recording, an excluded officer), and audit entries.

/**
 * Only complaint officers read cases, evidence, messages and identities, and only they take
 * part in reveals: the promise to complainants names them alone. The owner administers the
 * accounts and sees the statistics, never a case.
 */
export const HANDLERS: readonly Role[] = ['complaint_officer']
type Db = Kysely<Database>

/** The session of a complaint officer, else a 403 page that says who may (and no case data). */
export function officerGate(c: AdminContext): Session | Response {
  const s = requireSession(c)
  if (HANDLERS.includes(s.admin.role)) return s
  const v = view(c)
  return html(c, MessagePage({ v, title: '403', message: officerWords(v.lang)('officersOnly') }), 403)
}

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

type Unreached = { kind: 'not_found' } | { kind: 'excluded' } | { kind: 'too_new'; from: Date }
export type Reached<T> = Unreached | { kind: 'done'; value: T }

/**
 * Runs `work` on a case of the session's organization in one transaction. An officer
 * excluded from the case never reaches `work`, nor does one too new in the role when anybody
 * was excluded from it (an account made to get round an exclusion waits, announced); each
 * refusal is audited. `work` gets the officer's standing for the steps that need it.
 */
export function onCase<T>(
  c: AdminContext,
  s: Session,
  id: string,
  work: (trx: Db, row: CaseRow, standing: Tenure) => Promise<T>,
): Promise<Reached<T>> {
  const { db, clock, config } = c.var.deps
  const now = clock.now()
  return db.transaction().execute(async (trx): Promise<Reached<T>> => {
    const a = await accessCase(trx, s.admin.orgId, s.admin.id, id)
    if (a.kind === 'not_found') return a
    if (a.kind === 'excluded') {
      await record(trx, s, now, { action: 'complaint.access_refused', target: a.row.code })
      return { kind: 'excluded' }
    }
    const days = config.env.COMPLAINT_OFFICER_TENURE_DAYS
    const standing = await tenureOf(trx, s.admin.orgId, s.admin.id, days, now)
    if (!standing.ok && (await listExclusions(trx, a.row.id)).length > 0) {
      const e = { action: 'complaint.access_refused', target: a.row.code, detail: 'tenure' } as const
      await record(trx, s, now, e)
      return { kind: 'too_new', from: standing.from }
    }
    return { kind: 'done', value: await work(trx, a.row, standing) }
  })
}

export function excludedPage(c: AdminContext) {
  const v = view(c)
  return html(c, MessagePage({ v, title: '403', message: officerWords(v.lang)('excludedFromCase') }), 403)
}

function tooNewPage(c: AdminContext, from: Date) {
  const v = view(c)
  const message = tenureText(v, 'open', from, c.var.deps.config.env.COMPLAINT_OFFICER_TENURE_DAYS)
  return html(c, MessagePage({ v, title: '403', message }), 403)
}

/** The answer for a case the officer cannot reach. */
export const unreachable = (c: AdminContext, r: Unreached) =>
  r.kind === 'excluded' ? excludedPage(c) : r.kind === 'too_new' ? tooNewPage(c, r.from) : notFound(c)

/** The case page after an action: the outcome travels as message keys (never text) in the URL. */
export const backToCase = (c: AdminContext, id: string, m: string, notice?: 'sent' | 'failed' | null) =>
  c.redirect(`/admin/complaints/${encodeURIComponent(id)}?m=${m}${notice ? `&n=${notice}` : ''}`, 303)
