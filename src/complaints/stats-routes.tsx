import { Hono } from 'hono'
import type { AdminContext, AdminEnv } from '../app-env.js'
import { view } from '../console/http.js'
import { gate, html } from '../console/respond.js'
import type { Role } from '../console/session.js'
import { fiscalYearOfDay, localDay } from '../core/time/index.js'
import { categoryLabels } from './labels.js'
import { complaintStats, YEARS_SHOWN } from './stats.js'
import { statsCsv } from './stats-csv.js'
import { StatsPage } from './stats-pages.js'

// Statistics only: auditors see them, never a case.
const READERS: readonly Role[] = ['owner', 'complaint_officer', 'auditor']

function fiscalYears(c: AdminContext) {
  const now = fiscalYearOfDay(localDay(c.var.deps.clock.now(), c.var.deps.config.timeZone))
  const asked = Number(c.req.query('fy'))
  const fy = Number.isInteger(asked) && asked >= 2560 && asked <= now ? asked : now
  return { fy, years: Array.from({ length: YEARS_SHOWN }, (_, i) => now - i) }
}

export function statsRoutes() {
  const app = new Hono<AdminEnv>()

  app.get('/complaints/stats', async (c) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const { fy, years } = fiscalYears(c)
    const categories = categoryLabels(c.var.deps.flows)
    const stats = await complaintStats(c.var.deps.db, s.admin.orgId, fy, categories.values)
    return html(c, StatsPage({ v: view(c), s: stats, years, categories }))
  })

  app.get('/complaints/stats.csv', async (c) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const { fy } = fiscalYears(c)
    const categories = categoryLabels(c.var.deps.flows)
    const stats = await complaintStats(c.var.deps.db, s.admin.orgId, fy, categories.values)
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', `attachment; filename="complaint-stats-${fy}.csv"`)
    c.header('X-Content-Type-Options', 'nosniff')
    return c.body(statsCsv(stats, c.var.lang, categories))
  })

  return app
}
