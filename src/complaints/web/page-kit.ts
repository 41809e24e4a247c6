import type { Turn } from '../../core/serial.js'
import { DEFAULT_ORG } from '../../webhook/channels.js'
import { evidenceLimitsFromEnv } from '../evidence/index.js'
import { evidenceField } from './fields.js'
import { toMb, totalFilesBytes } from './guard.js'
import { randomNonceFor, readFormCookie, type WebContext, writeFormCookie } from './http.js'
import { webWords } from './i18n.js'
import type { Page } from './pages/layout.js'
import type { Limits } from './pages/report.js'
import { issueFormToken } from './tokens.js'

// Small helpers every web route shares: the page basics, the form token, the limits.

/** `/report` without an organization in its path serves the default one. */
export const WEB_ORG = DEFAULT_ORG

/** The organization of the page: from `/report/<org>`, else the default one. */
export const orgOf = (c: WebContext): string => c.var.org ?? WEB_ORG

export const pageOf = (c: WebContext): Page => ({
  t: webWords(c.var.lang),
  lang: c.var.lang,
  nonce: c.var.nonce,
  base: c.var.base ?? '/report',
  brand: c.var.brand ?? null,
})

/**
 * A form token for a page about to be served. The cookie's nonce is kept while it lives, so
 * two open tabs both still post; it is random, never stored, and gone after the form's time.
 */
export async function formToken(c: WebContext): Promise<string> {
  const { deps } = c.var
  const minutes = deps.config.env.COMPLAINT_DRAFT_TTL_MINUTES
  const nonce = randomNonceFor(readFormCookie(c))
  writeFormCookie(c, nonce, minutes * 60)
  return issueFormToken(deps.keyring, nonce, new Date(deps.clock.now().getTime() + minutes * 60_000))
}

export function limitsOf(c: WebContext, formId: string): Limits {
  const { env } = c.var.deps.config
  const def = c.var.deps.flows.forms.get(formId)
  return {
    maxFiles: (def && evidenceField(def)?.max) ?? 5,
    eachMb: toMb(env.EVIDENCE_MAX_BYTES),
    totalMb: toMb(totalFilesBytes(env)),
  }
}

export const evidenceLimits = (c: WebContext) => evidenceLimitsFromEnv(c.var.deps.config.env)

/** Outcomes only: never content, an address or a browser. */
export const count = (c: WebContext, outcome: string) => c.var.deps.log.info('complaint.web', { outcome })

/**
 * Runs a form's transaction; one with files waits in the evidence writes' queue
 * (AppDeps['evidenceWrites']) and may be `busy`, one with text only does not wait behind photos.
 */
export const writeWith = async <T>(
  c: WebContext,
  files: readonly unknown[],
  write: () => Promise<T>,
): Promise<Turn<T>> =>
  files.length > 0 ? c.var.deps.evidenceWrites.run(write) : { ok: true, value: await write() }
