import type { Hono } from 'hono'
import { broadcastError } from '../broadcasts/errors.js'
import { cancelBroadcast, retryFailedRecipients } from '../broadcasts/lifecycle.js'
import { findBroadcast, findRun, listBroadcasts } from '../broadcasts/repository.js'
import { presetToCron } from '../broadcasts/schedule.js'
import { type BroadcastInput, createDraft, scheduleBroadcast } from '../broadcasts/service.js'
import type { LineMessage } from '../line/port.js'
import { type ApiContext, type ApiEnv, notFound, parseBody, parseParams, serviceProblem } from './http.js'
import { type CreateBroadcast, CreateBroadcastSchema, IdParams, RunParams } from './schemas.js'
import { auditApi, broadcastView, deliveryViews, runView } from './views.js'

type Draft = { ok: true; input: BroadcastInput } | { ok: false; res: Response }

/** The API's body → the service's input; only a preset that cannot become cron fails here. */
function toInput(c: ApiContext, body: CreateBroadcast, now: Date): Draft {
  const s = body.schedule
  let runAt = now
  let recurrence: string | null = null
  // The agency's zone (TZ_DEFAULT) unless the body names another for its recurrence.
  const configured = c.var.deps.config.timeZone
  let timeZone = configured
  if ('at' in s) runAt = new Date(s.at)
  else {
    if (s.startAt) runAt = new Date(s.startAt)
    timeZone = s.timeZone ?? configured
    if ('cron' in s) recurrence = s.cron
    else {
      const p = presetToCron(s.preset)
      if (!p.ok) return { ok: false, res: serviceProblem(c, broadcastError('invalid_cron', [p.reason])) }
      recurrence = p.cron
    }
  }
  // The zod schema checked the envelope; line/limits.ts (in the service) checks LINE's limits.
  const messages = body.messages as unknown as LineMessage[]
  return {
    ok: true,
    input: {
      title: body.title,
      template: messages.some((m) => m.type === 'flex') ? 'flex' : 'text',
      messages,
      audience: body.audience,
      measure: body.measure ?? null,
      runAt,
      recurrence,
      timeZone,
    },
  }
}

/** The run, only when it belongs to this broadcast of the caller's organization. */
async function ownRun(c: ApiContext, id: string, runId: string) {
  const run = await findRun(c.var.deps.db, runId)
  return run && run.org_id === c.var.caller.orgId && run.broadcast_id === id ? run : null
}

export function broadcastRoutes(api: Hono<ApiEnv>): void {
  api.get('/broadcasts', async (c) => {
    const { db } = c.var.deps
    const rows = await listBroadcasts(db, c.var.caller.orgId)
    const items = []
    for (const b of rows) items.push(await broadcastView(db, b))
    return c.json({ items })
  })

  api.post('/broadcasts', async (c) => {
    const body = await parseBody(c, CreateBroadcastSchema)
    if (!body.ok) return body.res
    const { db, clock } = c.var.deps
    const caller = c.var.caller
    const now = clock.now()
    const draft = toInput(c, body.value, now)
    if (!draft.ok) return draft.res
    // The draft and its audit entry commit together or not at all.
    const made = await db.transaction().execute(async (trx) => {
      const measures = c.var.deps.flows.measures.map((m) => m.id)
      const r = await createDraft({ db: trx, clock, measures }, caller.orgId, caller.actor, draft.input)
      if (r.ok) await auditApi(trx, now, caller, 'api.broadcast.created', r.value.id, r.value.title)
      return r
    })
    if (!made.ok) return serviceProblem(c, made.error)
    return c.json(await broadcastView(db, made.value), 201)
  })

  api.get('/broadcasts/:id', async (c) => {
    const p = parseParams(c, IdParams)
    if (!p.ok) return p.res
    const b = await findBroadcast(c.var.deps.db, c.var.caller.orgId, p.value.id)
    return b ? c.json(await broadcastView(c.var.deps.db, b, true)) : notFound(c)
  })

  api.post('/broadcasts/:id/schedule', async (c) => {
    const p = parseParams(c, IdParams)
    if (!p.ok) return p.res
    const { db, clock } = c.var.deps
    const caller = c.var.caller
    const r = await db.transaction().execute(async (trx) => {
      const s = await scheduleBroadcast({ db: trx, clock }, caller.orgId, p.value.id)
      if (s.ok) await auditApi(trx, clock.now(), caller, 'api.broadcast.scheduled', s.value.id)
      return s
    })
    return r.ok ? c.json(await broadcastView(db, r.value)) : serviceProblem(c, r.error)
  })

  api.post('/broadcasts/:id/cancel', async (c) => {
    const p = parseParams(c, IdParams)
    if (!p.ok) return p.res
    const { db, clock } = c.var.deps
    // cancelBroadcast runs its own locking transaction, so the audit entry follows its commit.
    const r = await cancelBroadcast({ db, clock }, c.var.caller.orgId, p.value.id)
    if (!r.ok) return serviceProblem(c, r.error)
    await auditApi(db, clock.now(), c.var.caller, 'api.broadcast.cancelled', r.value.id)
    return c.json(await broadcastView(db, r.value))
  })

  api.get('/broadcasts/:id/runs/:runId/deliveries', async (c) => {
    const p = parseParams(c, RunParams)
    if (!p.ok) return p.res
    const run = await ownRun(c, p.value.id, p.value.runId)
    if (!run) return notFound(c)
    const { db } = c.var.deps
    return c.json({ run: await runView(db, run), deliveries: await deliveryViews(db, run.org_id, run.id) })
  })

  api.post('/broadcasts/:id/runs/:runId/retry', async (c) => {
    const p = parseParams(c, RunParams)
    if (!p.ok) return p.res
    if (!(await ownRun(c, p.value.id, p.value.runId))) return notFound(c)
    const { db, clock } = c.var.deps
    const r = await retryFailedRecipients({ db, clock }, c.var.caller.orgId, p.value.runId)
    if (!r.ok) return serviceProblem(c, r.error)
    await auditApi(
      db,
      clock.now(),
      c.var.caller,
      'api.run.retried',
      r.value.runId,
      `${r.value.reset} recipients`,
    )
    return c.json(r.value)
  })
}
