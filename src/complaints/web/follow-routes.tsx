import { Hono } from 'hono'
import { addressOf } from '../../core/client-address.js'
import { errorFields } from '../../core/logger.js'
import { sealFiles } from '../drafts.js'
import { openAsComplainant } from '../follow-access.js'
import type { ComplainantView } from '../service.js'
import { cleanText, evidenceField, fieldName } from './fields.js'
import { filesOf, sanitizeFiles } from './files.js'
import { followFormGuard, reportBodyGuard } from './guard.js'
import {
  ACCESS_MINUTES,
  field,
  html,
  parseForm,
  readFormCookie,
  sameOrigin,
  type WebContext,
  type WebEnv,
} from './http.js'
import { count, evidenceLimits, formToken, limitsOf, orgOf, pageOf, writeWith } from './page-kit.js'
import { CasePage, type CaseProps } from './pages/case.js'
import { FollowPage } from './pages/follow.js'
import { refuse, unreadable } from './report-routes.js'
import { replyAsComplainant, viewCase } from './service.js'
import { checkAccess, checkFormToken, issueAccess } from './tokens.js'

// /report/follow: code and secret (posted, never in a URL) open a case for a few minutes;
// the access token in the page's hidden fields carries that to the next action only.

const FOLLOW = 'complaint.followup'
const REPLY = 'complaint.reply'

async function showFollow(
  c: WebContext,
  extra: { error?: string; code?: string; unsent?: string } = {},
  status: 200 | 401 | 422 | 429 = 200,
) {
  const def = c.var.deps.flows.forms.get(FOLLOW)
  return html(c, FollowPage({ p: pageOf(c), def, token: await formToken(c), ...extra }), status)
}

type Extra = Pick<CaseProps, 'notice' | 'error' | 'problems' | 'message'>
function showCase(
  c: WebContext,
  view: ComplainantView,
  access: string,
  expires: Date,
  extra: Extra = {},
  status: 200 | 422 | 503 = 200,
) {
  const minutesLeft = Math.max(1, Math.ceil((expires.getTime() - c.var.deps.clock.now().getTime()) / 60_000))
  const limits = limitsOf(c, REPLY)
  return html(c, CasePage({ p: pageOf(c), view, access, minutesLeft, limits, ...extra }), status)
}

export function followRoutes() {
  const app = new Hono<WebEnv>()
  app.get('/', (c) => showFollow(c))

  app.post('/', followFormGuard(), async (c) => {
    const { deps } = c.var
    const read = await parseForm(c)
    if (!read.ok) return unreadable(c, '/follow', read)
    const { body } = read
    const now = deps.clock.now()
    const check = await checkFormToken(deps.keyring, field(body, '_csrf'), readFormCookie(c), now)
    if (!sameOrigin(c) || check === 'invalid') return refuse(c, '/follow')
    const p = pageOf(c)
    const code = field(body, 'code').trim().slice(0, 40)
    if (check === 'expired') return showFollow(c, { code, error: p.t('formExpired') }, 422)
    // The client is throttled by its address, which is hashed with the time bucket and never stored.
    const access = await openAsComplainant(deps.db, deps.keyring, {
      orgId: orgOf(c),
      client: { channel: 'web', address: addressOf(c, deps.config.env.TRUST_PROXY) },
      code,
      secret: field(body, 'secret'),
      now,
    })
    if (access.kind === 'throttled') {
      count(c, 'follow_throttled')
      c.header('Retry-After', String(access.retryInMinutes * 60))
      return showFollow(c, { code, error: p.t('tryLater', { n: access.retryInMinutes }) }, 429)
    }
    if (access.kind === 'wrong') {
      count(c, 'follow_wrong')
      return showFollow(c, { code, error: p.t('wrong') }, 401)
    }
    count(c, 'follow_ok')
    const expires = new Date(now.getTime() + ACCESS_MINUTES * 60_000)
    return showCase(c, access.view, await issueAccess(deps.keyring, access.view.id, expires), expires)
  })

  /** The case again (language switch, refresh) while the access token lives. */
  app.post('/case', followFormGuard(), async (c) => {
    const { deps } = c.var
    const read = await parseForm(c)
    if (!read.ok) return unreadable(c, '/follow', read)
    const { body } = read
    if (!sameOrigin(c)) return refuse(c, '/follow')
    const token = field(body, 'access')
    const access = await checkAccess(deps.keyring, token, deps.clock.now())
    if (access.kind === 'invalid') return refuse(c, '/follow')
    if (access.kind === 'expired') return showFollow(c, { error: pageOf(c).t('accessExpired') }, 401)
    const view = await viewCase(deps.db, deps.keyring, orgOf(c), access.caseId)
    if (!view) return showFollow(c, { error: pageOf(c).t('wrong') }, 401)
    return showCase(c, view, token, access.expires)
  })

  app.post('/reply', reportBodyGuard('/follow'), async (c) => {
    const { deps } = c.var
    const read = await parseForm(c)
    if (!read.ok) return unreadable(c, '/follow', read)
    const { body } = read
    if (!sameOrigin(c)) return refuse(c, '/follow')
    const now = deps.clock.now()
    const token = field(body, 'access')
    const access = await checkAccess(deps.keyring, token, now)
    if (access.kind === 'invalid') return refuse(c, '/follow')
    const p = pageOf(c)
    const message = cleanText(field(body, 'message'))
    if (access.kind === 'expired') return showFollow(c, { error: p.t('accessExpired'), unsent: message }, 401)
    const view = await viewCase(deps.db, deps.keyring, orgOf(c), access.caseId)
    if (!view) return showFollow(c, { error: p.t('wrong') }, 401)

    const def = deps.flows.forms.get(REPLY)
    const messageField = def?.fields.find((f) => f.id === 'message')
    const max = messageField?.type === 'text' ? messageField.max : 5000
    const evidence = def ? evidenceField(def) : undefined
    const chosen = filesOf(body[evidence?.id ?? 'evidence'])
    const files = await sanitizeFiles(
      chosen,
      evidence?.max ?? 5,
      (bytes, hint, limits) => deps.evidence.clean(bytes, hint, limits),
      evidenceLimits(c),
      p.t,
      p.lang,
    )
    const problems = files.ok ? [] : files.errors
    if (message.length > max) {
      const f = messageField ? fieldName(messageField, p.lang) : p.t('thread')
      problems.unshift(p.t('tooLong', { f, n: message.length, max }))
    }
    if (message.length === 0 && chosen.length === 0) problems.push(p.t('nothingToSend'))
    if (problems.length > 0 || !files.ok) {
      count(c, 'reply_refused')
      return showCase(c, view, token, access.expires, { problems, message }, 422)
    }
    const d = { keyring: deps.keyring, timeZone: deps.config.timeZone, now }
    // Sealed before the transaction opens (complaints/filings.ts).
    const reply = async () => {
      const sealed = await sealFiles(deps.keyring, files.files)
      return writeWith(c, sealed, () =>
        deps.db
          .transaction()
          .execute((trx) => replyAsComplainant(trx, d, orgOf(c), access.caseId, message, sealed)),
      )
    }
    const result = await reply().catch((err: unknown) => {
      deps.log.error('complaint.web_failed', errorFields(err))
      return null
    })
    if (!result) return showCase(c, view, token, access.expires, { error: p.t('failed'), message }, 422)
    if (!result.ok) {
      count(c, 'reply_busy')
      c.header('Retry-After', '30')
      return showCase(c, view, token, access.expires, { error: p.t('busy'), message }, 503)
    }
    if (result.value.kind === 'gone') return showFollow(c, { error: p.t('wrong') }, 401)
    if (result.value.kind === 'closed')
      return showCase(c, view, token, access.expires, { error: p.t('closed'), message }, 422)
    // No log line for a reply: its timestamp would date the complainant's visit (README, A3).
    const fresh = (await viewCase(deps.db, deps.keyring, orgOf(c), access.caseId)) ?? view
    return showCase(c, fresh, token, access.expires, {
      notice: p.t('replied', { time: deps.config.env.COMPLAINT_ENTRY_TIME }),
    })
  })
  return app
}
