import { Hono } from 'hono'
import type { AdminContext, AdminEnv } from '../app-env.js'
import { audit } from '../audit/service.js'
import { form, view } from '../console/http.js'
import { gate, html, notFound } from '../console/respond.js'
import type { Role, Session } from '../console/session.js'
import { answerQuestion } from './answer.js'
import { QuestionListPage, QuestionPage, questionWords } from './pages.js'
import { listQuestions } from './repository.js'
import { openQuestion } from './service.js'

// /admin/questions: staff questions and concerns about the budget, for the officers who
// answer them (owner, broadcaster). Listing shows no content; opening one is an audited read.
const OFFICERS: readonly Role[] = ['owner', 'broadcaster']

async function show(
  c: AdminContext,
  s: Session,
  id: string,
  extra: { message?: string; error?: boolean; draft?: string } = {},
) {
  const { db, keyring, clock } = c.var.deps
  const q = await openQuestion(db, keyring, s.admin.orgId, id)
  if (!q) return notFound(c)
  await audit(db, clock.now(), {
    orgId: s.admin.orgId,
    actorId: s.admin.id,
    actorEmail: s.admin.email,
    action: 'question.viewed',
    target: q.code,
  })
  return html(c, QuestionPage({ v: view(c), q, ...extra }), extra.error ? 422 : 200)
}

export function questionRoutes() {
  const app = new Hono<AdminEnv>()

  app.get('/questions', async (c) => {
    const s = gate(c, OFFICERS)
    if (s instanceof Response) return s
    const rows = await listQuestions(c.var.deps.db, s.admin.orgId, 'budget')
    return html(c, QuestionListPage({ v: view(c), rows }))
  })

  app.get('/questions/:id', (c) => {
    const s = gate(c, OFFICERS)
    return s instanceof Response ? s : show(c, s, c.req.param('id'))
  })

  app.post('/questions/:id/answer', async (c) => {
    const s = gate(c, OFFICERS)
    if (s instanceof Response) return s
    const f = await form(c)
    const { db, keyring, clock, flows, lines, languages } = c.var.deps
    const id = c.req.param('id')
    const t = questionWords(view(c).lang)
    const line = await lines(s.admin.orgId)
    const now = clock.now()
    const r = await answerQuestion({ db, keyring, flows, languages }, line, {
      orgId: s.admin.orgId,
      id,
      text: f('answer'),
      by: s.admin.email,
      now,
    })
    if (!r.ok) {
      if (r.reason === 'not_found') return notFound(c)
      return show(c, s, id, { message: t(r.reason), error: true, draft: f('answer') })
    }
    await audit(db, now, {
      orgId: s.admin.orgId,
      actorId: s.admin.id,
      actorEmail: s.admin.email,
      action: 'question.answered',
      target: r.code,
      detail: r.delivered ? `line:${r.delivered.kind}` : null,
    })
    const d = r.delivered
    const message = !d ? t('saved') : d.kind === 'accepted' ? t('sent') : `${t('notSent')} (${d.kind})`
    return show(c, s, id, { message, error: d !== null && d.kind !== 'accepted' })
  })

  return app
}
