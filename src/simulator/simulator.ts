import { type Clock, systemClock } from '../core/clock.js'
import { LIMITS } from '../line/limits.js'
import type { LinePort } from '../line/port.js'
import { type ContentLimits, DEFAULT_CONTENT_LIMITS } from './contents.js'
import { type AppFetch, createDelivery } from './delivery.js'
import { SimulatorError } from './errors.js'
import { createGroupActions, type GroupActions } from './groups.js'
import { newBotUserId, newMessageId, newQuoteToken, userIdFor } from './ids.js'
import { createSimLine } from './line-port.js'
import { createMediaActions, type MediaActions } from './media.js'
import type { ChatSummary, PostbackParams, SimUser, TranscriptEntry } from './model.js'
import { type RecordedCall, SimState } from './state.js'
import type { Transcript } from './transcript.js'
import { botMention, events, type SimSource } from './webhook-events.js'

export { SimulatorError } from './errors.js'

/** Thai personas offered on the chat page; any other typed name works too. */
export const DEFAULT_PERSONAS = ['สมชาย ใจดี', 'สมหญิง รักงาน', 'มานะ ขยันยิ่ง', 'ชูใจ ใฝ่ธรรม'] as const

export interface SimulatorOptions {
  channelSecret: string
  clock?: Clock
  /** The bot's display name in the chat page. */
  botName?: string
  personas?: readonly string[]
  /** What the simulator keeps of sent photos and files (tests use small limits). */
  contentLimits?: Partial<ContentLimits>
}

export interface PostbackInput {
  data: string
  displayText?: string | null
  params?: PostbackParams | null
}

export interface Simulator extends GroupActions, MediaActions {
  /** The LinePort local mode uses: records outbound calls instead of sending them. */
  readonly line: LinePort
  /** The channel secret the simulator signs its webhook bodies with. */
  readonly channelSecret: string
  readonly bot: { userId: string; name: string }
  readonly personas: readonly string[]
  readonly contentLimits: ContentLimits
  readonly transcript: Transcript
  /** Outbound LINE calls as recorded, newest last (the last 500). */
  readonly calls: readonly RecordedCall[]
  /** Gives the simulator the app to deliver its signed webhook requests to. */
  attach(fetch: AppFetch): void
  chats(): ChatSummary[]
  chat(id: string): ChatSummary | null
  /** Opens the 1:1 chat of a persona; the first time, the bot gets a `follow` event. */
  openUserChat(name: string): Promise<ChatSummary>
  /** Blocks (`unfollow`) or unblocks (`follow` with isUnblocked) the bot in a 1:1 chat. */
  setFollowing(chatId: string, following: boolean): Promise<ChatSummary>
  say(chatId: string, as: string | undefined, text: string): Promise<TranscriptEntry>
  postback(chatId: string, as: string | undefined, input: PostbackInput): Promise<TranscriptEntry>
  /** A sent photo's bytes, for the chat page's thumbnail; null for files and forgotten photos. */
  photo(messageId: string): { contentType: string; bytes: Uint8Array } | null
  /** What the simulator holds of sent photos and files now. */
  contentUsage(): { items: number; bytes: number }
  /** Takes back the speaker's last message in the chat (`unsend`). */
  unsend(chatId: string, as: string | undefined): Promise<TranscriptEntry>
  isUnsent(seq: number): boolean
}

const NAME_MAX = 40
// Control characters make no sense in a display name and would garble the terminal chat.
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
const CONTROL = /[\u0000-\u001f\u007f]/

export function cleanName(name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ')
  if (clean.length === 0) throw new SimulatorError('name is empty / ชื่อว่างเปล่า')
  if (clean.length > NAME_MAX) throw new SimulatorError(`name is over ${NAME_MAX} characters / ชื่อยาวเกินไป`)
  if (CONTROL.test(clean)) throw new SimulatorError('name has control characters / ชื่อมีอักขระควบคุม')
  return clean
}

export function createSimulator(opts: SimulatorOptions): Simulator {
  const contentLimits = { ...DEFAULT_CONTENT_LIMITS, ...opts.contentLimits }
  const state = new SimState(
    opts.clock ?? systemClock,
    newBotUserId(),
    opts.botName ?? 'บอต ITA',
    contentLimits,
  )
  const delivery = createDelivery(state, opts.channelSecret)
  const now = () => state.clock.now()

  const person = async (name: string): Promise<SimUser> => {
    const clean = cleanName(name)
    const existing = state.userByName(clean)
    if (existing) return existing
    const user: SimUser = {
      userId: await userIdFor(clean, opts.channelSecret),
      name: clean,
      following: false,
      everFollowed: false,
    }
    state.users.set(user.userId, user)
    return user
  }

  const summary = (id: string): ChatSummary => {
    const s = state.summary(id)
    if (!s) throw new SimulatorError('unknown chat / ไม่พบแชตนี้')
    return s
  }

  /** Who speaks, and the webhook source that says so; refuses anyone not in the chat. */
  const speaker = (chatId: string, as: string | undefined): { user: SimUser; source: SimSource } => {
    const chat = summary(chatId)
    if (chat.kind === 'user') {
      const user = state.users.get(chatId)
      if (!user || (as !== undefined && as !== user.userId && as !== user.name)) {
        throw new SimulatorError('in a 1:1 chat only its own user speaks / แชต 1:1 พูดได้เฉพาะเจ้าของแชต')
      }
      if (!user.following) throw new SimulatorError('unblock the bot first / กรุณาเลิกบล็อกบอตก่อน')
      return { user, source: { type: 'user', userId: user.userId } }
    }
    if (as === undefined) throw new SimulatorError('say who speaks in the group (as) / ระบุผู้พูดในกลุ่ม')
    const member = chat.members?.find((m) => m.userId === as || m.name === as.trim())
    const user = member ? state.users.get(member.userId) : undefined
    if (!user) throw new SimulatorError('that person is not a member of this group / บุคคลนี้ไม่ได้อยู่ในกลุ่ม')
    return { user, source: { type: 'group', groupId: chatId, userId: user.userId } }
  }

  /** Events reach the bot only where it is: a followed 1:1 chat, or a group it is in. */
  const botHears = (chatId: string) =>
    state.groups.get(chatId)?.botIn ?? state.users.get(chatId)?.following === true

  const note = (chatId: string, text: string) =>
    state.transcript.append(chatId, { kind: 'system', level: 'info', text })

  const follow = async (user: SimUser) => {
    const isUnblocked = user.everFollowed
    user.following = true
    user.everFollowed = true
    note(
      user.userId,
      isUnblocked
        ? `${user.name} เลิกบล็อกบอต / unblocked the bot`
        : `${user.name} เพิ่มบอตเป็นเพื่อน / added the bot as a friend`,
    )
    await delivery.deliver(user.userId, [
      events.follow(user.userId, now(), state.issueReplyToken(user.userId), isUnblocked),
    ])
  }

  const groups = createGroupActions({ state, delivery, person, summary, note })
  const media = createMediaActions({ state, delivery, speaker, botHears })

  return {
    line: createSimLine(state),
    channelSecret: opts.channelSecret,
    bot: { userId: state.botUserId, name: state.botName },
    personas: opts.personas ?? DEFAULT_PERSONAS,
    contentLimits,
    transcript: state.transcript,
    calls: state.calls,
    attach: (fetch) => delivery.attach(fetch),
    chats: () =>
      [
        ...[...state.users.values()].filter((u) => u.everFollowed).map((u) => u.userId),
        ...state.groups.keys(),
      ].map(summary),
    chat: (id) => state.summary(id),
    isUnsent: (seq) => state.unsent.has(seq),
    photo: (messageId) => state.contents.image(messageId),
    contentUsage: () => state.contents.usage(),
    ...groups,
    ...media,

    async openUserChat(name) {
      const user = await person(name)
      if (!user.everFollowed) await follow(user)
      return summary(user.userId)
    },

    async setFollowing(chatId, following) {
      const user = state.users.get(chatId)
      if (!user?.everFollowed) throw new SimulatorError('not a 1:1 chat / ไม่ใช่แชต 1:1')
      if (following && !user.following) await follow(user)
      if (!following && user.following) {
        user.following = false
        note(chatId, `${user.name} บล็อกบอต / blocked the bot`)
        await delivery.deliver(chatId, [events.unfollow(chatId, now())])
      }
      return summary(chatId)
    },

    async say(chatId, as, text) {
      if (text.trim().length === 0) throw new SimulatorError('text is empty / ข้อความว่างเปล่า')
      if (text.length > LIMITS.textUtf16) {
        throw new SimulatorError(
          `text is over ${LIMITS.textUtf16} characters / ข้อความยาวเกิน ${LIMITS.textUtf16} ตัวอักษร`,
        )
      }
      const { user, source } = speaker(chatId, as)
      const mention = source.type === 'group' ? botMention(text, state.botUserId) : undefined
      const id = newMessageId()
      const from = { userId: user.userId, name: user.name }
      const entry = state.transcript.append(chatId, {
        kind: 'user',
        from,
        messageId: id,
        text,
        mentionsBot: !!mention,
      })
      if (botHears(chatId)) {
        const token = state.issueReplyToken(chatId)
        const message = { id, text, quoteToken: newQuoteToken(), ...(mention ? { mention } : {}) }
        await delivery.deliver(chatId, [events.text(source, now(), token, message)])
      }
      return entry
    },

    async postback(chatId, as, input) {
      if (input.data.length === 0 || input.data.length > LIMITS.postbackData) {
        throw new SimulatorError(`postback data must be 1–${LIMITS.postbackData} characters`)
      }
      const { user, source } = speaker(chatId, as)
      const entry = state.transcript.append(chatId, {
        kind: 'postback',
        from: { userId: user.userId, name: user.name },
        data: input.data,
        displayText: input.displayText ?? null,
        params: input.params ?? null,
      })
      if (botHears(chatId)) {
        const token = state.issueReplyToken(chatId)
        await delivery.deliver(chatId, [
          events.postback(source, now(), token, input.data, input.params ?? null),
        ])
      }
      return entry
    },

    async unsend(chatId, as) {
      const { user, source } = speaker(chatId, as)
      const last = state.transcript.find(
        chatId,
        (e) =>
          (e.kind === 'user' || e.kind === 'media') &&
          e.from.userId === user.userId &&
          !state.unsent.has(e.seq),
      )
      if (last?.kind !== 'user' && last?.kind !== 'media')
        throw new SimulatorError('nothing to unsend / ไม่มีข้อความให้ยกเลิก')
      state.unsent.add(last.seq)
      // Content taken back is forgotten too: a bot fetching it afterwards has to cope with 410.
      state.contents.forget(last.messageId)
      const entry = state.transcript.append(chatId, {
        kind: 'unsend',
        from: { userId: user.userId, name: user.name },
        targetSeq: last.seq,
      })
      if (botHears(chatId)) await delivery.deliver(chatId, [events.unsend(source, now(), last.messageId)])
      return entry
    },
  }
}
