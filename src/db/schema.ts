import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export type InboxStatus = 'pending' | 'processing' | 'done' | 'parked' | 'ignored' | 'dropped'

export interface WebhookInboxTable {
  event_id: string
  org_id: string
  event_type: string
  mode: string
  chat_key: string | null
  message_id: string | null
  event_ts: NullableTimestamp
  received_at: Timestamp
  status: InboxStatus
  attempts: Generated<number>
  next_attempt_at: Timestamp
  lease_until: NullableTimestamp
  payload: Uint8Array | null
  key_id: string | null
  outcome: string | null
  handled_at: NullableTimestamp
}

export interface LineFriendsTable {
  org_id: string
  user_id: string
  status: 'following' | 'unfollowed'
  followed_at: NullableTimestamp
  unfollowed_at: NullableTimestamp
  updated_at: Timestamp
}

export interface LineGroupsTable {
  org_id: string
  chat_id: string
  chat_type: 'group' | 'room'
  status: 'active' | 'left'
  name: string | null
  picture_url: string | null
  member_count: number | null
  joined_at: NullableTimestamp
  left_at: NullableTimestamp
  updated_at: Timestamp
}

/**
 * Every table the bot keeps. The capabilities add theirs (each `tables.ts` merges its tables into
 * this interface with `declare module`), so this port imports none of them; tsc compiles every
 * file under src/, so a table is here wherever it is queried.
 */
export interface Database {
  webhook_inbox: WebhookInboxTable
  line_friends: LineFriendsTable
  line_groups: LineGroupsTable
}

export type InboxRow = Selectable<WebhookInboxTable>
export type NewInboxRow = Insertable<WebhookInboxTable>
export type GroupRow = Selectable<LineGroupsTable>
export type FriendRow = Selectable<LineFriendsTable>
