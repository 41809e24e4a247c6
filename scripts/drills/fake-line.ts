/**
 * The drills' fake LINE Messaging API on loopback, answering like LINE where the drills need it:
 * single-use reply tokens (400 "Invalid reply token" when used, unknown or older than 60 s),
 * `X-Line-Retry-Key` remembered once accepted (409 with `x-line-accepted-request-id` after),
 * a per-channel push rate limit (429), and scripted faults: a function of the request that
 * answers 500/429 without processing, or a delay after accepting (LINE took it, the answer is
 * late). Every other path answers 200 `{}`.
 *
 * It listens on one port per bot instance, so it knows which instance sent what (and what was in
 * flight from an instance at the instant it was killed). It counts what was accepted per chat:
 * an event's chat is its own (the drills give each event a new user), so answers per chat are
 * answers per event, whatever retry keys the bot derives; and per group for broadcasts.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export const DRILL_LINE_TOKEN = 'drill-line-channel-access-token-0123456789'

export interface FaultAnswer {
  status: number
  message: string
}
export interface Request {
  path: string
  /** The port (bot instance) it came in on. */
  port: number
  chat: string | null
}
export type FaultRule = (req: Request, now: number) => FaultAnswer | null

export interface Accepted {
  chat: string
  kind: 'reply' | 'push'
  port: number
  at: number
}

export interface DrillLine {
  /** One base URL per instance (LINE_API_BASE_URL and LINE_DATA_API_BASE_URL). */
  urls: string[]
  token: string
  issueReplyToken(chat: string): string
  /** Answers without processing while the rule returns an answer. */
  setFault(rule: FaultRule | null): void
  /** LINE accepts a reply to the chats picked at once but answers only after `ms`. */
  slowReplies(pick: (chat: string) => boolean, ms: number): void
  /** Every accepted message request, in order. */
  accepted(): Accepted[]
  /** Accepted requests per chat. */
  perChat(): Map<string, number>
  /** Requests received and not yet answered, per instance port. */
  pending(): Request[]
  /** Answers given, by path and status: `push 409` → n. */
  statuses(): Map<string, number>
  /**
   * Each push answered 409: whether the instance that sent it again is the one whose push was
   * accepted (its adapter retrying) or another (it took the row over), and how long after.
   */
  resends(): { sameInstance: boolean; afterMs: number }[]
  close(): Promise<void>
}

export interface DrillLineOptions {
  instances: number
  /** Added before every push answer (a round trip to LINE). */
  pushLatencyMs?: number
  /** Pushes per second allowed (LINE: 2,000 per channel); beyond it 429. */
  pushRate?: number
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  if (res.destroyed) return
  res.writeHead(status, {
    'content-type': 'application/json',
    'x-line-request-id': randomUUID(),
    ...headers,
  })
  res.end(JSON.stringify(body))
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  try {
    const v: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

export async function startDrillLine(o: DrillLineOptions): Promise<DrillLine> {
  const tokens = new Map<string, { chat: string; expiresAt: number; used: boolean }>()
  const retryKeys = new Map<string, string>()
  /** Where and when each retry key was accepted. */
  const keyFirst = new Map<string, { port: number; at: number }>()
  const resends: { sameInstance: boolean; afterMs: number }[] = []
  const accepted: Accepted[] = []
  const perChat = new Map<string, number>()
  const pending = new Set<Request>()
  const statuses = new Map<string, number>()
  let fault: FaultRule | null = null
  let slow: { pick: (chat: string) => boolean; ms: number } | null = null
  const rate = o.pushRate ?? null
  let bucket = rate ?? 0
  let last = performance.now()
  const timers = new Set<ReturnType<typeof setTimeout>>()

  const accept = (chat: string, kind: Accepted['kind'], port: number) => {
    accepted.push({ chat, kind, port, at: Date.now() })
    perChat.set(chat, (perChat.get(chat) ?? 0) + 1)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse, port: number) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const body = await readJson(req)
    const reply = path === '/v2/bot/message/reply'
    const push = path === '/v2/bot/message/push'
    const token = typeof body.replyToken === 'string' ? body.replyToken : ''
    const chat = push ? String(body.to ?? '') : reply ? (tokens.get(token)?.chat ?? null) : null
    const r: Request = { path, port, chat }
    pending.add(r)
    const answer = (status: number, b: unknown, headers: Record<string, string> = {}, delayMs = 0) => {
      const name = `${reply ? 'reply' : push ? 'push' : path} ${status}`
      const send = () => {
        pending.delete(r)
        statuses.set(name, (statuses.get(name) ?? 0) + 1)
        json(res, status, b, headers)
      }
      if (delayMs <= 0) return send()
      const t = setTimeout(() => {
        timers.delete(t)
        send()
      }, delayMs)
      timers.add(t)
    }
    res.on('close', () => pending.delete(r))
    if (req.headers.authorization !== `Bearer ${DRILL_LINE_TOKEN}`)
      return answer(401, { message: 'Authentication failed' })
    const f = fault?.(r, Date.now())
    if (f) return answer(f.status, { message: f.message })
    if (reply) {
      if (req.headers['x-line-retry-key'])
        return answer(400, { message: 'X-Line-Retry-Key is not supported by this API' })
      const t = tokens.get(token)
      if (!t || t.used || t.expiresAt < Date.now()) return answer(400, { message: 'Invalid reply token' })
      t.used = true
      accept(t.chat, 'reply', port)
      const delay = slow?.pick(t.chat) ? slow.ms : 0
      return answer(200, { sentMessages: [{ id: randomUUID(), quoteToken: 'q' }] }, {}, delay)
    }
    if (push || path === '/v2/bot/message/multicast') {
      const key = req.headers['x-line-retry-key']
      const keyStr = typeof key === 'string' ? key : null
      const known = keyStr ? retryKeys.get(keyStr) : undefined
      const first = keyStr ? keyFirst.get(keyStr) : undefined
      if (known && first) resends.push({ sameInstance: first.port === port, afterMs: Date.now() - first.at })
      if (known)
        return answer(
          409,
          { message: 'The retry key is already accepted' },
          { 'x-line-accepted-request-id': known },
        )
      if (rate !== null) {
        const now = performance.now()
        bucket = Math.min(rate, bucket + ((now - last) / 1000) * rate)
        last = now
        if (bucket < 1)
          return answer(429, { message: 'The API rate limit has been exceeded. Try again later.' })
        bucket -= 1
      }
      const requestId = randomUUID()
      if (keyStr) {
        retryKeys.set(keyStr, requestId)
        keyFirst.set(keyStr, { port, at: Date.now() })
      }
      const to = push ? [String(body.to ?? '')] : Array.isArray(body.to) ? body.to.map(String) : []
      for (const chat of to) accept(chat, 'push', port)
      return answer(200, { sentMessages: [{ id: randomUUID(), quoteToken: 'q' }] }, {}, o.pushLatencyMs ?? 0)
    }
    if (path === '/v2/bot/message/quota') return answer(200, { type: 'none' })
    if (path === '/v2/bot/message/quota/consumption')
      return answer(200, { totalUsage: accepted.filter((a) => a.kind === 'push').length })
    if (/\/members\/count$/.test(path)) return answer(200, { count: 12 })
    if (/\/summary$/.test(path))
      return answer(200, { groupId: 'g', groupName: 'drill group', pictureUrl: '' })
    return answer(200, {})
  }

  const servers: Server[] = []
  const urls: string[] = []
  for (let i = 0; i < o.instances; i++) {
    const server = createServer({ keepAliveTimeout: 60_000 })
    server.on('request', (req, res) => {
      const port = (server.address() as AddressInfo).port
      handle(req, res, port).catch(() => json(res, 500, { message: 'fake failed' }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    servers.push(server)
    urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
  }

  return {
    urls,
    token: DRILL_LINE_TOKEN,
    issueReplyToken(chat) {
      const t = randomBytes(16).toString('hex')
      tokens.set(t, { chat, expiresAt: Date.now() + 60_000, used: false })
      return t
    },
    setFault: (rule) => {
      fault = rule
    },
    slowReplies: (pick, ms) => {
      slow = { pick, ms }
    },
    accepted: () => [...accepted],
    perChat: () => new Map(perChat),
    pending: () => [...pending],
    statuses: () => new Map(statuses),
    resends: () => [...resends],
    async close() {
      for (const t of timers) clearTimeout(t)
      for (const s of servers) s.closeAllConnections()
      await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))))
    },
  }
}
