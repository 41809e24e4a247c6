import { Hono } from 'hono'
import type { AdminEnv } from '../app-env.js'
import { view } from '../console/http.js'
import { gate, html } from '../console/respond.js'
import { csvText } from '../core/csv.js'
import { attachment, auditEvidence, ctxOf, loadReport, READERS } from './http.js'
import { noGiftRows } from './nogift-csv.js'
import { NoGiftPage } from './nogift-page.js'
import { noGiftReport } from './nogift-report.js'

// The No Gift Policy yearly report (O33 / o23): its page and its CSV.

export function noGiftRoutes() {
  const app = new Hono<AdminEnv>()

  app.get('/evidence/:fy/nogift', async (c) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const report = await loadReport(c, s)
    if (report instanceof Response) return report
    await auditEvidence(c, s, 'evidence.viewed', `no-gift-policy-${report.fiscalYear}`)
    const r = await noGiftReport(c.var.deps.db, c.var.deps.flows, report, c.var.lang)
    return html(c, NoGiftPage({ v: view(c), ctx: ctxOf(c), r }))
  })

  app.get('/evidence/:fy/nogift.csv', async (c) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const report = await loadReport(c, s)
    if (report instanceof Response) return report
    const r = await noGiftReport(c.var.deps.db, c.var.deps.flows, report, c.var.lang)
    const body = csvText(noGiftRows(r, c.var.lang, c.var.deps.config.timeZone))
    const file = `no-gift-policy-${report.fiscalYear}.csv`
    await auditEvidence(c, s, 'evidence.exported', file)
    attachment(c, file, 'text/csv; charset=utf-8')
    return c.body(body)
  })

  return app
}
