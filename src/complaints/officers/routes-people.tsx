import { Hono } from 'hono'
import type { AdminContext, AdminEnv } from '../../app-env.js'
import { form, view } from '../../console/http.js'
import { MessagePage } from '../../console/message-page.js'
import { html } from '../../console/respond.js'
import type { Session } from '../../console/session.js'
import { fromUtf8 } from '../../core/bytes.js'
import type { CaseRow } from './cases.js'
import { excludeOfficer } from './exclusions.js'
import { backToCase, officerGate, onCase, record, unreachable } from './http.js'
import { officerWords } from './i18n.js'
import { peopleWords, tenureText } from './i18n-people.js'
import { pushNews } from './notify.js'
import { IdentityPage } from './pages-people.js'
import { decideReveal, openIdentity, requestReveal } from './reveal.js'
import { markComplainantTold } from './reveal-repository.js'
import { show } from './routes.js'

// Conflict of interest and identity reveal: each step audited, each refusal a clear message.

/**
 * Tells a complainant who asked for LINE notices that their identity is about to be seen, then
 * records that they were told. A passing failure (LINE busy) leaves it untold: the identity
 * stays hidden and the next attempt sends again under the same retry key.
 */
async function tell(c: AdminContext, s: Session, row: CaseRow, requestId: string, notifyTo: string | null) {
  const { db, flows, log, lines, clock } = c.var.deps
  if (notifyTo) {
    const sent = await pushNews({ flows, log, languages: c.var.deps.languages }, await lines(s.admin.orgId), {
      orgId: s.admin.orgId,
      code: row.code,
      to: notifyTo,
      key: `reveal:${requestId}`,
    })
    if (sent && sent.kind !== 'accepted' && sent.kind !== 'rejected') return false
  }
  await markComplainantTold(db, requestId, clock.now())
  return true
}

export function officerPeopleRoutes() {
  const app = new Hono<AdminEnv>()

  app.post('/complaints/:id/exclusions', async (c) => {
    const s = officerGate(c)
    if (s instanceof Response) return s
    const f = await form(c)
    const id = c.req.param('id')
    const now = c.var.deps.clock.now()
    const r = await onCase(c, s, id, async (trx, row) => {
      const done = await excludeOfficer(trx, row, f('admin'), { id: s.admin.id, now })
      if (done.ok)
        await record(trx, s, now, {
          action: 'complaint.officer_excluded',
          target: row.code,
          detail: done.email,
        })
      return done
    })
    if (r.kind !== 'done') return unreachable(c, r)
    if (!r.value.ok)
      return show(c, s, id, { message: peopleWords(view(c).lang)(r.value.reason), error: true })
    // Excluding oneself ends one's access at once.
    if (f('admin') === s.admin.id) return c.redirect('/admin/complaints', 303)
    return backToCase(c, id, 'excluded')
  })

  app.post('/complaints/:id/reveal', async (c) => {
    const s = officerGate(c)
    if (s instanceof Response) return s
    const f = await form(c)
    const id = c.req.param('id')
    const { clock, config } = c.var.deps
    const by = { id: s.admin.id, now: clock.now(), timeZone: config.timeZone }
    const r = await onCase(c, s, id, async (trx, row) => {
      const done = await requestReveal(trx, row, f('reason'), by)
      if (done.ok)
        await record(trx, s, by.now, {
          action: 'complaint.reveal_requested',
          target: row.code,
          detail: done.id,
        })
      return done
    })
    if (r.kind !== 'done') return unreachable(c, r)
    if (!r.value.ok) {
      const v = view(c)
      const why = r.value.reason
      return show(c, s, id, {
        message: why === 'stub' ? officerWords(v.lang)('stub') : peopleWords(v.lang)(why),
        error: true,
      })
    }
    return backToCase(c, id, 'requested')
  })

  app.post('/complaints/:id/reveal/:rid', async (c) => {
    const s = officerGate(c)
    if (s instanceof Response) return s
    const f = await form(c)
    const id = c.req.param('id')
    const rid = c.req.param('rid')
    const { clock, config, keyring } = c.var.deps
    const by = { id: s.admin.id, now: clock.now(), timeZone: config.timeZone }
    const approve = f('decision') === 'approve'
    const r = await onCase(c, s, id, async (trx, row, standing) => {
      const done = await decideReveal(trx, keyring, row, rid, approve, by, standing)
      if (done.ok) {
        const action = done.status === 'approved' ? 'complaint.reveal_approved' : 'complaint.reveal_rejected'
        await record(trx, s, by.now, { action, target: row.code, detail: rid })
      }
      return { row, done }
    })
    if (r.kind !== 'done') return unreachable(c, r)
    const { row, done } = r.value
    if (!done.ok) {
      if (done.reason === 'not_found') return unreachable(c, { kind: 'not_found' })
      const v = view(c)
      const days = config.env.COMPLAINT_OFFICER_TENURE_DAYS
      const message =
        done.reason === 'too_new'
          ? tenureText(v, 'approve', done.from, days)
          : done.reason === 'stub'
            ? officerWords(v.lang)('stub')
            : peopleWords(v.lang)(done.reason)
      return show(c, s, id, { message, error: true })
    }
    if (done.status === 'rejected') return backToCase(c, id, 'rejectedDone')
    const told = await tell(c, s, row, rid, done.notifyTo)
    return backToCase(c, id, 'approvedTold', told ? null : 'failed')
  })

  app.get('/complaints/:id/identity', async (c) => {
    const s = officerGate(c)
    if (s instanceof Response) return s
    const id = c.req.param('id')
    const { keyring, clock } = c.var.deps
    const attempt = () =>
      onCase(c, s, id, async (trx, row) => {
        const opened = await openIdentity(trx, keyring, row, s.admin.id)
        if (opened.ok)
          await record(trx, s, clock.now(), {
            action: 'complaint.identity_viewed',
            target: row.code,
            detail: opened.requestId,
          })
        return { row, opened }
      })
    let r = await attempt()
    if (r.kind === 'done' && !r.value.opened.ok && r.value.opened.reason === 'not_told') {
      const { row, opened } = r.value
      const notifyTo = row.notify_to ? fromUtf8(await keyring.open(row.key_id, row.notify_to)) : null
      if (await tell(c, s, row, opened.requestId, notifyTo)) r = await attempt()
    }
    if (r.kind !== 'done') return unreachable(c, r)
    const { row, opened } = r.value
    if (!opened.ok) {
      const v = view(c)
      const status = opened.reason === 'not_told' ? 422 : 403
      return html(
        c,
        MessagePage({ v, title: String(status), message: peopleWords(v.lang)(opened.reason) }),
        status,
      )
    }
    return html(c, IdentityPage({ v: view(c), code: row.code, caseId: row.id, identity: opened.identity }))
  })

  return app
}
