import type { ColumnType, Selectable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export interface ApiTokensTable {
  id: string
  org_id: string
  name: string
  /** Public part of the token: shown in lists, used to find the row. */
  prefix: string
  /** Hex SHA-256 of the whole token; the token itself is never stored. */
  token_hash: string
  /** Who made it: an admin account id, or "cli" for the command line. */
  created_by: string
  created_at: Timestamp
  last_used_at: NullableTimestamp
  revoked_at: NullableTimestamp
}

export interface ApiTables {
  api_tokens: ApiTokensTable
}

export type ApiTokenRow = Selectable<ApiTokensTable>

// These tables in kysely's Database (db/schema.ts: declaration merging).
declare module '../db/schema.js' {
  interface Database extends ApiTables {}
}
