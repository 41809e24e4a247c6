import { newWebhookEventId } from './ids.js'
import type { PostbackParams } from './model.js'

// Webhook events exactly as LINE shapes them (Messaging API reference, "Webhook Event Objects").

export type SimSource = { type: 'user'; userId: string } | { type: 'group'; groupId: string; userId?: string }

export type WebhookEvent = Record<string, unknown> & { type: string; webhookEventId: string }

export interface Mention {
  mentionees: { index: number; length: number; type: 'user'; userId: string; isSelf: boolean }[]
}

function base(type: string, source: SimSource, now: Date): WebhookEvent {
  return {
    type,
    mode: 'active',
    timestamp: now.getTime(),
    source,
    webhookEventId: newWebhookEventId(now),
    deliveryContext: { isRedelivery: false },
  }
}

export const events = {
  text(
    source: SimSource,
    now: Date,
    replyToken: string,
    m: { id: string; text: string; quoteToken: string; mention?: Mention },
  ): WebhookEvent {
    const message = { type: 'text', id: m.id, quoteToken: m.quoteToken, text: m.text }
    return {
      ...base('message', source, now),
      replyToken,
      message: m.mention ? { ...message, mention: m.mention } : message,
    }
  },
  /** A photo sent from the LINE app: its bytes are fetched with the message id (get content). */
  image(
    source: SimSource,
    now: Date,
    replyToken: string,
    m: { id: string; quoteToken: string },
  ): WebhookEvent {
    const message = { type: 'image', id: m.id, quoteToken: m.quoteToken, contentProvider: { type: 'line' } }
    return { ...base('message', source, now), replyToken, message }
  },
  /** A file: LINE gives its name and size; unlike photos, file messages carry no quote token. */
  file(
    source: SimSource,
    now: Date,
    replyToken: string,
    m: { id: string; fileName: string; fileSize: number },
  ): WebhookEvent {
    const message = { type: 'file', id: m.id, fileName: m.fileName, fileSize: m.fileSize }
    return { ...base('message', source, now), replyToken, message }
  },
  postback(
    source: SimSource,
    now: Date,
    replyToken: string,
    data: string,
    params: PostbackParams | null,
  ): WebhookEvent {
    return { ...base('postback', source, now), replyToken, postback: params ? { data, params } : { data } }
  },
  follow(userId: string, now: Date, replyToken: string, isUnblocked: boolean): WebhookEvent {
    return { ...base('follow', { type: 'user', userId }, now), replyToken, follow: { isUnblocked } }
  },
  unfollow(userId: string, now: Date): WebhookEvent {
    return base('unfollow', { type: 'user', userId }, now)
  },
  join(groupId: string, now: Date, replyToken: string): WebhookEvent {
    return { ...base('join', { type: 'group', groupId }, now), replyToken }
  },
  leave(groupId: string, now: Date): WebhookEvent {
    return base('leave', { type: 'group', groupId }, now)
  },
  memberJoined(groupId: string, userIds: string[], now: Date, replyToken: string): WebhookEvent {
    const members = userIds.map((userId) => ({ type: 'user', userId }))
    return { ...base('memberJoined', { type: 'group', groupId }, now), replyToken, joined: { members } }
  },
  memberLeft(groupId: string, userIds: string[], now: Date): WebhookEvent {
    const members = userIds.map((userId) => ({ type: 'user', userId }))
    return { ...base('memberLeft', { type: 'group', groupId }, now), left: { members } }
  },
  unsend(source: SimSource, now: Date, messageId: string): WebhookEvent {
    return { ...base('unsend', source, now), unsend: { messageId } }
  },
}

const BOT_MENTION = /^@(bot|บอต)(?=$|[\s,.:!?])/i

/** "@bot …" at the start of a group message mentions the bot, as tapping its name in LINE does. */
export function botMention(text: string, botUserId: string): Mention | undefined {
  const match = BOT_MENTION.exec(text)
  if (!match) return undefined
  return {
    mentionees: [{ index: 0, length: match[0].length, type: 'user', userId: botUserId, isSelf: true }],
  }
}
