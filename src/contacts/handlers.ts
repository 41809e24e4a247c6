import { errorFields } from '../core/logger.js'
import { localDay } from '../core/time/index.js'
import { appendEvents, engagementChatKey } from '../engagement/events.js'
import { greetingVars } from '../orgs/profile.js'
import { getOrg } from '../orgs/service.js'
import type { Source } from '../webhook/events.js'
import type { EventContext, HandlerRegistry } from '../webhook/registry.js'
import { friendKey } from './keys.js'
import {
  adjustMemberCount,
  ensureGroup,
  markGroupLeft,
  updateGroupProfile,
  upsertFriend,
  upsertGroupJoined,
} from './repository.js'

type Ctx = EventContext<{ source: Source }>

/**
 * The friend registry holds no LINE id and no time finer than the day: its rows are written
 * with their engagement events, and an id or a timestamp there would turn every engagement
 * pseudonym back into a person (README "Complaints: who can learn what").
 */
const friendDay = (ctx: Ctx) => new Date(`${localDay(ctx.now, ctx.deps.config.timeZone)}T00:00:00Z`)
type Db = Ctx['deps']['db']

function groupOf(source: Source): { chatId: string; chatType: 'group' | 'room' } | null {
  if (source.type === 'group') return { chatId: source.groupId, chatType: 'group' }
  if (source.type === 'room') return { chatId: source.roomId, chatType: 'room' }
  return null
}

/** Name and member count from LINE; best effort, since the greeting must not wait on it failing. */
async function refreshGroupProfile(ctx: Ctx, chatId: string): Promise<void> {
  const { db, log } = ctx.deps
  const { line } = ctx
  try {
    const [summary, count] = await Promise.all([
      line.getGroupSummary(chatId),
      line.getGroupMemberCount(chatId),
    ])
    await updateGroupProfile(
      db,
      ctx.orgId,
      chatId,
      { name: summary?.name ?? null, pictureUrl: summary?.pictureUrl ?? null, memberCount: count },
      ctx.now,
    )
  } catch (err) {
    log.warn('group.profile_failed', errorFields(err))
  }
}

/**
 * Writes the registry change and its engagement event in one transaction, so the registry and
 * the evidence never disagree. `chatId` is the user (follows) or the group (group events); the
 * event keeps only its HMAC, and a group event is also placed in that group.
 */
async function withEvent(
  ctx: Ctx,
  chatId: string,
  kind: string,
  change: (db: Db) => Promise<void>,
  data: Record<string, unknown> = {},
) {
  const key = await engagementChatKey(ctx.deps.keyring, chatId)
  const placeKey = kind.startsWith('group.') ? key : null
  await ctx.deps.db.transaction().execute(async (trx) => {
    await change(trx)
    await appendEvents(trx, [{ orgId: ctx.orgId, occurredAt: ctx.now, kind, chatKey: key, placeKey, data }])
  })
}

/** The friend registry (follow/unfollow) and group registry (join/leave/members). */
export function registerContacts(registry: HandlerRegistry): void {
  registry.onEvent('follow', async (ctx) => {
    if (ctx.event.source.type !== 'user') return
    const userId = ctx.event.source.userId
    const unblocked = ctx.event.follow?.isUnblocked === true
    const key = await friendKey(ctx.deps.keyring, userId)
    // What LINE reports of their language, asked once and kept beside the friend row.
    await ctx.deps.languages.followed(ctx.orgId, userId, ctx.line)
    await withEvent(
      ctx,
      userId,
      'friend.followed',
      (db) => upsertFriend(db, ctx.orgId, key, 'following', friendDay(ctx)),
      { unblocked },
    )
    const org = await getOrg(ctx.deps.db, ctx.orgId)
    await ctx.responder.reply(ctx.deps.flows.render('greeting.follow', greetingVars(org)))
  })

  // No reply token on unfollow: LINE forbids answering a user who blocked the account.
  registry.onEvent('unfollow', async (ctx) => {
    if (ctx.event.source.type !== 'user') return
    const userId = ctx.event.source.userId
    const key = await friendKey(ctx.deps.keyring, userId)
    await withEvent(ctx, userId, 'friend.unfollowed', (db) =>
      upsertFriend(db, ctx.orgId, key, 'unfollowed', friendDay(ctx)),
    )
  })

  registry.onEvent('join', async (ctx) => {
    const group = groupOf(ctx.event.source)
    if (!group) return
    await withEvent(ctx, group.chatId, 'group.joined', (db) =>
      upsertGroupJoined(db, ctx.orgId, group.chatId, group.chatType, ctx.now),
    )
    const org = await getOrg(ctx.deps.db, ctx.orgId)
    await ctx.responder.reply(ctx.deps.flows.render('greeting.join', greetingVars(org)))
    if (group.chatType === 'group') await refreshGroupProfile(ctx, group.chatId)
  })

  registry.onEvent('leave', async (ctx) => {
    const group = groupOf(ctx.event.source)
    if (!group) return
    await withEvent(ctx, group.chatId, 'group.left', (db) =>
      markGroupLeft(db, ctx.orgId, group.chatId, ctx.now),
    )
  })

  // Members are counted, never keyed: the event says how many came or went, not who.
  registry.onEvent('memberJoined', async (ctx) => {
    const group = groupOf(ctx.event.source)
    if (!group) return
    const count = ctx.event.joined.members.length
    await withEvent(
      ctx,
      group.chatId,
      'group.member_joined',
      async (db) => {
        await ensureGroup(db, ctx.orgId, group.chatId, group.chatType, ctx.now)
        await adjustMemberCount(db, ctx.orgId, group.chatId, count, ctx.now)
      },
      { count },
    )
    await ctx.responder.reply(ctx.deps.flows.render('greeting.memberJoined'))
  })

  registry.onEvent('memberLeft', async (ctx) => {
    const group = groupOf(ctx.event.source)
    if (!group) return
    const count = ctx.event.left.members.length
    await withEvent(
      ctx,
      group.chatId,
      'group.member_left',
      (db) => adjustMemberCount(db, ctx.orgId, group.chatId, -count, ctx.now),
      { count },
    )
  })
}
