import { Hono } from 'hono'
import type { AdminContext, AdminEnv } from '../app-env.js'
import { consoleCsp, view } from '../console/http.js'
import { MessagePage } from '../console/message-page.js'
import { html } from '../console/respond.js'
import type { Role, Session } from '../console/session.js'
import { fiscalYearOf } from '../core/time/index.js'
import { rendererCss, renderMessages } from '../simulator/render.js'
import { defaultFields, readUploadFields, uploadedFile, yearsOffered } from './form.js'
import { budgetWords } from './i18n.js'
import { importBudgetFile, tooLarge } from './import.js'
import { type UploadFields, UploadPage } from './pages-upload.js'
import { VersionListPage, VersionPage } from './pages-versions.js'
import { allLabels } from './repository.js'
import { cardMessages, findVersion, listVersions, summaryOf, versionRows } from './service.js'
import type { Issue } from './types.js'
import { recordUpload } from './upload.js'

// The budget console at /admin/budget: upload (owner, broadcaster), versions and a version's
// summary with its card as LINE shows it (auditors too). Every query is scoped by the session's
// organization; the session and CSRF checks run before these routes (src/admin/routes.tsx).

const UPLOADERS: readonly Role[] = ['owner', 'broadcaster']
const READERS: readonly Role[] = ['owner', 'broadcaster', 'auditor']
const ROW_LIMIT = 500

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

async function uploadPage(
  c: AdminContext,
  s: Session,
  fields: UploadFields,
  extra: { message?: string; issues?: Issue[] } = {},
) {
  const { db, clock, config } = c.var.deps
  const page = UploadPage({
    v: view(c),
    fields,
    years: yearsOffered(clock.now(), config.timeZone),
    labels: await allLabels(db, s.admin.orgId),
    maxBytes: config.env.BUDGET_MAX_UPLOAD_BYTES,
    ...extra,
  })
  return html(c, page, extra.message || extra.issues ? 422 : 200)
}

/** PostgreSQL's unique_violation: another upload took this version number first. */
const isUniqueViolation = (err: unknown) =>
  typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === '23505'

export function budgetRoutes() {
  const app = new Hono<AdminEnv>()

  app.get('/budget', async (c) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const versions = await listVersions(c.var.deps.db, s.admin.orgId)
    return html(c, VersionListPage({ v: view(c), versions, canUpload: UPLOADERS.includes(s.admin.role) }))
  })

  app.get('/budget/upload', async (c) => {
    const s = gate(c, UPLOADERS)
    if (s instanceof Response) return s
    const { clock, config } = c.var.deps
    return uploadPage(c, s, defaultFields(clock.now(), config.timeZone))
  })

  app.post('/budget/upload', async (c) => {
    const s = gate(c, UPLOADERS)
    if (s instanceof Response) return s
    const { db, clock, config, flows } = c.var.deps
    const b = budgetWords(c.var.lang)
    const now = clock.now()
    const body = await c.req.parseBody({ all: true })
    const read = readUploadFields(body, now, config.timeZone)
    const file = uploadedFile(body)
    if (!read.ok) return uploadPage(c, s, read.fields, { message: b('invalidForm') })
    if (!file || (file.size === 0 && file.name === ''))
      return uploadPage(c, s, read.fields, { message: b('noFile') })
    const max = config.env.BUDGET_MAX_UPLOAD_BYTES
    // The file's declared size before its bytes are read.
    if (file.size > max) return uploadPage(c, s, read.fields, { issues: [tooLarge(file.size, max)] })
    const bytes = new Uint8Array(await file.arrayBuffer())
    const result = await importBudgetFile(bytes, file.name, {
      maxBytes: max,
      fiscalYear: read.fields.fiscalYear,
      latestFiscalYear: fiscalYearOf(now, config.timeZone) + 1,
    })
    if (!result.ok) return uploadPage(c, s, read.fields, { issues: result.issues })
    try {
      const done = await db.transaction().execute((trx) =>
        recordUpload(
          { db: trx, clock, flows, timeZone: config.timeZone },
          {
            session: s,
            fileName: file.name,
            bytes,
            fields: read.fields,
            fileType: result.fileType,
            rows: result.rows,
          },
        ),
      )
      return c.redirect(`/admin/budget/versions/${done.version.id}?m=m_${done.monthly}`, 303)
    } catch (err) {
      if (!isUniqueViolation(err)) throw err
      return uploadPage(c, s, read.fields, { message: b('busy') })
    }
  })

  app.get('/budget/versions/:id', async (c) => {
    const s = gate(c, READERS)
    if (s instanceof Response) return s
    const { db, flows } = c.var.deps
    const version = await findVersion(db, s.admin.orgId, c.req.param('id'))
    if (!version) return notFound(c)
    const rows = await versionRows(db, version.id)
    const summary = summaryOf(version, rows)
    if (!summary) return notFound(c)
    const unit = c.req.query('unit') ?? null
    const card = (unit !== null ? summaryOf(version, rows, unit) : null) ?? summary
    // The card preview draws with inline style attributes (sanitized by the renderer): allow those only.
    c.header('Content-Security-Policy', consoleCsp(c.var.nonce, { preview: true }))
    const m = c.req.query('m') ?? ''
    const b = budgetWords(c.var.lang)
    const page = VersionPage({
      v: view(c),
      version,
      summary,
      rows,
      rowLimit: ROW_LIMIT,
      units: summary.lines.map((l) => l.name),
      unit: card.scope.kind === 'unit' ? card.scope.unit : null,
      preview: renderMessages(cardMessages(flows, card)),
      previewCss: rendererCss,
      ...(budgetWords.has(m) ? { message: `${b('uploadedOk')} ${b(m)}` } : {}),
    })
    return html(c, page)
  })

  return app
}
