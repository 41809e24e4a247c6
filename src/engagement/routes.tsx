import { Hono } from 'hono'
import { zonedToUtc } from '../admin/broadcast-form.js'
import { gate, html } from '../admin/console-http.js'
import { type AdminEnv, view } from '../admin/http.js'
import { localDay } from '../admin/thai-date.js'
import { fiscalYearOfDay, fiscalYearRange } from '../nogift/register.js'
import { EngagementPage } from './pages.js'
import { countByMeasure } from './summary.js'

// /admin/engagement: what the log holds per measure this fiscal year, for everyone who
// produces or audits the evidence. Issue 6 turns this into the OIT reports.
export function engagementRoutes() {
  const app = new Hono<AdminEnv>()
  app.get('/engagement', async (c) => {
    const s = gate(c, ['owner', 'broadcaster', 'auditor'])
    if (s instanceof Response) return s
    const { db, clock, config, flows } = c.var.deps
    const current = fiscalYearOfDay(localDay(clock.now(), config.timeZone))
    const asked = Number(c.req.query('fy'))
    const fy = Number.isInteger(asked) && asked >= 2560 && asked <= current ? asked : current
    const { from, to } = fiscalYearRange(fy)
    const start = zonedToUtc(from, '00:00', config.timeZone)
    const end = zonedToUtc(to, '23:59', config.timeZone)
    if (!start || !end) throw new Error(`fiscal year ${fy} has no range`)
    const counts = await countByMeasure(db, s.admin.orgId, start, new Date(end.getTime() + 60_000))
    return html(c, EngagementPage({ v: view(c), fy, counts, measures: flows.measures }))
  })
  return app
}
