import type { ColumnType } from 'kysely'

/**
 * Follow-up attempts per client or organization and time bucket (migration T0400). The key is
 * an HMAC of who and when (complaints/follow-throttle.ts): never an address, a LINE id or a case.
 */
export interface ComplaintFollowThrottleTable {
  key: string
  attempts: number
  /** 'YYYY-MM-DD' (UTC) of the bucket, only so yesterday's rows can be deleted. */
  day: ColumnType<string, string, string>
}

export interface FollowThrottleTables {
  complaint_follow_throttle: ComplaintFollowThrottleTable
}

// These tables in kysely's Database (db/schema.ts: declaration merging).
declare module '../db/schema.js' {
  interface Database extends FollowThrottleTables {}
}
