import { Hono } from 'hono'
import type { AdminContext, AdminEnv } from '../../app-env.js'
import { redirectWithFlash, takeFlash } from '../../console/flash.js'
import { view } from '../../console/http.js'
import { gate, html, notFound, type Status } from '../../console/respond.js'
import type { Session } from '../../console/session.js'
import { listDeliveries } from '../deliveries.js'
import { retryFailedRecipients } from '../lifecycle.js'
import { chatNames, findBroadcast, findRun } from '../repository.js'
import { auditBroadcast, COMPOSERS, canCompose, errorText, orgOf, READERS } from './http.js'
import { DeliveriesPage } from './pages.js'

/** A run's delivery log: every recipient by name and labels, never by raw LINE id. */
async function runPage(
  c: AdminContext,
  s: Session,
  msg: { message?: string; error?: boolean } = {},
  status: Status = 200,
) {
  const { db } = c.var.deps
  const b = await findBroadcast(db, orgOf(s), c.req.param('id') ?? '')
  const run = await findRun(db, c.req.param('runId') ?? '')
  if (!b || !run || run.org_id !== orgOf(s) || run.broadcast_id !== b.id) return notFound(c)
  const v = view(c)
  const deliveries = await listDeliveries(db, orgOf(s), run.id)
  const known = await chatNames(
    db,
    orgOf(s),
    deliveries.map((d) => d.recipient),
  )
  const rows = deliveries.map((d) => {
    const k = known.get(d.recipient)
    // Never a raw LINE id: a group by its LINE name, anyone else by what they are.
    const name =
      d.recipient_type === 'all_followers'
        ? v.t('aAll')
        : d.recipient_type === 'user'
          ? v.t('followers')
          : (k?.name ?? '—')
    return { ...d, name, labels: k?.labels ?? [] }
  })
  const page = DeliveriesPage({
    v,
    b,
    run,
    rows,
    canRetry: canCompose(s),
    line: c.var.deps.lineStatus.of(orgOf(s)),
    now: c.var.deps.clock.now(),
    ...msg,
  })
  return html(c, page, status)
}

export function broadcastRunRoutes() {
  const app = new Hono<AdminEnv>()
  app.get('/broadcasts/:id/runs/:runId', async (c) => {
    const s = gate(c, READERS)
    return s instanceof Response ? s : runPage(c, s, takeFlash(c, view(c).t) ?? {})
  })
  app.post('/broadcasts/:id/runs/:runId/retry', async (c) => {
    const s = gate(c, COMPOSERS)
    if (s instanceof Response) return s
    const { db, clock } = c.var.deps
    const b = await findBroadcast(db, orgOf(s), c.req.param('id'))
    if (!b) return notFound(c)
    const r = await retryFailedRecipients({ db, clock }, orgOf(s), c.req.param('runId'))
    if (!r.ok) {
      if (r.error.code === 'not_found') return notFound(c)
      return runPage(c, s, { message: errorText(view(c), r.error), error: true }, 422)
    }
    await auditBroadcast(c, s, 'broadcast.retried', b, String(r.value.reset))
    return redirectWithFlash(c, `/admin/broadcasts/${b.id}/runs/${r.value.runId}`, 'retried')
  })
  return app
}
