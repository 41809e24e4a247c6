/**
 * Rollups of engagement_events (migration T1400), maintained by a trigger; read-only for code.
 * A missing measure or place is stored as '' (key columns cannot be null). engagement_monthly is
 * aggregate; engagement_reach and engagement_first_reach are pseudonymous, like the log: the
 * same HMAC keys, nothing more.
 */
export interface EngagementMonthlyTable {
  org_id: string
  /** The first day of the month, 'YYYY-MM-01', Asia/Bangkok. */
  month: string
  measure: string
  kind: string
  place_key: string
  events: number
  /** numeric: strings, as every numeric column. */
  score_sum: string
  score_total: string
}

export interface EngagementReachTable {
  org_id: string
  /** Buddhist era, October first. */
  fiscal_year: number
  measure: string
  kind: string
  chat_key: string
  place_key: string
}

/** One row per person and measure in a fiscal year: the day they were first reached. */
export interface EngagementFirstReachTable {
  org_id: string
  fiscal_year: number
  measure: string
  chat_key: string
  first_day: string
}

export interface RollupTables {
  engagement_monthly: EngagementMonthlyTable
  engagement_reach: EngagementReachTable
  engagement_first_reach: EngagementFirstReachTable
}

// These tables in kysely's Database (db/schema.ts: declaration merging).
declare module '../db/schema.js' {
  interface Database extends RollupTables {}
}
