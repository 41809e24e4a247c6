import type { ColumnType, Generated, Selectable } from 'kysely'
import type { LineMessage } from '../line/port.js'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
/** jsonb: kysely passes objects to both drivers as JSON text; written through JSON.stringify. */
type Json<T> = ColumnType<T, string, string>

export type TemplateKey = 'text' | 'flex' | 'budget' | 'assets' | 'nogift'
export type BroadcastStatus =
  | 'draft'
  | 'scheduled'
  | 'sending'
  | 'sent'
  | 'partly_failed'
  | 'failed'
  | 'cancelled'
export type RunStatus = 'pending' | 'sending' | 'sent' | 'partly_failed' | 'failed'
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed'
export type RecipientType = 'group' | 'room' | 'user' | 'all_followers'
export const ALL_FOLLOWERS = 'all_followers'

export interface GroupLabelsTable {
  org_id: string
  chat_id: string
  label: string
  created_at: Timestamp
}

export interface AudiencesTable {
  id: string
  org_id: string
  name: string
  created_at: Timestamp
  updated_at: Timestamp
}

export interface AudienceMembersTable {
  org_id: string
  audience_id: string
  kind: 'group' | 'label'
  value: string
}

export interface BroadcastsTable {
  id: string
  org_id: string
  title: string
  template: TemplateKey
  messages: Json<LineMessage[]>
  audience: string
  measure: string | null
  run_at: Timestamp
  recurrence: string | null
  time_zone: string
  status: BroadcastStatus
  next_run_at: NullableTimestamp
  created_by: string
  created_at: Timestamp
  updated_at: Timestamp
}

export interface BroadcastRunsTable {
  id: string
  org_id: string
  broadcast_id: string
  scheduled_for: Timestamp
  status: RunStatus
  messages: Json<LineMessage[]>
  audience: string
  measure: string | null
  resume_at: Timestamp
  reason: string | null
  created_at: Timestamp
  started_at: NullableTimestamp
  finished_at: NullableTimestamp
}

export interface BroadcastDeliveriesTable {
  org_id: string
  run_id: string
  recipient: string
  recipient_type: RecipientType
  status: DeliveryStatus
  retry_key: string
  attempts: Generated<number>
  next_attempt_at: Timestamp
  lease_until: NullableTimestamp
  request_id: string | null
  answer_status: number | null
  detail: string | null
  sent_at: NullableTimestamp
}

export interface EngagementEventsTable {
  id: Generated<number>
  org_id: string
  occurred_at: Timestamp
  kind: string
  chat_key: string | null
  ref_type: string | null
  ref_id: string | null
  measure: string | null
  data: Json<Record<string, unknown>>
  /** HMAC of the group or room where it happened; null in 1:1 (migration T1100). */
  place_key: Generated<string | null>
}

/** One row per organization: the end of the LINE send time reserved so far (migration T1500). */
export interface LineSendPaceTable {
  org_id: string
  tat: Timestamp
}

export interface BroadcastTables {
  group_labels: GroupLabelsTable
  audiences: AudiencesTable
  audience_members: AudienceMembersTable
  broadcasts: BroadcastsTable
  broadcast_runs: BroadcastRunsTable
  broadcast_deliveries: BroadcastDeliveriesTable
  engagement_events: EngagementEventsTable
  line_send_pace: LineSendPaceTable
}

export type BroadcastRow = Selectable<BroadcastsTable>
export type RunRow = Selectable<BroadcastRunsTable>
export type DeliveryRow = Selectable<BroadcastDeliveriesTable>
export type EngagementRow = Selectable<EngagementEventsTable>

// These tables in kysely's Database (db/schema.ts: declaration merging).
declare module '../db/schema.js' {
  interface Database extends BroadcastTables {}
}
