import type { AdminContext } from '../app-env.js'
import type { AuditAction } from '../audit/actions.js'
import { audit } from '../audit/service.js'
import { view } from '../console/http.js'
import type { Role, Session } from '../console/session.js'
import { fiscalYearOfDay, localDay } from '../core/time/index.js'
import { pick } from './format.js'
import { evidenceWords } from './labels.js'
import { evidenceReport, type ReportDeps } from './report.js'
import type { Ctx } from './results-table.js'
import type { EvidenceReport, Text } from './types.js'
import { RefusedPage } from './years-page.js'

// What the evidence routes share. The organization always comes from the session, never from
// the URL: an auditor of one agency has no address that shows another's figures.

/** Who reads the evidence: those who produce it and those who audit it. */
export const READERS: readonly Role[] = ['owner', 'broadcaster', 'auditor']
/** Years offered in the selector. */
export const YEARS_OFFERED = 10

export const reportDeps = (c: AdminContext): ReportDeps => {
  const { db, keyring, flows, clock, config } = c.var.deps
  return { db, keyring, flows, clock, timeZone: config.timeZone }
}

export const ctxOf = (c: AdminContext): Ctx => ({ lang: c.var.lang, tz: c.var.deps.config.timeZone })

export const currentFy = (c: AdminContext) =>
  fiscalYearOfDay(localDay(c.var.deps.clock.now(), c.var.deps.config.timeZone))

export const yearChoices = (c: AdminContext) => {
  const now = currentFy(c)
  return Array.from({ length: YEARS_OFFERED }, (_, i) => now - i)
}

/** A fiscal year as written in a URL: four digits, Buddhist era. Range checks are the service's. */
export function parseFy(raw: string | undefined): number | null {
  return raw !== undefined && /^\d{4}$/.test(raw) ? Number(raw) : null
}

/** The refusal page for bad input: a message and a way back, 400, never a 500. */
export function refused(c: AdminContext, message: Text | string) {
  const v = view(c)
  const t = evidenceWords(v.lang)
  const text = typeof message === 'string' ? message : pick(message, v.lang)
  const page = RefusedPage({ v, title: t('title'), message: text, back: '/admin/evidence' })
  return c.html(`<!doctype html>${String(page)}`, 400)
}

export const badYear = (c: AdminContext) => refused(c, evidenceWords(c.var.lang)('badYear'))

/** The session's organization's report for the year in the URL, or the refusal page. */
export async function loadReport(c: AdminContext, s: Session): Promise<EvidenceReport | Response> {
  const fy = parseFy(c.req.param('fy'))
  if (fy === null) return badYear(c)
  const r = await evidenceReport(reportDeps(c), s.admin.orgId, fy)
  return r.kind === 'ok' ? r.report : refused(c, r.message)
}

/** Every report view and export by a person goes to the audit log (what, which year). */
export function auditEvidence(
  c: AdminContext,
  s: Session,
  action: AuditAction,
  target: string,
  detail?: string,
) {
  return audit(c.var.deps.db, c.var.deps.clock.now(), {
    orgId: s.admin.orgId,
    actorId: s.admin.id,
    actorEmail: s.admin.email,
    action,
    target,
    detail: detail ?? null,
  })
}

export function attachment(c: AdminContext, filename: string, type: string) {
  c.header('Content-Type', type)
  c.header('Content-Disposition', `attachment; filename="${filename}"`)
  c.header('X-Content-Type-Options', 'nosniff')
}
