import { Hono } from 'hono'
import { recentGrants } from '../../admin/officer-grants.js'
import type { AdminContext, AdminEnv } from '../../app-env.js'
import { form, view } from '../../console/http.js'
import { html } from '../../console/respond.js'
import type { Session } from '../../console/session.js'
import { localDay } from '../../core/time/index.js'
import { categoryLabels } from '../labels.js'
import { openCase } from './case-view.js'
import { caseList } from './cases.js'
import { attachmentHeader, evidenceFile } from './evidence.js'
import { backToCase, officerGate, onCase, record, unreachable } from './http.js'
import { officerWords } from './i18n.js'
import { peopleWords, tenureText } from './i18n-people.js'
import { pushNews } from './notify.js'
import { CasePage, type CasePageProps } from './pages-case.js'
import { CaseListPage } from './pages-list.js'
import type { CaseFilter } from './repository.js'
import { changeStatus, messageComplainant, NEXT } from './status.js'

// /admin/complaints: the officers' cases. Listing shows no content; opening a case, and each
// piece of evidence, is an audited read; every change is audited in its own transaction.

const FILTERS: readonly CaseFilter[] = ['open', 'closed', 'all']

/** The case page; `extra` carries an action's refusal (422) with what the officer typed. */
export async function show(c: AdminContext, s: Session, id: string, extra: Partial<CasePageProps> = {}) {
  const { keyring, clock, flows, config } = c.var.deps
  const r = await onCase(c, s, id, async (trx, row, standing) => {
    await record(trx, s, clock.now(), { action: 'complaint.viewed', target: row.code })
    const grants = await recentGrants(trx, s.admin.orgId, clock.now())
    return { detail: await openCase(trx, keyring, row), standing, grants }
  })
  if (r.kind !== 'done') return unreachable(c, r)
  const v = view(c)
  const { detail, standing, grants } = r.value
  const days = config.env.COMPLAINT_OFFICER_TENURE_DAYS
  const tooNew = standing.ok ? null : tenureText(v, 'approve', standing.from, days)
  const m = c.req.query('m') ?? ''
  const n = c.req.query('n')
  const t = officerWords(v.lang)
  const said = officerWords.has(m) ? t(m) : peopleWords.has(m) ? peopleWords(v.lang)(m) : undefined
  const notice = n === 'sent' ? t('noticeSent') : n === 'failed' ? t('noticeFailed') : ''
  const message = said ? [said, notice].filter(Boolean).join(' ') : undefined
  const props = {
    v,
    c: detail,
    categories: categoryLabels(flows),
    me: s.admin.id,
    grants,
    tooNew,
    message,
    ...extra,
  }
  return html(c, CasePage(props), extra.error ? 422 : 200)
}

const noticeOf = (kind: string | undefined) =>
  kind === undefined ? null : kind === 'accepted' ? 'sent' : 'failed'

export function officerCaseRoutes() {
  const app = new Hono<AdminEnv>()

  app.get('/complaints', async (c) => {
    const s = officerGate(c)
    if (s instanceof Response) return s
    const { db, clock, config, flows } = c.var.deps
    const asked = c.req.query('filter') ?? 'open'
    const filter = FILTERS.find((f) => f === asked) ?? 'open'
    const today = localDay(clock.now(), config.timeZone)
    const cases = await caseList(db, s.admin.orgId, s.admin.id, filter, today)
    const grants = await recentGrants(db, s.admin.orgId, clock.now())
    return html(c, CaseListPage({ v: view(c), filter, cases, categories: categoryLabels(flows), grants }))
  })

  app.get('/complaints/:id', (c) => {
    const s = officerGate(c)
    return s instanceof Response ? s : show(c, s, c.req.param('id'))
  })

  app.get('/complaints/:id/evidence/:eid', async (c) => {
    const s = officerGate(c)
    if (s instanceof Response) return s
    const { keyring, clock } = c.var.deps
    const r = await onCase(c, s, c.req.param('id'), async (trx, row) => {
      const file = await evidenceFile(trx, keyring, {
        orgId: row.org_id,
        caseId: row.id,
        code: row.code,
        evidenceId: c.req.param('eid'),
      })
      if (file) {
        const e = { action: 'complaint.evidence_downloaded', target: row.code, detail: file.id } as const
        await record(trx, s, clock.now(), e)
      }
      return file
    })
    if (r.kind !== 'done' || !r.value) return unreachable(c, r.kind === 'done' ? { kind: 'not_found' } : r)
    const file = r.value
    c.header('Content-Type', file.mime)
    c.header('Content-Disposition', attachmentHeader(file.fileName))
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Cache-Control', 'no-store, private')
    c.header('Content-Security-Policy', "default-src 'none'; sandbox")
    return c.body(file.bytes)
  })

  app.post('/complaints/:id/status', async (c) => {
    const s = officerGate(c)
    if (s instanceof Response) return s
    const f = await form(c)
    const { keyring, clock, config, flows, log, lines } = c.var.deps
    const id = c.req.param('id')
    const now = clock.now()
    const input = { to: f('to'), outcome: f('outcome'), message: f('message') }
    const by = { id: s.admin.id, now, timeZone: config.timeZone }
    const r = await onCase(c, s, id, async (trx, row) => {
      // The form names the status it was shown: a case moved on meanwhile is not moved twice.
      if (f('from') !== '' && f('from') !== row.status)
        return { row, done: { ok: false, reason: 'stale' } as const }
      const done = await changeStatus(
        trx,
        keyring,
        row,
        { ...input, retentionDays: config.env.COMPLAINT_RETENTION_DAYS },
        by,
      )
      if (done.ok)
        await record(trx, s, now, {
          action: 'complaint.status_changed',
          target: row.code,
          detail: `${done.from}>${done.to}`,
        })
      return { row, done }
    })
    if (r.kind !== 'done') return unreachable(c, r)
    const { row, done } = r.value
    if (!done.ok) {
      const t = officerWords(view(c).lang)
      const hint =
        done.reason === 'invalid_transition' ? ` ${NEXT[row.status].map((x) => t(`${x}_s`)).join(', ')}` : ''
      return show(c, s, id, { message: `${t(done.reason)}${hint}`, error: true, draft: input })
    }
    const sent = done.notifyTo
      ? await pushNews({ flows, log, languages: c.var.deps.languages }, await lines(s.admin.orgId), {
          orgId: s.admin.orgId,
          code: row.code,
          to: done.notifyTo,
          key: `${row.id}:${done.seq}`,
        })
      : undefined
    return backToCase(c, id, 'saved', noticeOf(sent === null ? 'failed' : sent?.kind))
  })

  app.post('/complaints/:id/messages', async (c) => {
    const s = officerGate(c)
    if (s instanceof Response) return s
    const f = await form(c)
    const { keyring, clock, config, flows, log, lines } = c.var.deps
    const id = c.req.param('id')
    const now = clock.now()
    const by = { id: s.admin.id, now, timeZone: config.timeZone }
    const r = await onCase(c, s, id, async (trx, row) => {
      const done = await messageComplainant(trx, keyring, row, f('message'), by)
      if (done.ok)
        await record(trx, s, now, {
          action: 'complaint.message_sent',
          target: row.code,
          detail: `#${done.seq}`,
        })
      return { row, done }
    })
    if (r.kind !== 'done') return unreachable(c, r)
    const { row, done } = r.value
    if (!done.ok)
      return show(c, s, id, {
        message: officerWords(view(c).lang)(done.reason),
        error: true,
        draft: { message: f('message') },
      })
    const sent = done.notifyTo
      ? await pushNews({ flows, log, languages: c.var.deps.languages }, await lines(s.admin.orgId), {
          orgId: s.admin.orgId,
          code: row.code,
          to: done.notifyTo,
          key: `${row.id}:${done.seq}`,
        })
      : undefined
    return backToCase(c, id, 'saved', noticeOf(sent === null ? 'failed' : sent?.kind))
  })

  return app
}
