import type { LineMessage } from '../line/port.js'

/** A simulated LINE user: a persona someone at the keyboard speaks as. */
export interface SimUser {
  userId: string
  name: string
  /** Opened a 1:1 chat with the bot (a follow event was sent) and has not blocked it since. */
  following: boolean
  /** Has ever followed: a second follow after a block carries `isUnblocked: true`. */
  everFollowed: boolean
  /** The language of the person's LINE app, as getProfile reports it (Thai when unset). */
  language?: string
}

export interface SimGroup {
  groupId: string
  name: string
  memberIds: string[]
  /** The bot is a member: only then do the group's events reach the webhook. */
  botIn: boolean
}

export type ChatKind = 'user' | 'group'

/** What the page and the terminal list on the left: one entry per chat. */
export interface ChatSummary {
  id: string
  kind: ChatKind
  name: string
  following?: boolean
  botIn?: boolean
  members?: { userId: string; name: string }[]
  lastSeq: number
}

export interface Speaker {
  userId: string
  name: string
}

/** The ways a bot message reached the chat; shown so a reader sees what would be charged. */
export type Via = 'reply' | 'push' | 'multicast' | 'broadcast'

/** Postback `params` from a datetime picker: `{date}`, `{time}` or `{datetime}`. */
export type PostbackParams = Record<string, string>

export type EntryBody =
  | { kind: 'user'; from: Speaker; messageId: string; text: string; mentionsBot: boolean }
  | {
      kind: 'media'
      from: Speaker
      messageId: string
      /** LINE's message type: a photo, or a file of any type under its name. */
      media: 'image' | 'file'
      fileName: string | null
      size: number
      contentType: string
    }
  | {
      kind: 'postback'
      from: Speaker
      data: string
      displayText: string | null
      params: PostbackParams | null
    }
  | { kind: 'bot'; via: Via; messages: LineMessage[] }
  | { kind: 'typing'; seconds: number }
  | { kind: 'unsend'; from: Speaker; targetSeq: number }
  | { kind: 'system'; level: 'info' | 'error'; text: string }

/** One line of a chat's transcript. `seq` is global and increasing, so `since` polling works. */
export type TranscriptEntry = EntryBody & { seq: number; chatId: string; at: number }
