import { insight } from '@line/bot-sdk'
import { AGGREGATION_UNIT, assertNoProblems } from './limits.js'
import { type CallOutcome, callOnce, type HttpInfo } from './outcome.js'
import type {
  DeliveryCounts,
  FollowerCounts,
  InsightResult,
  InsightStatus,
  LinePort,
  UnitStatistics,
} from './port.js'

// The insight part of the LINE port over @line/bot-sdk. No retries here: every attempt counts
// against LINE's 60 requests an hour, so a failed call waits for the insight job's next turn.

type InsightPort = Pick<LinePort, 'getDeliveryCounts' | 'getFollowerCounts' | 'getUnitStatistics'>

const DAY = /^\d{4}-\d{2}-\d{2}$/
const DAY_MS = 86_400_000
const MAX_RANGE_DAYS = 30

/** Anything but a number is LINE's "under 20" (or absent): null, never 0. */
export const figure = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

const STATUSES: readonly string[] = ['ready', 'unready', 'out_of_service']
/** A status LINE has not documented is taken as "not counted yet", so the job asks again later. */
const statusOf = (v: unknown): InsightStatus =>
  typeof v === 'string' && STATUSES.includes(v) ? (v as InsightStatus) : 'unready'

const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.map(record) : [])

export function toDeliveryCounts(body: unknown): DeliveryCounts {
  const b = record(body)
  return {
    status: statusOf(b.status),
    broadcast: figure(b.broadcast),
    targeting: figure(b.targeting),
    autoResponse: figure(b.autoResponse),
    welcomeResponse: figure(b.welcomeResponse),
    chat: figure(b.chat),
    apiBroadcast: figure(b.apiBroadcast),
    apiPush: figure(b.apiPush),
    apiMulticast: figure(b.apiMulticast),
    apiNarrowcast: figure(b.apiNarrowcast),
    apiReply: figure(b.apiReply),
  }
}

export function toFollowerCounts(body: unknown): FollowerCounts {
  const b = record(body)
  return {
    status: statusOf(b.status),
    followers: figure(b.followers),
    targetedReaches: figure(b.targetedReaches),
    blocks: figure(b.blocks),
  }
}

export function toUnitStatistics(body: unknown): UnitStatistics {
  const b = record(body)
  const o = record(b.overview)
  return {
    overview: {
      uniqueImpression: figure(o.uniqueImpression),
      uniqueClick: figure(o.uniqueClick),
      uniqueMediaPlayed: figure(o.uniqueMediaPlayed),
      uniqueMediaPlayed100Percent: figure(o.uniqueMediaPlayed100Percent),
    },
    messages: list(b.messages).map((m) => ({
      seq: figure(m.seq) ?? 0,
      impression: figure(m.impression),
      uniqueImpression: figure(m.uniqueImpression),
    })),
    clicks: list(b.clicks).map((c) => ({
      seq: figure(c.seq) ?? 0,
      url: typeof c.url === 'string' ? c.url : '',
      click: figure(c.click),
      uniqueClick: figure(c.uniqueClick),
    })),
  }
}

export function toInsightResult<T, U>(o: CallOutcome<T>, map: (body: T) => U): InsightResult<U> {
  if (o.kind === 'ok') return { kind: 'ok', value: map(o.value) }
  if (o.kind === 'http' && o.status === 403) return { kind: 'not_available', status: 403, detail: o.detail }
  if (o.kind === 'http' && o.status === 429) return { kind: 'rate_limited', status: 429, detail: o.detail }
  return { kind: 'error', status: o.kind === 'http' ? o.status : null, detail: o.detail }
}

/** 'YYYY-MM-DD' → LINE's 'yyyyMMdd'; a malformed day is a bug of the caller, not a LINE answer. */
function lineDate(day: string): string {
  assertNoProblems(DAY.test(day) ? [] : [`day must be YYYY-MM-DD, got "${day.slice(0, 20)}"`])
  return day.replaceAll('-', '')
}

function checkRange(unit: string, from: string, to: string) {
  const span = (Date.parse(to) - Date.parse(from)) / DAY_MS
  assertNoProblems([
    ...(AGGREGATION_UNIT.test(unit) ? [] : ['customAggregationUnit must match ^[a-zA-Z0-9_]{1,30}$']),
    ...(span >= 0 && span <= MAX_RANGE_DAYS ? [] : [`to must be 0–${MAX_RANGE_DAYS} days after from`]),
  ])
}

export function createInsightApi(opts: {
  accessToken: string
  apiBaseUrl: string
  timeoutMs: number
}): InsightPort {
  const client = new insight.InsightClient({ channelAccessToken: opts.accessToken, baseURL: opts.apiBaseUrl })
  const once = <T>(run: () => Promise<HttpInfo<T>>) => callOnce(opts.timeoutMs, run)
  return {
    async getDeliveryCounts(day) {
      const date = lineDate(day)
      return toInsightResult(
        await once(() => client.getNumberOfMessageDeliveriesWithHttpInfo(date)),
        toDeliveryCounts,
      )
    },
    async getFollowerCounts(day) {
      const date = lineDate(day)
      return toInsightResult(
        await once(() => client.getNumberOfFollowersWithHttpInfo(date)),
        toFollowerCounts,
      )
    },
    async getUnitStatistics(unit, from, to) {
      const [f, t] = [lineDate(from), lineDate(to)]
      checkRange(unit, from, to)
      return toInsightResult(
        await once(() => client.getStatisticsPerUnitWithHttpInfo(unit, f, t)),
        toUnitStatistics,
      )
    },
  }
}
