/**
 * A fake LINE Messaging API on 127.0.0.1 that enforces LINE's rules, for tests, benchmarks and
 * simulator runs that want real HTTP (the SDK, timeouts, retries) instead of an in-process fake.
 *
 *   const line = await startFakeLine({ followers: [USER_A] })
 *   const api = createLineApi({ accessToken: line.token, apiBaseUrl: line.url, dataApiBaseUrl: line.url })
 *   const token = line.issueReplyToken(USER_A)     // what a webhook event would carry
 *   await api.reply(token, [{ type: 'text', text: 'hi' }])
 *   expect(line.delivered()).toHaveLength(1)
 *   await line.close()
 *
 * One server answers both hosts at its root (the SDK keeps only scheme, host and port of a base
 * URL): api.line.me paths (reply, push, multicast, broadcast, quota, quota/consumption,
 * chat/loading/start, group summary and member count, rich menus, insight: message delivery,
 * followers, per-unit statistics) and api-data.line.me paths (message content, rich menu images).
 *
 * Rules enforced, each answered the way LINE answers it:
 * - `Authorization: Bearer <token>` must match → else 401.
 * - Reply tokens come from `issueReplyToken()`: single use, expire after `replyTokenTtlMs`
 *   (60 s) of `now()` → else 400 "Invalid reply token".
 * - 1–5 messages; text 1–5,000 UTF-16 units; altText ≤1,500; quick reply 1–13 items; postback
 *   data ≤300 → else 400 with LINE's `details`.
 * - `X-Line-Retry-Key`: push/multicast/broadcast only (400 elsewhere, reply included), must be a
 *   UUID (400), and a key whose request was accepted → 409 with `x-line-accepted-request-id`.
 * - push `to` must be a U/C/R id; multicast: 1–500 ids, user ids only; loading: user ids only,
 *   5–60 s in steps of 5.
 * - The monthly quota (`setQuota`) is charged per recipient (a group costs its `members`);
 *   over it → 429 "You have reached your monthly limit.".
 * - Rich menus: LINE's object rules, image PNG/JPEG ≤1 MB of the menu's exact size, set once;
 *   set-as-default, an alias and a link to a user need the image; every rich-menu request must
 *   be an operation of LINE's OpenAPI description with a body its schema takes
 *   (fake-line/openapi-richmenu.ts).
 * - Insight: 60 requests in any hour (then 429), 403 when `insight.access` is false, dates
 *   yyyyMMdd and a unit's period at most 30 days (400).
 * - Every answer carries `x-line-request-id`.
 *
 * Scripting: `failNext(n, fault)` makes the next n matching requests fail (see Fault);
 * `setContent`/`preparing`/`gone` for message content; `setGroup`; `setQuota`.
 * Inspecting: `requests()` (every request, parsed, with the status answered), `delivered()`
 * (messages actually accepted, one entry per recipient: assert exactly-once with it),
 * `richMenus()`, `defaultRichMenuId()`, `richMenuAliases()`, `userRichMenu()`. `reset()` forgets requests, deliveries and pending faults.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { emptyInsight, insightRoutes } from './fake-line/insight.js'
import { messagingRoutes } from './fake-line/messaging.js'
import { richMenuSpecProblems } from './fake-line/openapi-richmenu.js'
import { richMenuRoutes } from './fake-line/richmenu.js'
import {
  type Answer,
  type Delivery,
  type FakeInsight,
  type FakeRequest,
  type FakeRichMenu,
  type FakeState,
  type GroupEntry,
  hex,
  invalid,
  newRequestId,
  type QuotaSetting,
  type Route,
} from './fake-line/state.js'
import type { Throttle } from './fake-line-throttle.js'

export type { Delivery, FakeRichMenu, GroupEntry, QuotaSetting }

/**
 * A scripted failure. `status`: answer it (after `delayMs`) without processing the request.
 * `hang`: never answer (until close), nothing processed. `acceptThenDelayMs`: process the request
 * normally (LINE accepted it) but answer that late — a lost or slow answer. `path` limits the
 * fault to requests for that exact path or matching that pattern.
 */
export type Fault = (
  | { status: number; body?: unknown; delayMs?: number }
  | { hang: true }
  | { acceptThenDelayMs: number }
) & { path?: string | RegExp }

/** Ready-made faults for the cases LINE documents. */
export const faults = {
  serverError: { status: 500, body: { message: 'Internal Server Error' } },
  unavailable: { status: 503, body: { message: 'Service Unavailable' } },
  rateLimited: { status: 429, body: { message: 'The API rate limit has been exceeded. Try again later.' } },
  monthlyLimit: { status: 429, body: { message: 'You have reached your monthly limit.' } },
  hang: { hang: true },
} satisfies Record<string, Fault>

export interface RecordedRequest {
  method: string
  path: string
  headers: Record<string, string>
  /** Parsed JSON, or null for binary and empty bodies (see `raw`). */
  body: unknown
  raw: Uint8Array
  query: Record<string, string>
  /** The status answered; null while pending or when the request hung. */
  status: number | null
  requestId: string
  /** When it arrived (Date.now()): the benchmarks read the send's phases from it. */
  at: number
}

export interface FakeLineOptions {
  /** The channel access token to accept. Default: FAKE_LINE_TOKEN. */
  token?: string
  /** Clock for reply-token expiry. Default Date.now. */
  now?: () => number
  replyTokenTtlMs?: number
  /** User ids that a broadcast reaches (and is charged for). Default none. */
  followers?: string[]
  quota?: QuotaSetting
  /** Added to every answer, for benchmarks that want a realistic round trip. */
  latencyMs?: number
  /** A rate limit and random 500s for sending paths (fake-line-throttle.ts), for benchmarks. */
  throttle?: Throttle
}

export interface FakeLine {
  /** http://127.0.0.1:<port>, for both apiBaseUrl and dataApiBaseUrl. */
  url: string
  token: string
  /** A reply token for a chat (default a fixed user id), as a webhook event would carry it. */
  issueReplyToken(to?: string, opts?: { ttlMs?: number }): string
  failNext(n: number, fault: Fault): void
  setContent(messageId: string, bytes: Uint8Array, contentType: string): void
  preparing(messageId: string): void
  gone(messageId: string): void
  setGroup(groupId: string, group: GroupEntry): void
  /** The language a follower's profile reports. */
  setLanguage(userId: string, language: string): void
  setQuota(quota: QuotaSetting, used?: number): void
  setFollowers(userIds: string[]): void
  /** LINE's statistics: access, answer bodies by day ('yyyyMMdd') and by unit, the calls made. */
  insight: FakeInsight
  requests(): RecordedRequest[]
  delivered(): Delivery[]
  richMenus(): FakeRichMenu[]
  defaultRichMenuId(): string | null
  /** Rich menu aliases as LINE holds them: alias id → menu id. */
  richMenuAliases(): Record<string, string>
  /** The menu linked to one user, or null (the default shows). */
  userRichMenu(userId: string): string | null
  reset(): void
  close(): Promise<void>
}

export const FAKE_LINE_TOKEN = 'fake-line-channel-access-token-0123456789'
/** The chat a reply token belongs to when issueReplyToken() is given none. */
export const FAKE_USER_ID = `U${'0'.repeat(31)}1`

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const routes: Route[] = [...messagingRoutes, ...richMenuRoutes, ...insightRoutes]

function match(method: string, path: string): { route: Route; params: string[] } | null {
  for (const route of routes) {
    const m = route.method === method ? route.pattern.exec(path) : null
    if (m) return { route, params: m.slice(1).map(decodeURIComponent) }
  }
  return null
}

const faultMatches = (f: Fault, path: string) =>
  f.path === undefined || (typeof f.path === 'string' ? f.path === path : f.path.test(path))

/** Auth, the retry-key rules, then the route. Records accepted retry keys. */
function answer(state: FakeState, req: FakeRequest, requestId: string): Answer {
  if (req.headers.authorization !== `Bearer ${state.token}`) {
    return {
      status: 401,
      body: {
        message: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
      },
    }
  }
  const found = match(req.method, req.path)
  if (!found) return { status: 404, body: { message: 'Not found' } }
  const retryKey = req.headers['x-line-retry-key'] ?? null
  if (retryKey !== null) {
    if (!found.route.takesRetryKey)
      return { status: 400, body: { message: 'X-Line-Retry-Key is not supported by this API' } }
    if (!UUID.test(retryKey))
      return { status: 400, body: { message: "The value for the 'X-Line-Retry-Key' header is invalid" } }
    const accepted = state.acceptedRetryKeys.get(retryKey)
    if (accepted) {
      return {
        status: 409,
        body: { message: 'The retry key is already accepted' },
        headers: { 'x-line-accepted-request-id': accepted },
      }
    }
  }
  if (req.json === undefined)
    return { status: 400, body: { message: 'The request body could not be parsed as JSON' } }
  // What LINE's OpenAPI description says of rich-menu requests, answered as LINE answers it.
  const specProblems = richMenuSpecProblems({ method: req.method, path: req.path, body: req.json })
  if (specProblems.length > 0) return invalid(specProblems.map((message) => ({ property: '', message })))
  const result = found.route.handle(req, found.params, { state, requestId, retryKey })
  if (retryKey !== null && result.status < 300) state.acceptedRetryKeys.set(retryKey, requestId)
  return result
}

function write(res: ServerResponse, a: Answer, requestId: string) {
  if (res.destroyed) return
  const headers: Record<string, string> = { 'x-line-request-id': requestId, ...a.headers }
  if (a.bytes) {
    res.writeHead(a.status, { ...headers, 'content-type': a.contentType ?? 'application/octet-stream' })
    res.end(a.bytes)
  } else {
    res.writeHead(a.status, { ...headers, 'content-type': 'application/json' })
    res.end(JSON.stringify(a.body ?? {}))
  }
}

async function readRequest(req: IncomingMessage): Promise<FakeRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const raw = new Uint8Array(Buffer.concat(chunks))
  const url = new URL(req.url ?? '/', 'http://fake')
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v
  let json: unknown = null
  if ((headers['content-type'] ?? '').includes('json') && raw.length > 0) {
    try {
      json = JSON.parse(Buffer.from(raw).toString('utf8'))
    } catch {
      json = undefined // answered 400 by answer()
    }
  }
  const query = Object.fromEntries(url.searchParams)
  return { method: req.method ?? 'GET', path: url.pathname, headers, json, raw, query }
}

export async function startFakeLine(opts: FakeLineOptions = {}): Promise<FakeLine> {
  const state: FakeState = {
    token: opts.token ?? FAKE_LINE_TOKEN,
    now: opts.now ?? Date.now,
    followers: [...(opts.followers ?? [])],
    replyTokens: new Map(),
    acceptedRetryKeys: new Map(),
    deliveries: [],
    contents: new Map(),
    groups: new Map(),
    languages: new Map(),
    quota: opts.quota ?? { type: 'none' },
    used: 0,
    richMenus: new Map(),
    defaultRichMenuId: null,
    richMenuAliases: new Map(),
    userRichMenus: new Map(),
    insight: emptyInsight(),
  }
  let recorded: RecordedRequest[] = []
  let pending: Fault[] = []
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t)
      fn()
    }, ms)
    timers.add(t)
  }

  const server = createServer(async (req, res) => {
    const parsed = await readRequest(req)
    const requestId = newRequestId()
    const record: RecordedRequest = {
      ...parsed,
      body: parsed.json ?? null,
      status: null,
      requestId,
      at: Date.now(),
    }
    recorded.push(record)
    const i = pending.findIndex((f) => faultMatches(f, parsed.path))
    const fault = i >= 0 ? pending.splice(i, 1)[0] : undefined
    if (fault && 'hang' in fault) return
    const throttled = fault ? null : (opts.throttle?.check(parsed.path) ?? null)
    const a =
      fault && 'status' in fault
        ? { status: fault.status, body: fault.body ?? {} }
        : (throttled ?? answer(state, parsed, requestId))
    const delay =
      (opts.latencyMs ?? 0) +
      (fault && 'status' in fault ? (fault.delayMs ?? 0) : 0) +
      (fault && 'acceptThenDelayMs' in fault ? fault.acceptThenDelayMs : 0)
    const send = () => {
      record.status = a.status
      write(res, a, requestId)
    }
    if (delay > 0) later(delay, send)
    else send()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const ttl = opts.replyTokenTtlMs ?? 60_000

  return {
    url: `http://127.0.0.1:${port}`,
    token: state.token,
    issueReplyToken(to = FAKE_USER_ID, o = {}) {
      const token = hex(16)
      state.replyTokens.set(token, { to, expiresAt: state.now() + (o.ttlMs ?? ttl), used: false })
      return token
    },
    failNext(n, fault) {
      for (let k = 0; k < n; k++) pending.push(fault)
    },
    setContent: (id, bytes, contentType) => void state.contents.set(id, { kind: 'ok', bytes, contentType }),
    preparing: (id) => void state.contents.set(id, { kind: 'preparing' }),
    gone: (id) => void state.contents.set(id, { kind: 'gone' }),
    setGroup: (id, group) => void state.groups.set(id, group),
    setLanguage: (id, language) => void state.languages.set(id, language),
    setQuota(quota, used = 0) {
      state.quota = quota
      state.used = used
    },
    setFollowers(userIds) {
      state.followers = [...userIds]
    },
    insight: state.insight,
    requests: () => [...recorded],
    delivered: () => [...state.deliveries],
    richMenus: () => [...state.richMenus.values()],
    defaultRichMenuId: () => state.defaultRichMenuId,
    richMenuAliases: () => Object.fromEntries(state.richMenuAliases),
    userRichMenu: (userId) => state.userRichMenus.get(userId) ?? null,
    reset() {
      recorded = []
      pending = []
      state.deliveries = []
    },
    async close() {
      for (const t of timers) clearTimeout(t)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
