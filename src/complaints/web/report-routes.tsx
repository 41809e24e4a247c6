import { Hono } from 'hono'
import { errorFields } from '../../core/logger.js'
import type { MultipartLimit } from '../../core/multipart.js'
import { systemRandom } from '../../core/receipt.js'
import { sealFiles } from '../drafts.js'
import { drawReceipt } from '../filings.js'
import { evidenceField, type FieldErrors, FORM_ID, type Values, validateReport, webFields } from './fields.js'
import { filesOf, sanitizeFiles } from './files.js'
import { reportBodyGuard } from './guard.js'
import {
  FORM_LIMITS,
  field,
  html,
  parseForm,
  readFormCookie,
  sameOrigin,
  type WebContext,
  type WebEnv,
} from './http.js'
import { count, evidenceLimits, formToken, limitsOf, orgOf, pageOf, writeWith } from './page-kit.js'
import { FiledPage } from './pages/filed.js'
import { backToForm } from './pages/layout.js'
import { MessagePage } from './pages/message.js'
import { ReportPage } from './pages/report.js'
import { fileWebReport } from './service.js'
import { checkFormToken } from './tokens.js'

// GET /report shows the form; POST /report checks everything, then files the complaint and
// its evidence in one transaction and shows the code and secret once.

/** The promise in the web's own words (flows: no chat commands, no LINE id), in the page's language. */
function promiseText(c: WebContext): string {
  const { flows, config } = c.var.deps
  const vars = {
    ackDays: String(config.env.COMPLAINT_ACK_DAYS),
    feedbackDays: String(config.env.COMPLAINT_FEEDBACK_DAYS),
    draftMinutes: String(config.env.COMPLAINT_DRAFT_TTL_MINUTES),
  }
  return flows
    .render('complaint.promise.web', vars, { lang: c.var.lang })
    .map((m) => (m.type === 'text' ? m.text : ''))
    .filter(Boolean)
    .join('\n')
}

type Status = 200 | 422 | 500 | 503
async function showForm(
  c: WebContext,
  extra: {
    values?: Values
    errors?: FieldErrors
    problems?: string[]
    banner?: string
    filesChosen?: boolean
  } = {},
  status: Status = 200,
) {
  const p = pageOf(c)
  const def = c.var.deps.flows.forms.get(FORM_ID)
  if (!def) return notFound(c)
  const token = await formToken(c)
  const props = { p, def, promise: promiseText(c), token, limits: limitsOf(c, FORM_ID), ...extra }
  return html(c, ReportPage(props), status)
}

export function notFound(c: WebContext) {
  const p = pageOf(c)
  const back = { href: p.base, label: p.t('backToForm') }
  return html(c, MessagePage({ p, title: '404', message: p.t('notFound'), id: 'not-found', back }), 404)
}

/** `page` is the form to go back to, under the organization's base path. */
export function refuse(c: WebContext, page: '' | '/follow') {
  const p = pageOf(c)
  count(c, 'csrf')
  const back = backToForm(p, page)
  return html(c, MessagePage({ p, title: '403', message: p.t('csrf'), id: 'csrf', back }), 403)
}

/** A body that could not be read as a form: 400, naming the limit it crossed; nothing stored. */
export function unreadable(c: WebContext, page: '' | '/follow', read: { limit: MultipartLimit | null }) {
  const p = pageOf(c)
  count(c, 'unreadable')
  const kb = (bytes: number) => bytes / 1024
  const message =
    read.limit === 'maxParts'
      ? p.t('tooManyParts', { max: FORM_LIMITS.maxParts })
      : read.limit === 'maxHeaderBytes'
        ? p.t('partHeadersTooLarge', { kb: kb(FORM_LIMITS.maxHeaderBytes) })
        : read.limit === 'maxFieldBytes'
          ? p.t('fieldTooLarge', { kb: kb(FORM_LIMITS.maxFieldBytes) })
          : p.t('unreadable')
  const back = backToForm(p, page)
  return html(c, MessagePage({ p, title: '400', message, id: 'unreadable', back }), 400)
}

export function reportRoutes() {
  const app = new Hono<WebEnv>()
  app.get('/', (c) => showForm(c))

  app.post('/', reportBodyGuard(''), async (c) => {
    const { deps } = c.var
    const def = deps.flows.forms.get(FORM_ID)
    if (!def) return notFound(c)
    const read = await parseForm(c)
    if (!read.ok) return unreadable(c, '', read)
    const { body } = read
    const now = deps.clock.now()
    const check = await checkFormToken(deps.keyring, field(body, '_csrf'), readFormCookie(c), now)
    if (!sameOrigin(c) || check === 'invalid') return refuse(c, '')
    const p = pageOf(c)
    const values: Record<string, string> = {}
    for (const f of webFields(def)) if (f.type !== 'attachments') values[f.id] = field(body, f.id)
    const evidence = evidenceField(def)
    const chosen = filesOf(evidence ? body[evidence.id] : undefined)
    // Said only when the post carried files: a browser never fills a file input back in.
    const filesChosen = chosen.length > 0
    if (check === 'expired') return showForm(c, { values, banner: p.t('formExpired'), filesChosen }, 422)

    const checked = validateReport(def, values, p.t, p.lang)
    const files = await sanitizeFiles(
      chosen,
      evidence?.max ?? 0,
      (bytes, hint, limits) => deps.evidence.clean(bytes, hint, limits),
      evidenceLimits(c),
      p.t,
      p.lang,
    )
    if (!checked.ok || !files.ok) {
      count(c, files.ok ? 'invalid' : 'file_refused')
      const errors = checked.ok ? {} : checked.errors
      return showForm(c, { values, errors, problems: files.ok ? [] : files.errors, filesChosen }, 422)
    }
    const { timeZone } = deps.config
    const d = {
      keyring: deps.keyring,
      timeZone,
      now,
      random: systemRandom,
    }
    // Sealed and hashed before the transaction opens (complaints/filings.ts).
    const file = async () => {
      const [sealed, receipt] = await Promise.all([
        sealFiles(deps.keyring, files.files),
        drawReceipt(deps.keyring, systemRandom),
      ])
      return writeWith(c, sealed, () =>
        deps.db
          .transaction()
          .execute((trx) => fileWebReport(trx, { ...d, receipt }, orgOf(c), checked.input, sealed)),
      )
    }
    const filed = await file().catch((err: unknown) => {
      deps.log.error('complaint.web_failed', errorFields(err))
      return null
    })
    if (!filed) {
      count(c, 'failed')
      return showForm(c, { values, banner: p.t('failed'), filesChosen }, 500)
    }
    if (!filed.ok) {
      count(c, 'busy')
      c.header('Retry-After', '30')
      return showForm(c, { values, banner: p.t('busy'), filesChosen }, 503)
    }
    // No log line for a filing: its timestamp would date it to the second (README, A3).
    return html(
      c,
      FiledPage({
        p,
        code: filed.value.code,
        secret: filed.value.secret,
        evidence: files.files.length,
        entryTime: deps.config.env.COMPLAINT_ENTRY_TIME,
      }),
    )
  })
  return app
}
