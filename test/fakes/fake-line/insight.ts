import { type Answer, badRequest, type FakeInsight, ok, type Route } from './state.js'

// LINE's insight endpoints as the fake answers them: 60 requests an hour (rolling), 403 for a
// plan without statistics, LINE's parameter rules, and null for figures under 20 (set by the
// test in the answer bodies).

const HOUR_MS = 3_600_000
const DATE = /^\d{8}$/
const UNIT = /^[a-zA-Z0-9_]{1,30}$/
const RATE_LIMITED: Answer = {
  status: 429,
  body: { message: 'The API rate limit has been exceeded. Try again later.' },
}
const NO_ACCESS: Answer = {
  status: 403,
  body: { message: 'Access to this API is not available for your account' },
}

export const emptyInsight = (): FakeInsight => ({
  access: true,
  denied: new Set(),
  deliveries: new Map(),
  followers: new Map(),
  units: new Map(),
  calls: [],
})

/** Counts the request against the hour; the answer when LINE would refuse it before reading it. */
function gate(insight: FakeInsight, now: number, endpoint: string): Answer | null {
  insight.calls.push(now)
  if (insight.calls.filter((t) => t > now - HOUR_MS).length > 60) return RATE_LIMITED
  return insight.access && !insight.denied.has(endpoint) ? null : NO_ACCESS
}

const toTime = (d: string) => Date.parse(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T00:00:00+09:00`)

const delivery: Route = {
  method: 'GET',
  pattern: /^\/v2\/bot\/insight\/message\/delivery$/,
  handle(req, _params, ctx) {
    const refused = gate(ctx.state.insight, ctx.state.now(), 'delivery')
    if (refused) return refused
    const date = req.query.date ?? ''
    if (!DATE.test(date)) return badRequest("The value for the 'date' parameter is invalid")
    return ok(ctx.state.insight.deliveries.get(date) ?? { status: 'unready' })
  },
}

const followers: Route = {
  method: 'GET',
  pattern: /^\/v2\/bot\/insight\/followers$/,
  handle(req, _params, ctx) {
    const refused = gate(ctx.state.insight, ctx.state.now(), 'followers')
    if (refused) return refused
    const date = req.query.date ?? ''
    if (date !== '' && !DATE.test(date)) return badRequest("The value for the 'date' parameter is invalid")
    return ok(ctx.state.insight.followers.get(date) ?? { status: 'unready' })
  },
}

const nullUnit = {
  overview: {
    uniqueImpression: null,
    uniqueClick: null,
    uniqueMediaPlayed: null,
    uniqueMediaPlayed100Percent: null,
  },
  messages: [],
  clicks: [],
}

const aggregation: Route = {
  method: 'GET',
  pattern: /^\/v2\/bot\/insight\/message\/event\/aggregation$/,
  handle(req, _params, ctx) {
    const refused = gate(ctx.state.insight, ctx.state.now(), 'aggregation')
    if (refused) return refused
    const { customAggregationUnit: unit = '', from = '', to = '' } = req.query
    if (!UNIT.test(unit)) return badRequest("The value for the 'customAggregationUnit' parameter is invalid")
    if (!DATE.test(from) || !DATE.test(to))
      return badRequest("The value for the 'from' or 'to' parameter is invalid")
    const days = (toTime(to) - toTime(from)) / 86_400_000
    if (days < 0 || days > 30) return badRequest("'to' must be within 30 days after 'from'")
    return ok(ctx.state.insight.units.get(unit) ?? nullUnit)
  },
}

export const insightRoutes: Route[] = [delivery, followers, aggregation]
