import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type { AdminTables } from '../admin/tables.js'
import type { ApiTables } from '../api/tables.js'
import type { AuditTables } from '../audit/tables.js'
import type { BroadcastTables } from '../broadcasts/tables.js'
import type { BudgetTables } from '../budget/tables.js'
import type { FollowThrottleTables } from '../complaints/follow-throttle-tables.js'
import type { ComplaintTables } from '../complaints/tables.js'
import type { ContactTables } from '../contacts/tables.js'
import type { DialogueTables } from '../dialogues/tables.js'
import type { RollupTables } from '../engagement/rollup-tables.js'
import type { EvidenceTables } from '../evidence/tables.js'
import type { InsightTables } from '../insights/tables.js'
import type { NoGiftTables } from '../nogift/tables.js'
import type { QuestionTables } from '../questions/tables.js'
import type { AnswerTables } from '../webhook/answers.tables.js'
import type { SeenTables } from '../webhook/seen.tables.js'

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

export interface Database
  extends AdminTables,
    AuditTables,
    ComplaintTables,
    ContactTables,
    ApiTables,
    BroadcastTables,
    BudgetTables,
    DialogueTables,
    EvidenceTables,
    FollowThrottleTables,
    InsightTables,
    NoGiftTables,
    QuestionTables,
    RollupTables,
    AnswerTables,
    SeenTables {
  webhook_inbox: WebhookInboxTable
  line_friends: LineFriendsTable
  line_groups: LineGroupsTable
}

export type InboxRow = Selectable<WebhookInboxTable>
export type NewInboxRow = Insertable<WebhookInboxTable>
export type GroupRow = Selectable<LineGroupsTable>
export type FriendRow = Selectable<LineFriendsTable>
