import { Hono } from 'hono'
import type { AdminEnv } from '../app-env.js'
import { gate } from '../console/respond.js'
import { reportCsv } from './export-csv.js'
import { reportXlsx } from './export-xlsx.js'
import { attachment, auditEvidence, loadReport, READERS } from './http.js'

// Downloads of the year's evidence: CSV (UTF-8 with BOM, the page's language) and XLSX.
// Each is audited, once built, under its file name: the name the auditor finds in their downloads.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function exportRoutes() {
  const app = new Hono<AdminEnv>()
  const name = (ext: string) => (fy: number) => `ita-evidence-${fy}.${ext}`

  app.get('/evidence/:fy/export.csv', async (c) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const report = await loadReport(c, s)
    if (report instanceof Response) return report
    const file = name('csv')(report.fiscalYear)
    const body = reportCsv(report, c.var.lang)
    await auditEvidence(c, s, 'evidence.exported', file)
    attachment(c, file, 'text/csv; charset=utf-8')
    return c.body(body)
  })

  app.get('/evidence/:fy/export.xlsx', async (c) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const report = await loadReport(c, s)
    if (report instanceof Response) return report
    const file = name('xlsx')(report.fiscalYear)
    // A copy typed over a plain ArrayBuffer, which is what a response body takes.
    const body = new Uint8Array(await reportXlsx(report))
    await auditEvidence(c, s, 'evidence.exported', file)
    attachment(c, file, XLSX)
    return c.body(body)
  })

  return app
}
