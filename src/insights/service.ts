import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { latestUnitStats, listDailyStats, listRefusals } from './repository.js'
import type { DailyStatsRow, InsightFeature, UnitStatsRow } from './tables.js'

// LINE's figures as the reports read them. Every figure may be null: LINE gives no number
// under 20 (and none before the job first ran). A report shows "fewer than 20" or "—", and
// never adds a null in as 0.

type Figure = number | null

export interface LineDay {
  /** LINE's day (UTC+9), 'YYYY-MM-DD'. */
  day: string
  /** null: not counted yet; 'out_of_service': LINE could not count that day. */
  deliveryStatus: string | null
  /**
   * Messages sent, by how: through the API (this bot) and from LINE OA Manager. LINE counts
   * messages, so a push of 3 bubbles to a group of 40 is 120.
   */
  sent: {
    push: Figure
    multicast: Figure
    broadcast: Figure
    narrowcast: Figure
    reply: Figure
    manager: {
      broadcast: Figure
      targeting: Figure
      autoResponse: Figure
      welcomeResponse: Figure
      chat: Figure
    }
  }
  followers: Figure
  targetedReaches: Figure
  blocks: Figure
}

export interface LineBroadcastFigures {
  broadcastId: string
  unit: string
  /** The period LINE aggregated: from the first send to the last day fetched. */
  fromDay: string
  toDay: string
  uniqueImpression: Figure
  uniqueClick: Figure
  uniqueMediaPlayed: Figure
  /** Bubbles' impressions added up; null when any bubble's figure was null (or none came). */
  impressions: Figure
  /** Clicks on the message's URLs added up; null as above, and when it has no URL. */
  clicks: Figure
}

export interface LineStats {
  /**
   * What LINE refused (403) for this account's plan, and since when: a report says "not
   * available for this account" rather than showing empty figures as zeros.
   */
  notAvailable: { feature: InsightFeature; since: Date }[]
  days: LineDay[]
  broadcasts: LineBroadcastFigures[]
}

/** A sum that is only a number when every part is. */
function total(parts: Figure[]): Figure {
  if (parts.length === 0 || parts.some((p) => p === null)) return null
  return parts.reduce<number>((n, p) => n + (p ?? 0), 0)
}

const asDay = (r: DailyStatsRow): LineDay => ({
  day: r.day,
  deliveryStatus: r.delivery_status,
  sent: {
    push: r.api_push,
    multicast: r.api_multicast,
    broadcast: r.api_broadcast,
    narrowcast: r.api_narrowcast,
    reply: r.api_reply,
    manager: {
      broadcast: r.broadcast,
      targeting: r.targeting,
      autoResponse: r.auto_response,
      welcomeResponse: r.welcome_response,
      chat: r.chat,
    },
  },
  followers: r.followers,
  targetedReaches: r.targeted_reaches,
  blocks: r.blocks,
})

const toBroadcast = (r: UnitStatsRow): LineBroadcastFigures => ({
  broadcastId: r.broadcast_id,
  unit: r.unit,
  fromDay: r.from_day,
  toDay: r.to_day,
  uniqueImpression: r.unique_impression,
  uniqueClick: r.unique_click,
  uniqueMediaPlayed: r.unique_media_played,
  impressions: total(r.messages.map((m) => m.impression)),
  clicks: total(r.clicks.map((c) => c.click)),
})

/** LINE's figures for an organization: days in [fromDay, toDay], broadcasts first sent in it. */
export async function lineStatsFor(
  db: Kysely<Database>,
  orgId: string,
  fromDay: string,
  toDay: string,
): Promise<LineStats> {
  const [refusals, days, units] = await Promise.all([
    listRefusals(db, orgId),
    listDailyStats(db, orgId, fromDay, toDay),
    latestUnitStats(db, orgId, fromDay, toDay),
  ])
  return {
    notAvailable: refusals.map((r) => ({ feature: r.feature, since: r.unavailable_since })),
    days: days.map(asDay),
    broadcasts: units.map(toBroadcast),
  }
}
