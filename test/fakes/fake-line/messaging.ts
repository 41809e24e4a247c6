import { messageProblems } from './rules.js'
import {
  type Answer,
  asRecord,
  badRequest,
  type Delivery,
  type FakeState,
  hex,
  invalid,
  LINE_CHAT_ID,
  notFound,
  ok,
  type Route,
  type RouteContext,
} from './state.js'

const MONTHLY_LIMIT: Answer = { status: 429, body: { message: 'You have reached your monthly limit.' } }

/** Recipients charged for a send: a group costs each of its members (1 when unknown). */
function cost(state: FakeState, to: string): number {
  return to.startsWith('C') ? (state.groups.get(to)?.members ?? 1) : 1
}

function overQuota(state: FakeState, charge: number): boolean {
  return state.quota.type === 'limited' && state.used + charge > state.quota.limit
}

function deliver(ctx: RouteContext, via: Delivery['via'], to: string[], body: Record<string, unknown>) {
  const units = Array.isArray(body.customAggregationUnits) ? (body.customAggregationUnits as string[]) : []
  for (const recipient of to) {
    ctx.state.deliveries.push({
      via,
      to: recipient,
      messages: body.messages as unknown[],
      requestId: ctx.requestId,
      retryKey: ctx.retryKey,
      notificationDisabled: body.notificationDisabled === true,
      customAggregationUnits: units,
    })
  }
}

const sentMessages = (messages: unknown) => ({
  sentMessages: (messages as unknown[]).map(() => ({ id: String(Date.now()) + hex(2), quoteToken: hex(16) })),
})

/** Charges the quota and records the deliveries, or answers 429 when the month is used up. */
function send(
  ctx: RouteContext,
  via: Delivery['via'],
  to: string[],
  body: Record<string, unknown>,
  answer: unknown,
) {
  const charge = via === 'reply' ? 0 : to.reduce((n, id) => n + cost(ctx.state, id), 0)
  if (overQuota(ctx.state, charge)) return MONTHLY_LIMIT
  ctx.state.used += charge
  deliver(ctx, via, to, body)
  return ok(answer)
}

const reply: Route = {
  method: 'POST',
  pattern: /^\/v2\/bot\/message\/reply$/,
  handle(req, _params, ctx) {
    const body = asRecord(req.json)
    const problems = messageProblems(body.messages)
    if (problems.length > 0) return invalid(problems)
    const token = typeof body.replyToken === 'string' ? ctx.state.replyTokens.get(body.replyToken) : undefined
    if (!token || token.used || token.expiresAt <= ctx.state.now()) return badRequest('Invalid reply token')
    token.used = true
    return send(ctx, 'reply', [token.to], body, sentMessages(body.messages))
  },
}

const push: Route = {
  method: 'POST',
  pattern: /^\/v2\/bot\/message\/push$/,
  takesRetryKey: true,
  handle(req, _params, ctx) {
    const body = asRecord(req.json)
    if (typeof body.to !== 'string' || !LINE_CHAT_ID.test(body.to)) {
      return badRequest("The property, 'to', in the request body is invalid")
    }
    const problems = messageProblems(body.messages)
    if (problems.length > 0) return invalid(problems)
    return send(ctx, 'push', [body.to], body, sentMessages(body.messages))
  },
}

const multicast: Route = {
  method: 'POST',
  pattern: /^\/v2\/bot\/message\/multicast$/,
  takesRetryKey: true,
  handle(req, _params, ctx) {
    const body = asRecord(req.json)
    const to = body.to
    if (!Array.isArray(to) || to.length < 1 || to.length > 500) {
      return invalid([{ property: 'to', message: 'Size must be between 1 and 500' }])
    }
    if (!to.every((id) => typeof id === 'string' && id.startsWith('U') && LINE_CHAT_ID.test(id))) {
      return badRequest("The property, 'to', in the request body is invalid")
    }
    const problems = messageProblems(body.messages)
    if (problems.length > 0) return invalid(problems)
    return send(ctx, 'multicast', to as string[], body, {})
  },
}

const broadcast: Route = {
  method: 'POST',
  pattern: /^\/v2\/bot\/message\/broadcast$/,
  takesRetryKey: true,
  handle(req, _params, ctx) {
    const body = asRecord(req.json)
    const problems = messageProblems(body.messages)
    if (problems.length > 0) return invalid(problems)
    return send(ctx, 'broadcast', ctx.state.followers, body, {})
  },
}

const loading: Route = {
  method: 'POST',
  pattern: /^\/v2\/bot\/chat\/loading\/start$/,
  handle(req) {
    const body = asRecord(req.json)
    const seconds = body.loadingSeconds ?? 20
    if (typeof body.chatId !== 'string' || !/^U[0-9a-f]{32}$/.test(body.chatId)) {
      return badRequest("The property, 'chatId', in the request body is invalid")
    }
    if (typeof seconds !== 'number' || seconds < 5 || seconds > 60 || seconds % 5 !== 0) {
      return invalid([{ property: 'loadingSeconds', message: 'Must be a multiple of 5 between 5 and 60' }])
    }
    return ok({}, 202)
  },
}

const quota: Route = {
  method: 'GET',
  pattern: /^\/v2\/bot\/message\/quota$/,
  handle: (_req, _params, { state }) =>
    ok(state.quota.type === 'none' ? { type: 'none' } : { type: 'limited', value: state.quota.limit }),
}

const consumption: Route = {
  method: 'GET',
  pattern: /^\/v2\/bot\/message\/quota\/consumption$/,
  handle: (_req, _params, { state }) => ok({ totalUsage: state.used }),
}

const groupSummary: Route = {
  method: 'GET',
  pattern: /^\/v2\/bot\/group\/([^/]+)\/summary$/,
  handle(_req, [groupId = ''], { state }) {
    const g = state.groups.get(groupId)
    if (!g) return notFound()
    return ok({ groupId, groupName: g.name, ...(g.pictureUrl ? { pictureUrl: g.pictureUrl } : {}) })
  },
}

const groupCount: Route = {
  method: 'GET',
  pattern: /^\/v2\/bot\/group\/([^/]+)\/members\/count$/,
  handle(_req, [groupId = ''], { state }) {
    const g = state.groups.get(groupId)
    return g ? ok({ count: g.members }) : notFound()
  },
}

/** A follower's profile; anyone else is 404, as LINE answers for a user who is not a friend. */
const profile: Route = {
  method: 'GET',
  pattern: /^\/v2\/bot\/profile\/([^/]+)$/,
  handle(_req, [userId = ''], { state }) {
    if (!state.followers.includes(userId)) return notFound()
    const language = state.languages.get(userId)
    return ok({ userId, displayName: 'พนักงาน', ...(language ? { language } : {}) })
  },
}

/** Served on the data host (api-data.line.me) in production. */
const content: Route = {
  method: 'GET',
  pattern: /^\/v2\/bot\/message\/([^/]+)\/content$/,
  handle(_req, [messageId = ''], { state }) {
    const c = state.contents.get(messageId)
    if (!c) return notFound()
    if (c.kind === 'preparing') return { status: 202, bytes: new Uint8Array(), contentType: 'text/plain' }
    if (c.kind === 'gone') return { status: 410, body: { message: 'Gone' } }
    return { status: 200, bytes: c.bytes, contentType: c.contentType }
  },
}

export const messagingRoutes: Route[] = [
  reply,
  push,
  multicast,
  broadcast,
  loading,
  quota,
  consumption,
  groupSummary,
  groupCount,
  profile,
  content,
]
