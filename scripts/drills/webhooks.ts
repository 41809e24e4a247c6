/**
 * Webhook traffic as LINE sends it: one event per request, each from a new person in 1:1 chat
 * ("เมนู"), signed with the channel secret, carrying a reply token the fake LINE issued for that
 * chat. A request goes to the instances in turn, and to the next one when an instance refuses
 * the connection (a load balancer); an event not answered 200 is redelivered later with
 * `isRedelivery` (LINE's webhook redelivery), same webhookEventId and reply token.
 */
import { createHmac } from 'node:crypto'
import type { DrillLine } from './fake-line.js'

export interface DrillEvent {
  id: string
  chat: string
  replyToken: string
  timestamp: number
  /** Every answer our webhook gave it: HTTP status, 0 for no answer. */
  statuses: number[]
  /** First 200, ms since the drill's epoch. */
  ackedAt: number | null
  sentAt: number
}

export interface Traffic {
  events: DrillEvent[]
  /** A new event, posted now. */
  send(): Promise<DrillEvent>
  post(e: DrillEvent, redelivery?: boolean): Promise<number>
  /** `rate` events a second for `seconds`, awaiting every answer. */
  run(rate: number, seconds: number, stop?: () => boolean): Promise<void>
  /** Redelivers events never acknowledged, until all are or `rounds` pass. */
  redeliver(rounds?: number, pauseMs?: number): Promise<number>
  acked(): DrillEvent[]
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function traffic(opts: {
  secret: string
  line: DrillLine
  /** The instances that take webhooks now (a killed one may still be listed: it refuses). */
  targets: () => string[]
  /** Four hex digits that set this traffic's chats apart from another's in the same drill. */
  prefix?: string
}): Traffic {
  const events: DrillEvent[] = []
  let n = 0
  let rr = 0
  // Hex, so the chat ids look like LINE's (U + 32 hex digits).
  const tag = (opts.prefix ?? '0a00')
    .replace(/[^0-9a-f]/g, '0')
    .padEnd(4, '0')
    .slice(0, 4)
  const body = (e: DrillEvent, redelivery: boolean) =>
    JSON.stringify({
      destination: `U${'d'.repeat(32)}`,
      events: [
        {
          type: 'message',
          mode: 'active',
          timestamp: e.timestamp,
          source: { type: 'user', userId: e.chat },
          webhookEventId: e.id,
          deliveryContext: { isRedelivery: redelivery },
          replyToken: e.replyToken,
          message: { type: 'text', id: String(1e12 + events.indexOf(e)), quoteToken: 'q', text: 'เมนู' },
        },
      ],
    })
  const post = async (e: DrillEvent, redelivery = false): Promise<number> => {
    const b = body(e, redelivery)
    const signature = createHmac('sha256', opts.secret).update(b).digest('base64')
    const targets = opts.targets()
    for (let i = 0; i < targets.length; i++) {
      const url = targets[(rr++ + i) % targets.length]
      try {
        const res = await fetch(`${url}/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-line-signature': signature },
          body: b,
          signal: AbortSignal.timeout(10_000),
        })
        await res.arrayBuffer()
        e.statuses.push(res.status)
        if (res.status === 200 && e.ackedAt === null) e.ackedAt = Date.now()
        return res.status
      } catch {
        // refused or timed out: the balancer tries the next instance
      }
    }
    e.statuses.push(0)
    return 0
  }
  const send = async () => {
    n++
    const chat = `U${tag}${n.toString(16).padStart(28, '0')}`
    const e: DrillEvent = {
      id: `01DRL${tag.toUpperCase()}${String(n).padStart(17, '0')}`,
      chat,
      replyToken: opts.line.issueReplyToken(chat),
      timestamp: Date.now(),
      statuses: [],
      ackedAt: null,
      sentAt: Date.now(),
    }
    events.push(e)
    await post(e)
    return e
  }
  return {
    events,
    send,
    post,
    async run(rate, seconds, stop) {
      const inFlight = new Set<Promise<unknown>>()
      const t0 = performance.now()
      let made = 0
      while (performance.now() - t0 < seconds * 1000 && !stop?.()) {
        const due = Math.floor(((performance.now() - t0) / 1000) * rate)
        while (made < due) {
          made++
          const p: Promise<unknown> = send().finally(() => inFlight.delete(p))
          inFlight.add(p)
        }
        await sleep(10)
      }
      await Promise.all(inFlight)
    },
    async redeliver(rounds = 10, pauseMs = 2000) {
      let count = 0
      for (let r = 0; r < rounds; r++) {
        const todo = events.filter((e) => e.ackedAt === null)
        if (todo.length === 0) break
        for (let i = 0; i < todo.length; i += 50) {
          const chunk = todo.slice(i, i + 50)
          count += chunk.length
          await Promise.all(chunk.map((e) => post(e, true)))
        }
        if (events.some((e) => e.ackedAt === null)) await sleep(pauseMs)
      }
      return count
    },
    acked: () => events.filter((e) => e.ackedAt !== null),
  }
}
