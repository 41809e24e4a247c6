import { uuidFromName } from '../core/ids.js'
import type { Logger } from '../core/logger.js'
import type { LineMessage, LinePort, SendResult } from '../line/port.js'
import { type BaseEvent, chatIdOf } from './events.js'

/** How long after the event a reply token is still worth trying (LINE: about one minute). */
export const REPLY_TOKEN_TTL_MS = 50_000

export interface Responder {
  /** Answers the chat the event came from: reply token when fresh, else a push with a stable retry key. */
  reply(messages: LineMessage[]): Promise<SendResult | null>
}

const SUPPRESSED: SendResult = { kind: 'rejected', status: 0, detail: 'standby mode: nothing is sent' }

export function createResponder(opts: {
  event: BaseEvent & { replyToken?: string }
  line: LinePort
  log: Logger
  now: Date
}): Responder {
  const { event, line, log } = opts
  let sequence = 0
  let tokenUsed = false
  return {
    async reply(messages) {
      if (messages.length === 0) return null
      // Standby: another channel owns this chat; LINE forbids us to answer (no reply token).
      if (event.mode === 'standby') {
        log.info('send.suppressed', { reason: 'standby', eventType: event.type })
        return SUPPRESSED
      }
      const seq = sequence++
      const fresh = opts.now.getTime() - event.timestamp < REPLY_TOKEN_TTL_MS
      if (event.replyToken && fresh && !tokenUsed) {
        tokenUsed = true
        const result = await line.reply(event.replyToken, messages)
        if (result.kind === 'accepted' || result.kind !== 'rejected' || result.status !== 400) return result
        log.info('reply.token_rejected', { eventType: event.type })
      }
      const to = chatIdOf(event.source)
      if (!to) return null
      const retryKey = await uuidFromName(`reply:${event.webhookEventId}:${seq}`)
      return line.push(to, messages, { retryKey })
    },
  }
}
