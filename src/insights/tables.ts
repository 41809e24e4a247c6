import type { ColumnType, Generated, Selectable } from 'kysely'

// LINE's statistics (migration T1200). Figures are nullable: LINE's null ("under 20") stays null.

type Timestamp = ColumnType<Date, Date | string, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
/** A calendar day, 'YYYY-MM-DD' (LINE's days are UTC+9). */
type Day = string
type Json<T> = ColumnType<T, string, string>
type Figure = number | null

export interface LineInsightOrgsTable {
  org_id: string
}

/** The statistics LINE answers separately; a plan may lack one and not another. */
export type InsightFeature = 'delivery' | 'followers' | 'units'

export interface LineInsightAccessTable {
  org_id: string
  feature: InsightFeature
  unavailable_since: Timestamp
  retry_at: Timestamp
  detail: string | null
}

export interface LineInsightCallsTable {
  id: Generated<number>
  org_id: string
  at: Timestamp
}

export type InsightRunStatus = 'pending' | 'done' | 'not_available' | 'failed'

export interface LineInsightRunsTable {
  org_id: string
  day: Day
  status: ColumnType<InsightRunStatus, InsightRunStatus | undefined, InsightRunStatus>
  next_attempt_at: Timestamp
  lease_until: NullableTimestamp
  attempts: Generated<number>
  note: string | null
  updated_at: Timestamp
}

export interface LineDailyStatsTable {
  org_id: string
  day: Day
  delivery_status: string | null
  followers_status: string | null
  fetched_at: Timestamp
  broadcast: Figure
  targeting: Figure
  auto_response: Figure
  welcome_response: Figure
  chat: Figure
  api_broadcast: Figure
  api_push: Figure
  api_multicast: Figure
  api_narrowcast: Figure
  api_reply: Figure
  followers: Figure
  targeted_reaches: Figure
  blocks: Figure
}

export interface UnitMessageFigures {
  seq: number
  impression: Figure
  uniqueImpression: Figure
}
export interface UnitClickFigures {
  seq: number
  url: string
  click: Figure
  uniqueClick: Figure
}

export interface LineUnitStatsTable {
  org_id: string
  unit: string
  broadcast_id: string
  from_day: Day
  to_day: Day
  unique_impression: Figure
  unique_click: Figure
  unique_media_played: Figure
  unique_media_played_100: Figure
  messages: Json<UnitMessageFigures[]>
  clicks: Json<UnitClickFigures[]>
  fetched_at: Timestamp
}

export interface InsightTables {
  line_insight_orgs: LineInsightOrgsTable
  line_insight_access: LineInsightAccessTable
  line_insight_calls: LineInsightCallsTable
  line_insight_runs: LineInsightRunsTable
  line_daily_stats: LineDailyStatsTable
  line_unit_stats: LineUnitStatsTable
}

export type InsightAccessRow = Selectable<LineInsightAccessTable>
export type InsightRunRow = Selectable<LineInsightRunsTable>
export type DailyStatsRow = Selectable<LineDailyStatsTable>
export type UnitStatsRow = Selectable<LineUnitStatsTable>

// These tables in kysely's Database (db/schema.ts: declaration merging).
declare module '../db/schema.js' {
  interface Database extends InsightTables {}
}
