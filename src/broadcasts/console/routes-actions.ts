import { Hono } from 'hono'
import type { AdminEnv } from '../../app-env.js'
import { redirectWithFlash } from '../../console/flash.js'
import { view } from '../../console/http.js'
import { gate, notFound } from '../../console/respond.js'
import { cancelBroadcast } from '../lifecycle.js'
import { estimateQuota } from '../quota.js'
import { findBroadcast } from '../repository.js'
import { scheduleBroadcast, updateBroadcast } from '../service.js'
import { renderDetail } from './detail.js'
import {
  auditBroadcast,
  type BroadcastRouteOptions,
  COMPOSERS,
  errorText,
  orgOf,
  quotaSource,
} from './http.js'

type ActionName = 'schedule' | 'send-now' | 'cancel'

/**
 * Schedule, send now and cancel: one service call, audited, then 303 to the broadcast page with
 * the outcome as a flash message, so reloading that page sends nothing again. A refusal is
 * answered at once (422), with the page as it now stands and the reason.
 */
export function broadcastActionRoutes(opts: BroadcastRouteOptions) {
  const app = new Hono<AdminEnv>()
  const act = (name: ActionName) =>
    app.post(`/broadcasts/:id/${name}`, async (c) => {
      const s = gate(c, COMPOSERS)
      if (s instanceof Response) return s
      const deps = { db: c.var.deps.db, clock: c.var.deps.clock }
      const id = c.req.param('id')
      const current = await findBroadcast(deps.db, orgOf(s), id)
      if (!current) return notFound(c)
      const v = view(c)
      const q = await quotaSource(c, opts)(orgOf(s))
      if (name !== 'cancel' && q) {
        const estimate = await estimateQuota(deps.db, async () => q, orgOf(s), current.audience)
        if (estimate.level === 'block') {
          return renderDetail(c, s, current, opts, { message: v.t('quotaBlock'), error: true }, 422)
        }
      }
      if (name === 'send-now' && current.status === 'draft') {
        const moved = await updateBroadcast(deps, orgOf(s), id, { runAt: deps.clock.now() })
        if (!moved.ok) {
          return renderDetail(c, s, current, opts, { message: errorText(v, moved.error), error: true }, 422)
        }
      }
      const r =
        name === 'cancel'
          ? await cancelBroadcast(deps, orgOf(s), id)
          : await scheduleBroadcast(deps, orgOf(s), id)
      if (!r.ok) {
        const now = (await findBroadcast(deps.db, orgOf(s), id)) ?? current
        const msg = { message: errorText(v, r.error), error: true, problems: r.error.problems }
        return renderDetail(c, s, now, opts, msg, 422)
      }
      await auditBroadcast(c, s, name === 'cancel' ? 'broadcast.cancelled' : 'broadcast.scheduled', r.value)
      if (name === 'cancel') return redirectWithFlash(c, `/admin/broadcasts/${r.value.id}`, 'cancelledOk')
      // Due now ("send now", or "now" chosen in the form): sending starts here, not at the next
      // minute's tick, and the page says so and follows it (detail.ts).
      const due = r.value.recurrence === null && r.value.run_at.getTime() <= deps.clock.now().getTime()
      if (due) c.var.deps.sendDue()
      return redirectWithFlash(c, `/admin/broadcasts/${r.value.id}`, due ? 'sendingNow' : 'scheduledOk')
    })
  act('schedule')
  act('send-now')
  act('cancel')
  return app
}
