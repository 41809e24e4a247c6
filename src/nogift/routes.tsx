import { Hono } from 'hono'
import type { AdminContext, AdminEnv } from '../app-env.js'
import { audit } from '../audit/service.js'
import { view } from '../console/http.js'
import { gate, html, notFound } from '../console/respond.js'
import type { Role } from '../console/session.js'
import { type Lang, pick } from '../core/lang.js'
import { fiscalYearOfDay, localDay } from '../core/time/index.js'
import type { Flows } from '../flows/types.js'
import { GiftPage, GiftRegisterPage, type Labels } from './pages.js'
import { giftRegister, openGift } from './register.js'
import { markReviewed } from './repository.js'

// /admin/gifts: the No Gift Policy register. The officers who run the policy (owner,
// complaint officer) open reports, each read audited; auditors see the list and the totals.
const LISTERS: readonly Role[] = ['owner', 'complaint_officer', 'auditor']
const READERS: readonly Role[] = ['owner', 'complaint_officer']

function labelsFrom(flows: Flows, lang: Lang): Labels {
  const fields = flows.forms.get('nogift.report')?.fields ?? []
  const of = (id: string) => (value: string) => {
    const field = fields.find((f) => f.id === id)
    const label =
      (field?.type === 'choice' ? field.choices.find((c) => c.value === value)?.label : undefined) ?? value
    return typeof label === 'string' ? label : pick(label, lang)
  }
  return { giver: of('giverType'), handling: of('handling') }
}

const currentFy = (c: AdminContext) =>
  fiscalYearOfDay(localDay(c.var.deps.clock.now(), c.var.deps.config.timeZone))

export function giftRoutes() {
  const app = new Hono<AdminEnv>()

  app.get('/gifts', async (c) => {
    const s = gate(c, LISTERS)
    if (s instanceof Response) return s
    const now = currentFy(c)
    const asked = Number(c.req.query('fy'))
    const fy = Number.isInteger(asked) && asked >= 2560 && asked <= now + 1 ? asked : now
    const gifts = await giftRegister(c.var.deps.db, s.admin.orgId, fy)
    const years = Array.from({ length: 5 }, (_, i) => now - i)
    return html(
      c,
      GiftRegisterPage({ v: view(c), fy, years, gifts, labels: labelsFrom(c.var.deps.flows, c.var.lang) }),
    )
  })

  const show = async (c: AdminContext, id: string, message?: string) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const { db, keyring, clock, flows } = c.var.deps
    const opened = await openGift(db, keyring, s.admin.orgId, id)
    if (!opened) return notFound(c)
    await audit(db, clock.now(), {
      orgId: s.admin.orgId,
      actorId: s.admin.id,
      actorEmail: s.admin.email,
      action: 'gift.viewed',
      target: opened.gift.reference,
    })
    const page = GiftPage({
      v: view(c),
      gift: opened.gift,
      details: opened.details,
      labels: labelsFrom(flows, c.var.lang),
      canReview: true,
      ...(message ? { message } : {}),
    })
    return html(c, page)
  }

  app.get('/gifts/:id', (c) => show(c, c.req.param('id')))

  app.post('/gifts/:id/reviewed', async (c) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const { db, clock } = c.var.deps
    const id = c.req.param('id')
    const done = await db.transaction().execute(async (trx) => {
      const ok = await markReviewed(trx, s.admin.orgId, id, s.admin.email, clock.now())
      if (ok) {
        await audit(trx, clock.now(), {
          orgId: s.admin.orgId,
          actorId: s.admin.id,
          actorEmail: s.admin.email,
          action: 'gift.reviewed',
          target: id,
        })
      }
      return ok
    })
    if (!done) return notFound(c)
    return c.redirect(`/admin/gifts/${id}`, 303)
  })

  return app
}
