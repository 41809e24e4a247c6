import type { ColumnType } from 'kysely'

/** A handled 1:1 event, kept for its day only (migrations/2026-12-09T0100-webhook-seen.ts). */
export interface WebhookSeenTable {
  /** HMAC of LINE's webhookEventId (pseudonym purpose `inbox-seen`). */
  event_key: string
  /** The agency's local day, 'YYYY-MM-DD'. */
  day: ColumnType<string, string, string>
}

export interface SeenTables {
  webhook_seen: WebhookSeenTable
}

// These tables in kysely's Database (db/schema.ts: declaration merging).
declare module '../db/schema.js' {
  interface Database extends SeenTables {}
}
