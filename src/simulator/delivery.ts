import { utf8 } from '../core/bytes.js'
import { createSigner, type Signer } from '../webhook/signature.js'
import type { SimState } from './state.js'
import type { WebhookEvent } from './webhook-events.js'

export type AppFetch = (req: Request) => Promise<Response>

/** Where the simulator posts; only the path matters, the request never leaves the process. */
const WEBHOOK_URL = 'http://simulator.local/webhook'

/**
 * Signs and posts webhook bodies the way LINE does, to the real pipeline (signature → inbox →
 * handlers). A failed delivery is written into the chat, so the person trying the bot sees why
 * nothing came back.
 */
export function createDelivery(state: SimState, channelSecret: string) {
  let target: AppFetch | null = null
  let signer: Promise<Signer> | null = null

  const fail = (chatId: string, reason: string) => {
    state.transcript.append(chatId, {
      kind: 'system',
      level: 'error',
      text: `ส่ง webhook ไม่สำเร็จ / Webhook delivery failed: ${reason}`,
    })
  }

  return {
    attach(fetch: AppFetch) {
      target = fetch
    },
    async deliver(chatId: string, events: WebhookEvent[]): Promise<boolean> {
      if (!target) {
        fail(chatId, 'the simulator is not attached to the app')
        return false
      }
      const body = JSON.stringify({ destination: state.botUserId, events })
      signer ??= createSigner(channelSecret)
      const signature = await (await signer).sign(utf8(body))
      try {
        const res = await target(
          new Request(WEBHOOK_URL, {
            method: 'POST',
            headers: {
              'content-type': 'application/json; charset=utf-8',
              'x-line-signature': signature,
              'user-agent': 'LineBotWebhook/2.0',
            },
            body,
          }),
        )
        if (res.ok) return true
        const detail = await res.text().catch(() => '')
        fail(chatId, `HTTP ${res.status}${detail ? ` ${detail.slice(0, 200)}` : ''}`)
      } catch (err) {
        fail(chatId, err instanceof Error ? `${err.name}: ${err.message.slice(0, 200)}` : 'unknown error')
      }
      return false
    },
  }
}

export type Delivery = ReturnType<typeof createDelivery>
