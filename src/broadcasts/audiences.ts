import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { ALL_FOLLOWERS, type RecipientType } from './tables.js'

type Db = Kysely<Database>

/** Group labels and saved audiences (kysely only). Recipients are contact-class ids. */
export interface Recipient {
  recipient: string
  type: RecipientType
  /** What LINE charges for one push to it: a group's member count, 1 for a user; null = unknown. */
  cost: number | null
}

export async function addLabel(db: Db, orgId: string, chatId: string, label: string): Promise<void> {
  await db
    .insertInto('group_labels')
    .values({ org_id: orgId, chat_id: chatId, label })
    .onConflict((oc) => oc.columns(['org_id', 'chat_id', 'label']).doNothing())
    .execute()
}

export async function removeLabel(db: Db, orgId: string, chatId: string, label: string): Promise<void> {
  await db
    .deleteFrom('group_labels')
    .where('org_id', '=', orgId)
    .where('chat_id', '=', chatId)
    .where('label', '=', label)
    .execute()
}

export async function listLabels(db: Db, orgId: string) {
  return db.selectFrom('group_labels').selectAll().where('org_id', '=', orgId).orderBy('label').execute()
}

export interface AudienceMember {
  kind: 'group' | 'label'
  value: string
}

/** Creates or replaces an audience and its members in the caller's transaction. */
export async function saveAudience(
  db: Db,
  orgId: string,
  id: string,
  name: string,
  members: AudienceMember[],
  now: Date,
): Promise<void> {
  await db
    .insertInto('audiences')
    .values({ id, org_id: orgId, name, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ name, updated_at: now }).where('audiences.org_id', '=', orgId),
    )
    .execute()
  await db.deleteFrom('audience_members').where('org_id', '=', orgId).where('audience_id', '=', id).execute()
  if (members.length === 0) return
  await db
    .insertInto('audience_members')
    .values(members.map((m) => ({ org_id: orgId, audience_id: id, kind: m.kind, value: m.value })))
    .onConflict((oc) => oc.columns(['audience_id', 'kind', 'value']).doNothing())
    .execute()
}

export async function findAudience(db: Db, orgId: string, id: string) {
  return db
    .selectFrom('audiences')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/**
 * The chats an audience reaches now, as a query: its groups and every group carrying one of its
 * labels, active ones only (LINE refuses a push to a group the bot has left), each once. A query
 * so a run's deliveries can be inserted from it without the ids leaving the database.
 */
export function audienceGroups(db: Db, orgId: string, audience: string) {
  return db
    .selectFrom('line_groups as g')
    .select(['g.chat_id as recipient', 'g.chat_type as recipient_type', 'g.member_count'])
    .where('g.org_id', '=', orgId)
    .where('g.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('audience_members as m')
            .select('m.value')
            .whereRef('m.value', '=', 'g.chat_id')
            .where('m.kind', '=', 'group')
            .where('m.audience_id', '=', audience)
            .where('m.org_id', '=', orgId),
        ),
        eb.exists(
          eb
            .selectFrom('audience_members as m')
            .innerJoin('group_labels as l', (j) =>
              j.onRef('l.label', '=', 'm.value').onRef('l.org_id', '=', 'm.org_id'),
            )
            .select('m.value')
            .whereRef('l.chat_id', '=', 'g.chat_id')
            .where('m.kind', '=', 'label')
            .where('m.audience_id', '=', audience)
            .where('m.org_id', '=', orgId),
        ),
      ]),
    )
}

/** The followers LINE's broadcast endpoint reaches now (what one 'all_followers' send costs). */
export async function countFollowers(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('line_friends')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('status', '=', 'following')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * The recipients of an audience (audienceGroups), or for 'all_followers' one recipient: LINE's
 * broadcast endpoint, costing every follower.
 */
export async function resolveRecipients(db: Db, orgId: string, audience: string): Promise<Recipient[]> {
  if (audience === ALL_FOLLOWERS) {
    const n = await countFollowers(db, orgId)
    return n === 0 ? [] : [{ recipient: ALL_FOLLOWERS, type: 'all_followers', cost: n }]
  }
  const rows = await audienceGroups(db, orgId, audience).orderBy('g.chat_id').execute()
  return rows.map((r) => ({ recipient: r.recipient, type: r.recipient_type, cost: r.member_count }))
}
