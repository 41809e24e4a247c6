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
  deps: { flows: Flows; log: Logger },
  line: LinePort | null,
  n: { code: string; to: string; key: string },
): Promise<SendResult | null> {
  if (!line) return null
  const messages = deps.flows.render('complaint.news', { caseCode: n.code })
  const result = await line.push(n.to, messages, {
    retryKey: await uuidFromName(`complaint-news:${n.key}`),
  })
  deps.log.info('complaint.news', { outcome: result.kind })
  return result
}
