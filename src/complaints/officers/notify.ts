import type { Languages } from '../../contacts/language.js'
import { uuidFromName } from '../../core/ids.js'
import type { Logger } from '../../core/logger.js'
import type { Flows } from '../../flows/types.js'
import type { LinePort, SendResult } from '../../line/port.js'

/**
 * "There is news on case C-…": the only thing pushed to a complainant who asked to be told.
 * The case code and nothing else (never content, status or the officer's words). The retry
 * key is derived from `key` (the case and message number, or the reveal request), so a
 * retried send is one send.
 */
export async function pushNews(
  deps: { flows: Flows; log: Logger; languages?: Languages },
  line: LinePort | null,
  n: { code: string; to: string; key: string; orgId?: string },
): Promise<SendResult | null> {
  if (!line) return null
  // In the complainant's language; only read, so the lookup leaves nothing behind.
  const lang = deps.languages && n.orgId ? await deps.languages.ofPerson(n.orgId, n.to, null) : undefined
  const messages = deps.flows.render('complaint.news', { caseCode: n.code }, lang ? { lang } : {})
  const result = await line.push(n.to, messages, {
    retryKey: await uuidFromName(`complaint-news:${n.key}`),
  })
  deps.log.info('complaint.news', { outcome: result.kind })
  return result
}
