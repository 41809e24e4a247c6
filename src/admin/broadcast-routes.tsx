import { Hono } from 'hono'
import { saveAudience } from '../broadcasts/audiences.js'
import { listDeliveries } from '../broadcasts/deliveries.js'
import type { BroadcastError, Result } from '../broadcasts/errors.js'
import { cancelBroadcast, retryFailedRecipients } from '../broadcasts/lifecycle.js'
import { estimateQuota } from '../broadcasts/quota.js'
import {
  chatNames,
  findBroadcast,
  findRun,
  listAudiences,
  listBroadcasts,
  listRuns,
} from '../broadcasts/repository.js'
import { createDraft, scheduleBroadcast, updateBroadcast } from '../broadcasts/service.js'
import { ALL_FOLLOWERS, type BroadcastRow } from '../broadcasts/tables.js'
import type { Quota } from '../line/port.js'
import { rendererCss, renderMessages } from '../simulator/render.js'
import * as bf from './broadcast-form.js'
import { type AdminContext, type AdminEnv, view } from './http.js'
import { MessagePage } from './pages/auth.js'
import { ComposePage } from './pages/broadcast-compose.js'
import { BroadcastListPage, BroadcastPage, DeliveriesPage } from './pages/broadcasts.js'
import { appendAudit } from './repository.js'
import type { Session } from './service.js'
import type { Role } from './tables.js'

type Status = 200 | 403 | 404 | 422
const html = (c: AdminContext, node: unknown, status: Status = 200) =>
  c.html(`<!doctype html>${String(node)}`, status)
const COMPOSERS: readonly Role[] = ['owner', 'broadcaster']
const READERS: readonly Role[] = ['owner', 'broadcaster', 'auditor']
/** AppDeps has no LINE resolver yet: without one the estimate shows recipients and cost only. */
export type QuotaSource = (orgId: string) => Promise<Quota | null>
const UNKNOWN: Quota = { type: 'none', limit: null, used: 0 }

function gate(c: AdminContext, roles: readonly Role[]): Session | Response {
  const s = c.var.session
  // The session middleware in routes.tsx guarantees a session; reaching here without one is a bug.
  if (!s) throw new Error('admin route without a session')
  if (roles.includes(s.admin.role)) return s
  const v = view(c)
  return html(c, MessagePage({ v, title: '403', message: v.t('forbidden') }), 403)
}
function notFound(c: AdminContext) {
  const v = view(c)
  return html(c, MessagePage({ v, title: '404', message: v.t('notFound') }), 404)
}
const audit = (
  c: AdminContext,
  s: Session,
  action: string,
  b: { title: string },
  detail: string | null = null,
) =>
  appendAudit(c.var.deps.db, {
    org_id: s.admin.orgId,
    at: c.var.deps.clock.now(),
    actor_id: s.admin.id,
    actor_email: s.admin.email,
    action,
    target: b.title,
    detail,
  })

/** Thrown inside a compose transaction so a labels audience saved for a refused draft rolls back. */
class Refused extends Error {
  constructor(readonly error: BroadcastError) {
    super(error.code)
  }
}

/** LINE's quota through the organization's own channel; unknown when it has none or LINE fails. */
const lineQuota =
  (c: AdminContext): QuotaSource =>
  async (orgId) => {
    const line = await c.var.deps.lines(orgId)
    return line ? line.getQuota().catch(() => null) : null
  }

/** `quotaFor` replaces LINE's own figures (tests); by default they are asked of LINE. */
export function broadcastRoutes(quotaFor?: QuotaSource) {
  const app = new Hono<AdminEnv>()
  const orgOf = (s: Session) => s.admin.orgId
  const names = async (c: AdminContext, s: Session) => {
    const v = view(c)
    const m = new Map((await listAudiences(c.var.deps.db, orgOf(s))).map((a) => [a.id, a.name]))
    return (id: string) => (id === ALL_FOLLOWERS ? v.t('aAll') : (m.get(id) ?? '—'))
  }
  const labels = async (c: AdminContext, s: Session) => {
    const rows = await c.var.deps.db
      .selectFrom('group_labels')
      .select('label')
      .distinct()
      .where('org_id', '=', orgOf(s))
      .orderBy('label')
      .execute()
    return rows.map((r) => r.label)
  }
  const compose = async (
    c: AdminContext,
    s: Session,
    action: string,
    fields: bf.ComposeFields,
    err?: { message: string; problems?: string[] },
  ) =>
    html(
      c,
      ComposePage({
        v: view(c),
        action,
        fields,
        audiences: await listAudiences(c.var.deps.db, orgOf(s)),
        labels: await labels(c, s),
        ...err,
      }),
      err ? 422 : 200,
    )
  const detail = async (
    c: AdminContext,
    s: Session,
    b: BroadcastRow,
    msg: { message?: string; error?: boolean; problems?: string[] } = {},
    status: Status = 200,
  ) => {
    const { db } = c.var.deps
    const q = await (quotaFor ?? lineQuota(c))(orgOf(s))
    const quota = await estimateQuota(db, async () => q ?? UNKNOWN, orgOf(s), b.audience)
    // Flex previews draw with inline style attributes (sanitized by the renderer): allow those only.
    c.header(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'none'; style-src 'nonce-${c.var.nonce}'; style-src-attr 'unsafe-inline'; img-src 'self' data: https:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    )
    const page = BroadcastPage({
      v: view(c),
      b,
      audienceName: (await names(c, s))(b.audience),
      preview: renderMessages(b.messages),
      previewCss: rendererCss,
      quota,
      quotaKnown: q !== null,
      runs: await listRuns(db, orgOf(s), b.id),
      canCompose: COMPOSERS.includes(s.admin.role),
      ...msg,
    })
    return html(c, page, status)
  }

  /** Reads the form into service input; a labels audience is saved in the same transaction. */
  const save = async (c: AdminContext, s: Session, id: string | null) => {
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
    const content = bf.toMessages(fields)
    const when = bf.toSchedule(fields, clock.now(), config.timeZone)
    for (const p of [content, when])
      if (bf.isProblem(p)) return compose(c, s, action, fields, { message: v.t(p.key), problems: [p.detail] })
    if (bf.isProblem(content) || bf.isProblem(when)) return compose(c, s, action, fields)
    const audience =
      fields.audienceKind === 'all'
        ? ALL_FOLLOWERS
        : fields.audienceKind === 'labels'
          ? fields.labels.length
            ? await bf.labelsAudienceId(orgOf(s), fields.labels)
            : ''
          : fields.audience
    const input = {
      title: fields.title,
      ...content,
      audience,
      runAt: when.runAt,
      recurrence: when.recurrence,
      timeZone: config.timeZone,
    }
    try {
      const row = await db.transaction().execute(async (trx) => {
        if (fields.audienceKind === 'labels' && audience !== '') {
          await saveAudience(
            trx,
            orgOf(s),
            audience,
            fields.labels.join(', '),
            fields.labels.map((value) => ({ kind: 'label' as const, value })),
            clock.now(),
          )
        }
        const deps = { db: trx, clock }
        const r: Result<BroadcastRow> = id
          ? await updateBroadcast(deps, orgOf(s), id, input)
          : await createDraft(deps, orgOf(s), s.admin.id, input)
        if (!r.ok) throw new Refused(r.error)
        return r.value
      })
      await audit(c, s, id ? 'broadcast.updated' : 'broadcast.created', row)
      return c.redirect(`/admin/broadcasts/${row.id}`, 303)
    } catch (err) {
      if (!(err instanceof Refused)) throw err
      if (err.error.code === 'not_found') return notFound(c)
      return compose(c, s, action, fields, {
        message: v.lang === 'en' ? err.error.en : err.error.th,
        problems: err.error.problems,
      })
    }
  }

  app.get('/broadcasts', async (c) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const rows = await listBroadcasts(c.var.deps.db, orgOf(s))
    return html(
      c,
      BroadcastListPage({
        v: view(c),
        rows,
        audienceName: await names(c, s),
        canCompose: COMPOSERS.includes(s.admin.role),
      }),
    )
  })
  app.get('/broadcasts/new', async (c) => {
    const s = gate(c, COMPOSERS)
    if (s instanceof Response) return s
    const at = bf.wallClockIn(c.var.deps.config.timeZone)(c.var.deps.clock.now())
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
    return b ? detail(c, s, b) : notFound(c)
  })
  app.get('/broadcasts/:id/edit', async (c) => {
    const s = gate(c, COMPOSERS)
    if (s instanceof Response) return s
    const b = await findBroadcast(c.var.deps.db, orgOf(s), c.req.param('id'))
    if (!b) return notFound(c)
    return compose(c, s, `/admin/broadcasts/${b.id}`, bf.fieldsOf(b, bf.wallClockIn(b.time_zone)))
  })
  app.post('/broadcasts/:id', async (c) => {
    const s = gate(c, COMPOSERS)
    return s instanceof Response ? s : save(c, s, c.req.param('id'))
  })

  /** Schedule, send now and cancel: one service call, audited, then the detail page again. */
  const act = (name: 'schedule' | 'send-now' | 'cancel') =>
    app.post(`/broadcasts/:id/${name}`, async (c) => {
      const s = gate(c, COMPOSERS)
      if (s instanceof Response) return s
      const deps = { db: c.var.deps.db, clock: c.var.deps.clock }
      const id = c.req.param('id')
      const current = await findBroadcast(deps.db, orgOf(s), id)
      if (!current) return notFound(c)
      const v = view(c)
      const q = await (quotaFor ?? lineQuota(c))(orgOf(s))
      if (
        name !== 'cancel' &&
        q &&
        (await estimateQuota(deps.db, async () => q, orgOf(s), current.audience)).level === 'block'
      ) {
        return detail(c, s, current, { message: v.t('quotaBlock'), error: true }, 422)
      }
      if (name === 'send-now' && current.status === 'draft') {
        const moved = await updateBroadcast(deps, orgOf(s), id, { runAt: deps.clock.now() })
        if (!moved.ok)
          return detail(
            c,
            s,
            current,
            { message: v.lang === 'en' ? moved.error.en : moved.error.th, error: true },
            422,
          )
      }
      const r =
        name === 'cancel'
          ? await cancelBroadcast(deps, orgOf(s), id)
          : await scheduleBroadcast(deps, orgOf(s), id)
      if (!r.ok) {
        const now = (await findBroadcast(deps.db, orgOf(s), id)) ?? current
        return detail(
          c,
          s,
          now,
          { message: v.lang === 'en' ? r.error.en : r.error.th, error: true, problems: r.error.problems },
          422,
        )
      }
      await audit(c, s, name === 'cancel' ? 'broadcast.cancelled' : 'broadcast.scheduled', r.value)
      return detail(c, s, r.value, { message: v.t(name === 'cancel' ? 'cancelledOk' : 'scheduledOk') })
    })
  act('schedule')
  act('send-now')
  act('cancel')

  const runPage = async (
    c: AdminContext,
    s: Session,
    msg: { message?: string; error?: boolean } = {},
    status: Status = 200,
  ) => {
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
    return html(
      c,
      DeliveriesPage({ v, b, run, rows, canRetry: COMPOSERS.includes(s.admin.role), ...msg }),
      status,
    )
  }
  app.get('/broadcasts/:id/runs/:runId', async (c) => {
    const s = gate(c, READERS)
    return s instanceof Response ? s : runPage(c, s)
  })
  app.post('/broadcasts/:id/runs/:runId/retry', async (c) => {
    const s = gate(c, COMPOSERS)
    if (s instanceof Response) return s
    const { db, clock } = c.var.deps
    const b = await findBroadcast(db, orgOf(s), c.req.param('id'))
    if (!b) return notFound(c)
    const r = await retryFailedRecipients({ db, clock }, orgOf(s), c.req.param('runId'))
    const v = view(c)
    if (!r.ok)
      return r.error.code === 'not_found'
        ? notFound(c)
        : runPage(c, s, { message: v.lang === 'en' ? r.error.en : r.error.th, error: true }, 422)
    await audit(c, s, 'broadcast.retried', b, String(r.value.reset))
    return runPage(c, s, { message: v.t('retried') })
  })
  return app
}
