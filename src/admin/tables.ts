import type { ColumnType, Generated, Selectable } from 'kysely'
import type { Role } from '../console/session.js'
import type { OrgTables } from '../orgs/tables.js'
import type { AdminLineLinkTables } from './line-link-tables.js'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export interface AdminAccountsTable {
  id: string
  org_id: string
  email: string
  role: Role
  password_hash: string
  must_change_password: Generated<boolean>
  disabled_at: NullableTimestamp
  created_at: Timestamp
  /** When the account last became a complaint officer; null for every other role (a check says so). */
  officer_since: NullableTimestamp
}

/** Each grant of the complaint-officer role: what the officers' banner and LINE announcement say. */
export interface AdminOfficerGrantsTable {
  id: string
  org_id: string
  account_id: string
  email: string
  /** The granting account's e-mail, or 'cli'. */
  granted_by: string
  granted_at: Timestamp
  announced_at: NullableTimestamp
}

export interface AdminSessionsTable {
  token_hash: string
  account_id: string
  org_id: string
  csrf_token: string
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: Timestamp
}

export interface AdminLoginFailuresTable {
  id: Generated<number>
  key: string
  at: Timestamp
}

export interface AdminTables extends OrgTables, AdminLineLinkTables {
  admin_accounts: AdminAccountsTable
  admin_sessions: AdminSessionsTable
  admin_login_failures: AdminLoginFailuresTable
  admin_officer_grants: AdminOfficerGrantsTable
}

export type AccountRow = Selectable<AdminAccountsTable>
export type SessionRow = Selectable<AdminSessionsTable>

// These tables in kysely's Database (db/schema.ts: declaration merging).
declare module '../db/schema.js' {
  interface Database extends AdminTables {}
}
