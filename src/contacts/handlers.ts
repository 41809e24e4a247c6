import { errorFields } from '../core/logger.js'
import type { Source } from '../webhook/events.js'
import type { EventContext, HandlerRegistry } from '../webhook/registry.js'
import {
  adjustMemberCount,
  ensureGroup,
  markGroupLeft,
  updateGroupProfile,
  upsertFriend,
  upsertGroupJoined,
} from './repository.js'

function groupOf(source: Source): { chatId: string; chatType: 'group' | 'room' } | null {
  if (source.type === 'group') return { chatId: source.groupId, chatType: 'group' }
  if (source.type === 'room') return { chatId: source.roomId, chatType: 'room' }
  return null
}

/** Name and member count from LINE; best effort, since the greeting must not wait on it failing. */
async function refreshGroupProfile(ctx: EventContext<{ source: Source }>, chatId: string): Promise<void> {
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

/** The friend registry (follow/unfollow) and group registry (join/leave/members). */
export function registerContacts(registry: HandlerRegistry): void {
  registry.onEvent('follow', async (ctx) => {
    if (ctx.event.source.type !== 'user') return
    await upsertFriend(ctx.deps.db, ctx.orgId, ctx.event.source.userId, 'following', ctx.now)
    await ctx.responder.reply(ctx.deps.flows.render('greeting.follow'))
  })

  // No reply token on unfollow: LINE forbids answering a user who blocked the account.
  registry.onEvent('unfollow', async (ctx) => {
    if (ctx.event.source.type !== 'user') return
    await upsertFriend(ctx.deps.db, ctx.orgId, ctx.event.source.userId, 'unfollowed', ctx.now)
  })

  registry.onEvent('join', async (ctx) => {
    const group = groupOf(ctx.event.source)
    if (!group) return
    await upsertGroupJoined(ctx.deps.db, ctx.orgId, group.chatId, group.chatType, ctx.now)
    await ctx.responder.reply(ctx.deps.flows.render('greeting.join'))
    if (group.chatType === 'group') await refreshGroupProfile(ctx, group.chatId)
  })

  registry.onEvent('leave', async (ctx) => {
    const group = groupOf(ctx.event.source)
    if (group) await markGroupLeft(ctx.deps.db, ctx.orgId, group.chatId, ctx.now)
  })

  registry.onEvent('memberJoined', async (ctx) => {
    const group = groupOf(ctx.event.source)
    if (!group) return
    await ensureGroup(ctx.deps.db, ctx.orgId, group.chatId, group.chatType, ctx.now)
    await adjustMemberCount(ctx.deps.db, ctx.orgId, group.chatId, ctx.event.joined.members.length, ctx.now)
    await ctx.responder.reply(ctx.deps.flows.render('greeting.memberJoined'))
  })

  registry.onEvent('memberLeft', async (ctx) => {
    const group = groupOf(ctx.event.source)
    if (!group) return
    await adjustMemberCount(ctx.deps.db, ctx.orgId, group.chatId, -ctx.event.left.members.length, ctx.now)
  })
}
