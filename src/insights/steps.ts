import type { Kysely } from 'kysely'
import { aggregationUnitFor } from '../broadcasts/units.js'
import { addDays } from '../core/time/index.js'
import type { Database } from '../db/schema.js'
import type { DeliveryCounts, FollowerCounts, InsightResult, LinePort, UnitStatistics } from '../line/port.js'
import { lineDayOf, lineDayStart } from './days.js'
import {
  findDailyStats,
  sentBroadcasts,
  unitsFetched,
  upsertDailyStats,
  upsertUnitStats,
} from './repository.js'
import type { InsightFeature } from './tables.js'

// The LINE calls one day needs, each with where its answer goes. A step whose figures are
// already stored is not listed, so a run resumed after a budget pause or a crash asks LINE
// only for what is still missing.

type Failure = Exclude<InsightResult<never>, { kind: 'ok' }>
export type StepResult = { kind: 'stored' } | { kind: 'unready' } | Failure
export interface Step {
  feature: InsightFeature
  run(): Promise<StepResult>
}

export interface DayScope {
  db: Kysely<Database>
  line: LinePort
  orgId: string
  /** The LINE day (UTC+9) the figures are for. */
  day: string
  now: Date
  /** Broadcasts first sent this many days back (to `day`) are asked about. */
  windowDays: number
  /** What LINE refused (403) and is not to be asked again yet. */
  blocked: ReadonlySet<InsightFeature>
}

const STORED = { kind: 'stored' } as const
/** LINE's limit on a unit's period. */
const MAX_RANGE_DAYS = 30

const deliveryFields = (c: DeliveryCounts) => ({
  delivery_status: c.status,
  broadcast: c.broadcast,
  targeting: c.targeting,
  auto_response: c.autoResponse,
  welcome_response: c.welcomeResponse,
  chat: c.chat,
  api_broadcast: c.apiBroadcast,
  api_push: c.apiPush,
  api_multicast: c.apiMulticast,
  api_narrowcast: c.apiNarrowcast,
  api_reply: c.apiReply,
})

const followerFields = (c: FollowerCounts) => ({
  followers_status: c.status,
  followers: c.followers,
  targeted_reaches: c.targetedReaches,
  blocks: c.blocks,
})

/** 'unready' is asked again later; 'ready' and 'out_of_service' are final and stored. */
async function daily<T extends { status: string }>(
  s: DayScope,
  ask: () => Promise<InsightResult<T>>,
  fields: (v: T) => Parameters<typeof upsertDailyStats>[3],
): Promise<StepResult> {
  const r = await ask()
  if (r.kind !== 'ok') return r
  if (r.value.status === 'unready') return { kind: 'unready' }
  await upsertDailyStats(s.db, s.orgId, s.day, fields(r.value), s.now)
  return STORED
}

function unitRow(s: DayScope, unit: string, broadcastId: string, from: string, v: UnitStatistics) {
  return {
    org_id: s.orgId,
    unit,
    broadcast_id: broadcastId,
    from_day: from,
    to_day: s.day,
    unique_impression: v.overview.uniqueImpression,
    unique_click: v.overview.uniqueClick,
    unique_media_played: v.overview.uniqueMediaPlayed,
    unique_media_played_100: v.overview.uniqueMediaPlayed100Percent,
    messages: JSON.stringify(v.messages),
    clicks: JSON.stringify(v.clicks),
    fetched_at: s.now,
  }
}

export async function stepsFor(s: DayScope): Promise<Step[]> {
  const steps: Step[] = []
  const stats = await findDailyStats(s.db, s.orgId, s.day)
  if (!stats?.delivery_status && !s.blocked.has('delivery')) {
    steps.push({
      feature: 'delivery',
      run: () => daily(s, () => s.line.getDeliveryCounts(s.day), deliveryFields),
    })
  }
  if (!stats?.followers_status && !s.blocked.has('followers')) {
    steps.push({
      feature: 'followers',
      run: () => daily(s, () => s.line.getFollowerCounts(s.day), followerFields),
    })
  }
  if (s.blocked.has('units')) return steps
  const since = lineDayStart(addDays(s.day, 1 - s.windowDays))
  const until = lineDayStart(addDays(s.day, 1))
  const done = new Set((await unitsFetched(s.db, s.orgId, s.day)).map((r) => r.unit))
  const oldest = addDays(s.day, -MAX_RANGE_DAYS)
  for (const b of await sentBroadcasts(s.db, s.orgId, since, until)) {
    const unit = aggregationUnitFor(b.broadcast_id)
    if (done.has(unit)) continue
    const first = lineDayOf(b.first_sent)
    // The later of the two days ('YYYY-MM-DD' sorts as it reads).
    const from = [first, oldest].sort().at(-1) ?? first
    steps.push({
      feature: 'units',
      run: async () => {
        const r = await s.line.getUnitStatistics(unit, from, s.day)
        if (r.kind !== 'ok') return r
        await upsertUnitStats(s.db, unitRow(s, unit, b.broadcast_id, from, r.value))
        return STORED
      },
    })
  }
  return steps
}
