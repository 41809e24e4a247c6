import { Hono } from 'hono'
import type { AdminContext, AdminEnv } from '../../app-env.js'
import { currentBudgetMessages } from '../../budget/service.js'
import { takeFlash } from '../../console/flash.js'
import { view } from '../../console/http.js'
import { gate, html, notFound } from '../../console/respond.js'
import type { Session } from '../../console/session.js'
import { pick } from '../../core/lang.js'
import { wallClockIn } from '../../core/time/index.js'
import { saveAudience } from '../audiences.js'
import type { BroadcastError, Result } from '../errors.js'
import { findBroadcast, listAudiences, listBroadcasts, listLabels } from '../repository.js'
import { createDraft, labelsAudienceId, updateBroadcast } from '../service.js'
import { ALL_FOLLOWERS, type BroadcastRow } from '../tables.js'
import { audienceNames, renderDetail } from './detail.js'
import * as bf from './form.js'
import {
  auditBroadcast,
  type BroadcastRouteOptions,
  COMPOSERS,
  canCompose,
  errorText,
  orgOf,
  READERS,
} from './http.js'
import { BroadcastListPage } from './pages.js'
import { ComposePage } from './pages-compose.js'

/** Thrown inside a compose transaction so a labels audience saved for a refused draft rolls back. */
class Refused extends Error {
  constructor(readonly error: BroadcastError) {
    super(error.code)
  }
}

async function labelsOf(c: AdminContext, s: Session) {
  return (await listLabels(c.var.deps.db, orgOf(s))).map((r) => r.label)
}

async function compose(
  c: AdminContext,
  s: Session,
  action: string,
  fields: bf.ComposeFields,
  err?: { message: string; problems?: string[] },
) {
  const page = ComposePage({
    v: view(c),
    action,
    fields,
    audiences: await listAudiences(c.var.deps.db, orgOf(s)),
    labels: await labelsOf(c, s),
    measures: c.var.deps.flows.measures.map((m) => ({ id: m.id, name: pick(m.name, view(c).lang) })),
    timeZone: c.var.deps.config.timeZone,
    ...err,
  })
  return html(c, page, err ? 422 : 200)
}

/** Reads the form into service input; a labels audience is saved in the same transaction. */
async function save(c: AdminContext, s: Session, id: string | null) {
  const body = await c.req.parseBody({ all: true })
  const one = (n: string) => {
    const x = body[n]
    return typeof x === 'string' ? x : ''
  }
  const all = (n: string) => {
    const x = body[n]
    return (Array.isArray(x) ? x : [x]).filter((y): y is string => typeof y === 'string')
  }
  const fields = bf.readCompose(one, all)
  const action = id ? `/admin/broadcasts/${id}` : '/admin/broadcasts'
  const { db, clock, config } = c.var.deps
  const v = view(c)
  const budget = fields.content === 'budget' ? await currentBudgetMessages(c.var.deps, orgOf(s)) : null
  // The id is chosen before the row exists: the No Gift reminder's pledge button carries it.
  const broadcastId = id ?? crypto.randomUUID()
  const noGift =
    fields.content === 'nogift'
      ? c.var.deps.flows.render('nogift.reminder', { ref: broadcastId }, { chat: 'group' })
      : null
  const content = bf.toMessages(fields, budget, noGift)
  const when = bf.toSchedule(fields, clock.now(), config.timeZone)
  if (bf.isProblem(content))
    return compose(c, s, action, fields, { message: v.t(content.key), problems: [content.detail] })
  if (bf.isProblem(when))
    return compose(c, s, action, fields, { message: v.t(when.key), problems: [when.detail] })
  const audience =
    fields.audienceKind === 'all'
      ? ALL_FOLLOWERS
      : fields.audienceKind === 'labels'
        ? fields.labels.length
          ? await labelsAudienceId(orgOf(s), fields.labels)
          : ''
        : fields.audience
  const input = {
    title: fields.title,
    ...content,
    audience,
    measure: fields.measure || null,
    runAt: when.runAt,
    recurrence: when.recurrence,
    timeZone: config.timeZone,
  }
  try {
    const row = await db.transaction().execute(async (trx) => {
      if (fields.audienceKind === 'labels' && audience !== '') {
        const members = fields.labels.map((value) => ({ kind: 'label' as const, value }))
        await saveAudience(trx, orgOf(s), audience, fields.labels.join(', '), members, clock.now())
      }
      const measures = c.var.deps.flows.measures.map((m) => m.id)
      const deps = { db: trx, clock, newId: () => broadcastId, measures }
      const r: Result<BroadcastRow> = id
        ? await updateBroadcast(deps, orgOf(s), id, input)
        : await createDraft(deps, orgOf(s), s.admin.id, input)
      if (!r.ok) throw new Refused(r.error)
      return r.value
    })
    await auditBroadcast(c, s, id ? 'broadcast.updated' : 'broadcast.created', row)
    return c.redirect(`/admin/broadcasts/${row.id}`, 303)
  } catch (err) {
    if (!(err instanceof Refused)) throw err
    if (err.error.code === 'not_found') return notFound(c)
    return compose(c, s, action, fields, { message: errorText(v, err.error), problems: err.error.problems })
  }
}

/** The list, the compose and edit forms, and the broadcast page itself. */
export function broadcastComposeRoutes(opts: BroadcastRouteOptions) {
  const app = new Hono<AdminEnv>()
  app.get('/broadcasts', async (c) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const rows = await listBroadcasts(c.var.deps.db, orgOf(s))
    const audienceName = await audienceNames(c, s)
    return html(c, BroadcastListPage({ v: view(c), rows, audienceName, canCompose: canCompose(s) }))
  })
  app.get('/broadcasts/new', async (c) => {
    const s = gate(c, COMPOSERS)
    if (s instanceof Response) return s
    const at = wallClockIn(c.var.deps.config.timeZone)(c.var.deps.clock.now())
    const empty: bf.ComposeFields = {
      title: '',
      content: 'text',
      text: '',
      flex: '',
      audienceKind: 'saved',
      audience: '',
      labels: [],
      mode: 'now',
      date: at.date,
      time: '09:00',
      day: '1',
      cron: '',
      measure: '',
    }
    return compose(c, s, '/admin/broadcasts', empty)
  })
  app.post('/broadcasts', async (c) => {
    const s = gate(c, COMPOSERS)
    return s instanceof Response ? s : save(c, s, null)
  })
  app.get('/broadcasts/:id', async (c) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const b = await findBroadcast(c.var.deps.db, orgOf(s), c.req.param('id'))
    if (!b) return notFound(c)
    // The outcome of the action that redirected here (schedule, cancel, test send), shown once.
    return renderDetail(c, s, b, opts, takeFlash(c, view(c).t) ?? {})
  })
  app.get('/broadcasts/:id/edit', async (c) => {
    const s = gate(c, COMPOSERS)
    if (s instanceof Response) return s
    const b = await findBroadcast(c.var.deps.db, orgOf(s), c.req.param('id'))
    if (!b) return notFound(c)
    return compose(c, s, `/admin/broadcasts/${b.id}`, bf.fieldsOf(b, wallClockIn(b.time_zone)))
  })
  app.post('/broadcasts/:id', async (c) => {
    const s = gate(c, COMPOSERS)
    return s instanceof Response ? s : save(c, s, c.req.param('id'))
  })
  return app
}
