import type { Clock } from '../core/clock.js'
import type { LineMessage, SendResult } from '../line/port.js'
import { type ContentLimits, ContentStore, DEFAULT_CONTENT_LIMITS } from './contents.js'
import { newReplyToken } from './ids.js'
import type { ChatSummary, SimGroup, SimUser } from './model.js'
import { Transcript } from './transcript.js'

/** LINE lets a reply token be used once, within about a minute of the event. */
export const REPLY_TOKEN_VALID_MS = 60_000
/** A retry key identifies one request for 24 hours. */
export const RETRY_KEY_VALID_MS = 24 * 60 * 60_000

/** One outbound LINE call as the simulator recorded it (what would have been sent). */
export interface RecordedCall {
  op: 'reply' | 'push' | 'multicast' | 'broadcast' | 'loading'
  at: number
  /** Chats the messages landed in. */
  chatIds: string[]
  messages: LineMessage[]
  result: SendResult
}

/** Everything one simulator instance knows; the instance owns it, nothing is module-level. */
export class SimState {
  readonly users = new Map<string, SimUser>()
  readonly groups = new Map<string, SimGroup>()
  readonly replyTokens = new Map<string, { chatId: string; issuedAt: number; used: boolean }>()
  readonly retryKeys = new Map<string, { requestId: string; at: number }>()
  /** Transcript seqs of user messages that were unsent. */
  readonly unsent = new Set<number>()
  readonly calls: RecordedCall[] = []
  readonly transcript: Transcript
  /** Photos and files people sent, for getContent. */
  readonly contents: ContentStore
  /** Recipients charged so far (push, multicast, broadcast): reported by getQuota. */
  quotaUsed = 0

  constructor(
    readonly clock: Clock,
    readonly botUserId: string,
    readonly botName: string,
    contentLimits: ContentLimits = DEFAULT_CONTENT_LIMITS,
  ) {
    this.transcript = new Transcript(() => this.now())
    this.contents = new ContentStore(contentLimits, () => this.now())
  }

  now(): number {
    return this.clock.now().getTime()
  }

  userByName(name: string): SimUser | undefined {
    for (const u of this.users.values()) if (u.name === name) return u
    return undefined
  }

  chatKind(id: string): 'user' | 'group' | null {
    if (this.groups.has(id)) return 'group'
    if (this.users.has(id)) return 'user'
    return null
  }

  issueReplyToken(chatId: string): string {
    const now = this.now()
    // Tokens die after a minute anyway; dropping old ones keeps a long demo's memory flat.
    for (const [t, v] of this.replyTokens)
      if (now - v.issuedAt > 10 * REPLY_TOKEN_VALID_MS) this.replyTokens.delete(t)
    const token = newReplyToken()
    this.replyTokens.set(token, { chatId, issuedAt: now, used: false })
    return token
  }

  /** A chat's summary; a person who never opened a 1:1 chat (only in groups) has none. */
  summary(id: string): ChatSummary | null {
    const user = this.users.get(id)
    if (user?.everFollowed) {
      return {
        id,
        kind: 'user',
        name: user.name,
        following: user.following,
        lastSeq: this.transcript.lastSeq(id),
      }
    }
    const group = this.groups.get(id)
    if (!group) return null
    const members = group.memberIds.map((userId) => ({
      userId,
      name: this.users.get(userId)?.name ?? userId,
    }))
    return {
      id,
      kind: 'group',
      name: group.name,
      botIn: group.botIn,
      members,
      lastSeq: this.transcript.lastSeq(id),
    }
  }
}
