import type { Kysely } from 'kysely'
import type { Database, FriendRow, GroupRow } from '../db/schema.js'

type Db = Kysely<Database>

export async function upsertFriend(
  db: Db,
  orgId: string,
  userId: string,
  status: 'following' | 'unfollowed',
  at: Date,
): Promise<void> {
  const stamp = status === 'following' ? { followed_at: at } : { unfollowed_at: at }
  await db
    .insertInto('line_friends')
    .values({ org_id: orgId, user_id: userId, status, updated_at: at, ...stamp })
    .onConflict((oc) => oc.columns(['org_id', 'user_id']).doUpdateSet({ status, updated_at: at, ...stamp }))
    .execute()
}

export async function findFriend(db: Db, orgId: string, userId: string): Promise<FriendRow | undefined> {
  return db
    .selectFrom('line_friends')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

export async function countFollowers(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('line_friends')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('status', '=', 'following')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function upsertGroupJoined(
  db: Db,
  orgId: string,
  chatId: string,
  chatType: 'group' | 'room',
  at: Date,
): Promise<void> {
  await db
    .insertInto('line_groups')
    .values({
      org_id: orgId,
      chat_id: chatId,
      chat_type: chatType,
      status: 'active',
      joined_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'chat_id'])
        .doUpdateSet({ status: 'active', joined_at: at, left_at: null, updated_at: at }),
    )
    .execute()
}

/** Records a group first seen through a member event, without touching a known group's dates. */
export async function ensureGroup(
  db: Db,
  orgId: string,
  chatId: string,
  chatType: 'group' | 'room',
  at: Date,
) {
  await db
    .insertInto('line_groups')
    .values({
      org_id: orgId,
      chat_id: chatId,
      chat_type: chatType,
      status: 'active',
      joined_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(['org_id', 'chat_id']).doNothing())
    .execute()
}

export async function markGroupLeft(db: Db, orgId: string, chatId: string, at: Date): Promise<void> {
  await db
    .updateTable('line_groups')
    .set({ status: 'left', left_at: at, updated_at: at })
    .where('org_id', '=', orgId)
    .where('chat_id', '=', chatId)
    .execute()
}

export async function updateGroupProfile(
  db: Db,
  orgId: string,
  chatId: string,
  profile: { name?: string | null; pictureUrl?: string | null; memberCount?: number | null },
  at: Date,
): Promise<void> {
  const set: Partial<{ name: string | null; picture_url: string | null; member_count: number | null }> = {}
  if (profile.name !== undefined) set.name = profile.name
  if (profile.pictureUrl !== undefined) set.picture_url = profile.pictureUrl
  if (profile.memberCount !== undefined) set.member_count = profile.memberCount
  if (Object.keys(set).length === 0) return
  await db
    .updateTable('line_groups')
    .set({ ...set, updated_at: at })
    .where('org_id', '=', orgId)
    .where('chat_id', '=', chatId)
    .execute()
}

/** Adjusts the member count from join/leave events when LINE cannot tell us the exact figure. */
export async function adjustMemberCount(db: Db, orgId: string, chatId: string, delta: number, at: Date) {
  await db
    .updateTable('line_groups')
    .set((eb) => ({
      member_count: eb.fn('greatest', [eb.val(0), eb('member_count', '+', delta)]),
      updated_at: at,
    }))
    .where('org_id', '=', orgId)
    .where('chat_id', '=', chatId)
    .where('member_count', 'is not', null)
    .execute()
}

export async function findGroup(db: Db, orgId: string, chatId: string): Promise<GroupRow | undefined> {
  return db
    .selectFrom('line_groups')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('chat_id', '=', chatId)
    .executeTakeFirst()
}

/** Rows whose key looks like a raw LINE user id ('U' + 32 hex). */
export function listRawFriendIds(db: Db) {
  return db
    .selectFrom('line_friends')
    .select(['org_id', 'user_id'])
    .where('user_id', 'like', 'U%')
    .where((eb) => eb(eb.fn('length', ['user_id']), '=', 33))
    .execute()
}

/** Moves a row to its new key: insert (or keep the newer keyed row) and delete the old one. */
export async function rekeyFriend(db: Db, orgId: string, rawId: string, key: string): Promise<void> {
  const row = await db
    .selectFrom('line_friends')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('user_id', '=', rawId)
    .executeTakeFirst()
  if (!row) return
  await db
    .insertInto('line_friends')
    .values({ ...row, user_id: key })
    .onConflict((oc) => oc.columns(['org_id', 'user_id']).doNothing())
    .execute()
  await db.deleteFrom('line_friends').where('org_id', '=', orgId).where('user_id', '=', rawId).execute()
}
