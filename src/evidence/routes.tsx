import { Hono } from 'hono'
import type { AdminEnv } from '../app-env.js'
import { redirectWithFlash, takeFlash } from '../console/flash.js'
import { form, view } from '../console/http.js'
import { gate, html } from '../console/respond.js'
import { exportRoutes } from './export-routes.js'
import { pick } from './format.js'
import {
  auditEvidence,
  badYear,
  ctxOf,
  currentFy,
  loadReport,
  parseFy,
  READERS,
  refused,
  reportDeps,
  yearChoices,
} from './http.js'
import { ItemsPage } from './items-page.js'
import { noGiftRoutes } from './nogift-routes.js'
import { PrintPage } from './print-page.js'
import { isPublic, publicPath, setPublic } from './public-settings.js'
import { itemRows, yearsOverview } from './report.js'
import { ReportPage } from './report-page.js'
import { YearsPage } from './years-page.js'

// /admin/evidence: the one place for the evidence of the measures. Pages here,
// downloads in export-routes.ts, the public page in public-routes.tsx.

export function evidenceRoutes() {
  const app = new Hono<AdminEnv>()

  // The year selector is a plain GET form: ?fy= becomes the year's own address.
  app.get('/evidence', (c) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const asked = c.req.query('fy')
    const fy = asked === undefined ? currentFy(c) : parseFy(asked)
    return fy === null ? badYear(c) : c.redirect(`/admin/evidence/${fy}`, 302)
  })

  app.get('/evidence/years', async (c) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const to = c.req.query('to') === undefined ? currentFy(c) : parseFy(c.req.query('to'))
    const from = c.req.query('from') === undefined && to !== null ? to - 4 : parseFy(c.req.query('from'))
    if (from === null || to === null) return badYear(c)
    const r = await yearsOverview(reportDeps(c), s.admin.orgId, from, to)
    if (r.kind !== 'ok') return refused(c, r.message)
    await auditEvidence(c, s, 'evidence.viewed', `years-${from}-${to}`)
    const v = view(c)
    const names = c.var.deps.flows.measures.map((m) => ({
      id: m.id,
      name: typeof m.name === 'string' ? m.name : pick({ th: m.name.th, en: m.name.en ?? '' }, v.lang),
    }))
    return html(c, YearsPage({ v, from, to, years: r.years, names }))
  })

  app.post('/evidence/public', async (c) => {
    const s = gate(c, ['owner'])
    if (s instanceof Response) return s
    const enabled = (await form(c))('enabled') === '1'
    await setPublic(c.var.deps.db, c.var.deps.clock.now(), s, enabled)
    return redirectWithFlash(c, '/admin/evidence', enabled ? 'evidencePublished' : 'evidenceUnpublished')
  })

  app.get('/evidence/:fy', async (c) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const report = await loadReport(c, s)
    if (report instanceof Response) return report
    await auditEvidence(c, s, 'evidence.viewed', `ita-evidence-${report.fiscalYear}`)
    const v = view(c)
    const base = c.var.deps.config.env.PUBLIC_BASE_URL ?? ''
    const publicState =
      s.admin.role === 'owner'
        ? {
            enabled: await isPublic(c.var.deps.db, s.admin.orgId),
            url: `${base}${publicPath(s.admin.orgId, report.fiscalYear)}`,
          }
        : null
    const flash = takeFlash(c, v.t)
    return html(c, ReportPage({ v, ctx: ctxOf(c), report, years: yearChoices(c), publicState, flash }))
  })

  app.get('/evidence/:fy/items', async (c) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const report = await loadReport(c, s)
    if (report instanceof Response) return report
    await auditEvidence(c, s, 'evidence.viewed', `ita-evidence-${report.fiscalYear}`, 'items')
    return html(c, ItemsPage({ v: view(c), ctx: ctxOf(c), report, rows: itemRows(report) }))
  })

  app.get('/evidence/:fy/print', async (c) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const report = await loadReport(c, s)
    if (report instanceof Response) return report
    await auditEvidence(c, s, 'evidence.viewed', `ita-evidence-${report.fiscalYear}`, 'print')
    const brand = c.var.brand
    const page = PrintPage({
      // The report names the agency in Thai; an English page takes its English name (/admin/org).
      report: brand && c.var.lang === 'en' ? { ...report, orgName: brand.name } : report,
      logoUrl: brand?.logoUrl ?? null,
      lang: c.var.lang,
      nonce: c.var.nonce,
      tz: c.var.deps.config.timeZone,
      backHref: `/admin/evidence/${report.fiscalYear}`,
    })
    return html(c, page)
  })

  app.route('/', exportRoutes())
  app.route('/', noGiftRoutes())
  return app
}
