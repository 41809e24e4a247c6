import { randomBytes, randomUUID } from 'node:crypto'

/** One message that LINE accepted for one recipient (a chat id, or a follower for broadcasts). */
export interface Delivery {
  via: 'reply' | 'push' | 'multicast' | 'broadcast'
  to: string
  messages: unknown[]
  requestId: string
  retryKey: string | null
  notificationDisabled: boolean
  customAggregationUnits: string[]
}

export interface FakeRichMenu {
  richMenuId: string
  /** The rich menu object as it was created. */
  menu: Record<string, unknown>
  image: { contentType: string; bytes: Uint8Array } | null
}

export type ContentEntry =
  | { kind: 'ok'; bytes: Uint8Array; contentType: string }
  | { kind: 'preparing' }
  | { kind: 'gone' }

export interface GroupEntry {
  name: string
  pictureUrl?: string
  /** Members counted against the quota when the bot pushes to the group. */
  members: number
}

export type QuotaSetting = { type: 'none' } | { type: 'limited'; limit: number }

/** LINE's statistics as the fake answers them (fake-line/insight.ts). */
export interface FakeInsight {
  /** false: the account's plan has no statistics, every insight request answers 403. */
  access: boolean
  /** Endpoints ('delivery', 'followers', 'aggregation') the plan lacks: they answer 403. */
  denied: Set<string>
  /** Answer bodies by 'yyyyMMdd'; a day not set answers { status: 'unready' }. */
  deliveries: Map<string, Record<string, unknown>>
  followers: Map<string, Record<string, unknown>>
  /** Answer bodies by unit name, whatever the period; a unit not set answers all nulls. */
  units: Map<string, Record<string, unknown>>
  /** When (state.now()) each insight request came: more than 60 in an hour answers 429. */
  calls: number[]
}

export interface FakeState {
  token: string
  now: () => number
  followers: string[]
  replyTokens: Map<string, { to: string; expiresAt: number; used: boolean }>
  /** X-Line-Retry-Key → the request id of the request that was accepted with it. */
  acceptedRetryKeys: Map<string, string>
  deliveries: Delivery[]
  contents: Map<string, ContentEntry>
  groups: Map<string, GroupEntry>
  /** The language of each follower's LINE app (profile `language`); absent: not reported. */
  languages: Map<string, string>
  quota: QuotaSetting
  used: number
  richMenus: Map<string, FakeRichMenu>
  defaultRichMenuId: string | null
  /** Rich menu alias id → the menu it names. */
  richMenuAliases: Map<string, string>
  /** User id → the menu linked to that user (shown instead of the default). */
  userRichMenus: Map<string, string>
  insight: FakeInsight
}

/** What a route answers. `bytes` for binary bodies (content), else `body` is sent as JSON. */
export interface Answer {
  status: number
  body?: unknown
  bytes?: Uint8Array
  contentType?: string
  headers?: Record<string, string>
}

export interface FakeRequest {
  method: string
  path: string
  headers: Record<string, string>
  /** Parsed JSON body, or null when the body was not JSON (images) or empty. */
  json: unknown
  raw: Uint8Array
  /** The query string's parameters (insight requests take theirs there). */
  query: Record<string, string>
}

export interface RouteContext {
  state: FakeState
  requestId: string
  retryKey: string | null
}

export interface Route {
  method: string
  pattern: RegExp
  /** Only push, multicast, narrowcast and broadcast take X-Line-Retry-Key; others answer 400. */
  takesRetryKey?: boolean
  handle(req: FakeRequest, params: string[], ctx: RouteContext): Answer
}

export interface Detail {
  property: string
  message: string
}

export const LINE_CHAT_ID = /^[UCR][0-9a-f]{32}$/
export const newRequestId = () => randomUUID()
export const hex = (bytes: number) => randomBytes(bytes).toString('hex')

export const ok = (body: unknown = {}, status = 200): Answer => ({ status, body })
export const notFound = (): Answer => ({ status: 404, body: { message: 'Not found' } })
export const badRequest = (message: string): Answer => ({ status: 400, body: { message } })

/** LINE's shape for validation failures: a count, then each property that failed. */
export function invalid(details: Detail[]): Answer {
  return { status: 400, body: { message: `The request body has ${details.length} error(s)`, details } }
}

export function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
}
