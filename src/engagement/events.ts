import type { Kysely } from 'kysely'
import type { Keyring } from '../core/keyring.js'
import type { Database } from '../db/schema.js'

type Db = Kysely<Database>

/** The keyring purpose for engagement chat keys: one chat gets the same key in every event. */
export const ENGAGEMENT_PURPOSE = 'engagement'

/**
 * One engagement event (pseudonymous: keyed HMACs, never LINE ids). `chatKey` is already an HMAC; use
 * engagementChatKey() to make one. Kinds are dotted names: 'message.sent', 'message.failed', …
 */
export interface EngagementEvent {
  orgId: string
  occurredAt: Date
  kind: string
  chatKey: string | null
  refType?: string | null
  refId?: string | null
  measure?: string | null
  data?: Record<string, unknown>
  /** engagementChatKey() of the group or room it happened in; null or absent in 1:1. */
  placeKey?: string | null
}

/** HMAC of a LINE chat id: enough to count unique reach, not enough to message anyone. */
export function engagementChatKey(keyring: Keyring, chatId: string): Promise<string> {
  return keyring.pseudonym(ENGAGEMENT_PURPOSE, chatId)
}

/**
 * The key of whoever acted: the person when LINE says who (1:1, and a member tapping in a
 * group), else the chat. Unique people reached and acknowledgments are counted on it.
 */
export function actorKey(
  keyring: Keyring,
  source: { type: string; userId?: string; groupId?: string; roomId?: string },
) {
  const id = source.userId ?? source.groupId ?? source.roomId
  return id ? engagementChatKey(keyring, id) : Promise.resolve(null)
}

/** The key of the group or room an event happened in (its unit in the reports); null in 1:1. */
export function placeKey(keyring: Keyring, source: { type: string; groupId?: string; roomId?: string }) {
  const id = source.groupId ?? source.roomId
  return id ? engagementChatKey(keyring, id) : Promise.resolve(null)
}

/** Appends events. There is deliberately no update or delete: the log is evidence. */
export async function appendEvents(db: Db, events: EngagementEvent[]): Promise<void> {
  if (events.length === 0) return
  await db
    .insertInto('engagement_events')
    .values(
      events.map((e) => ({
        org_id: e.orgId,
        occurred_at: e.occurredAt,
        kind: e.kind,
        chat_key: e.chatKey,
        ref_type: e.refType ?? null,
        ref_id: e.refId ?? null,
        measure: e.measure ?? null,
        data: JSON.stringify(e.data ?? {}),
        place_key: e.placeKey ?? null,
      })),
    )
    .execute()
}

export interface EventQuery {
  orgId: string
  refType?: string
  refId?: string
  kind?: string
}

/** Reads events oldest first (the evidence reports build on this). */
export async function listEvents(db: Db, q: EventQuery) {
  let query = db.selectFrom('engagement_events').selectAll().where('org_id', '=', q.orgId)
  if (q.refType !== undefined) query = query.where('ref_type', '=', q.refType)
  if (q.refId !== undefined) query = query.where('ref_id', '=', q.refId)
  if (q.kind !== undefined) query = query.where('kind', '=', q.kind)
  return query.orderBy('id').execute()
}
