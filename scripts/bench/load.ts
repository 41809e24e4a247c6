import { createHmac } from 'node:crypto'
import autocannon from 'autocannon'

export interface Run {
  rps: number
  p50: number
  p99: number
  ok: number
  non2xx: number
}

interface Body {
  body: string
  signature: string
}

export interface BodySource {
  next(): Body
  /** The first n bodies again (same webhookEventIds): a redelivery. */
  replay(n: number): BodySource
  /** Every event made so far: its webhookEventId and the reply token it carried. */
  events(): { webhookEventId: string; replyToken: string }[]
}

/**
 * Single-event webhook bodies signed like LINE's: a text "เมนู" from one of 1,000 staff, each
 * with a new webhookEventId. `replyToken` lets the fake LINE accept the bot's reply.
 */
export function bodies(secret: string, replyToken: (userId: string) => string = () => 'rt'): BodySource {
  const made: Body[] = []
  const events: { webhookEventId: string; replyToken: string }[] = []
  let n = 0
  const make = (): Body => {
    n++
    const userId = `U${(n % 1000).toString(16).padStart(32, '0')}`
    const event = {
      type: 'message',
      mode: 'active',
      timestamp: Date.now(),
      source: { type: 'user', userId },
      webhookEventId: `01BENCH${String(n).padStart(19, '0')}`,
      deliveryContext: { isRedelivery: false },
      replyToken: replyToken(userId),
      message: { type: 'text', id: String(1e12 + n), quoteToken: 'q', text: 'เมนู' },
    }
    events.push({ webhookEventId: event.webhookEventId, replyToken: event.replyToken })
    const body = JSON.stringify({ destination: `U${'d'.repeat(32)}`, events: [event] })
    const b = { body, signature: createHmac('sha256', secret).update(body).digest('base64') }
    made.push(b)
    return b
  }
  const cycle = (list: Body[]): BodySource => {
    let i = 0
    return {
      next: () => list[i++ % list.length] ?? make(),
      replay: (k) => cycle(list.slice(0, k)),
      events: () => events,
    }
  }
  return { next: make, replay: (k) => cycle(made.slice(0, k)), events: () => events }
}

export async function drive(
  baseUrl: string,
  source: BodySource,
  opts: { seconds: number; connections: number; rate?: number; amount?: number },
): Promise<Run> {
  const result = await autocannon({
    url: `${baseUrl}/webhook`,
    method: 'POST',
    connections: opts.connections,
    duration: opts.seconds,
    ...(opts.amount ? { amount: opts.amount } : {}),
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    requests: [
      {
        setupRequest: (req) => {
          const b = source.next()
          return {
            ...req,
            body: b.body,
            headers: { ...req.headers, 'content-type': 'application/json', 'x-line-signature': b.signature },
          }
        },
      },
    ],
  })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
  }
}
