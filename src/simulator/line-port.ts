import { assertWithinLimits, LIMITS, LineLimitError } from '../line/limits.js'
import type {
  ContentResult,
  InsightResult,
  LineMessage,
  LinePort,
  PushOptions,
  Quota,
  SendResult,
} from '../line/port.js'
import { isUuid, newRequestId } from './ids.js'
import type { Via } from './model.js'
import { REPLY_TOKEN_VALID_MS, RETRY_KEY_VALID_MS, type RecordedCall, type SimState } from './state.js'

const rejected = (detail: string, status = 400): SendResult => ({ kind: 'rejected', status, detail })
const accepted = (): SendResult => ({ kind: 'accepted', requestId: newRequestId(), duplicate: false })
/** LINE's statistics exist only for a real channel: the insight job records this and waits a week. */
const noInsight = async <T>(): Promise<InsightResult<T>> => ({
  kind: 'not_available',
  status: null,
  detail: 'not available in local mode',
})

/**
 * The LinePort of local mode: what LINE would refuse is refused the same way (LineLimitError
 * before sending, `rejected` 400 for bad tokens and ids); what it would accept lands in the
 * simulated chat's transcript instead of being sent.
 */
export function createSimLine(state: SimState): LinePort {
  const record = (call: Omit<RecordedCall, 'at'>): SendResult => {
    state.calls.push({ ...call, at: state.now() })
    if (state.calls.length > 500) state.calls.splice(0, state.calls.length - 500)
    return call.result
  }

  /** Limits first, as LINE validates the request before anything else; the refusal shows in the chat. */
  const checkLimits = (messages: LineMessage[], chatIds: string[]) => {
    try {
      assertWithinLimits(messages)
    } catch (err) {
      if (err instanceof LineLimitError) {
        for (const chatId of chatIds) {
          state.transcript.append(chatId, {
            kind: 'system',
            level: 'error',
            text: `LINE จะไม่รับข้อความนี้ / LINE would refuse: ${err.problems.join('; ')}`,
          })
        }
      }
      throw err
    }
  }

  const land = (chatIds: string[], via: Via, messages: LineMessage[]) => {
    for (const chatId of chatIds) state.transcript.append(chatId, { kind: 'bot', via, messages })
  }

  /** A retry key seen within 24 hours means LINE already accepted this request (409 → duplicate). */
  const seenRetryKey = (opts: PushOptions): SendResult | null => {
    const now = state.now()
    for (const [k, v] of state.retryKeys) if (now - v.at > RETRY_KEY_VALID_MS) state.retryKeys.delete(k)
    const seen = state.retryKeys.get(opts.retryKey)
    return seen ? { kind: 'accepted', requestId: seen.requestId, duplicate: true } : null
  }

  const charge = (opts: PushOptions, recipients: number): SendResult => {
    const requestId = newRequestId()
    state.retryKeys.set(opts.retryKey, { requestId, at: state.now() })
    state.quotaUsed += recipients
    return { kind: 'accepted', requestId, duplicate: false }
  }

  /** A user who blocked the account gets nothing, yet LINE still answers 200: it never tells. */
  const following = (to: string): boolean => state.groups.has(to) || state.users.get(to)?.following === true

  const sendTo = (op: 'push' | 'multicast', ids: string[], messages: LineMessage[], opts: PushOptions) => {
    checkLimits(
      messages,
      ids.filter((id) => state.chatKind(id) !== null),
    )
    if (!isUuid(opts.retryKey))
      return record({ op, chatIds: [], messages, result: rejected('X-Line-Retry-Key must be a UUID') })
    const duplicate = seenRetryKey(opts)
    if (duplicate) return record({ op, chatIds: [], messages, result: duplicate })
    if (ids.some((id) => state.chatKind(id) === null)) {
      return record({
        op,
        chatIds: [],
        messages,
        result: rejected("The property, 'to', in the request body is invalid"),
      })
    }
    if (ids.some((id) => state.groups.get(id)?.botIn === false)) {
      return record({
        op,
        chatIds: [],
        messages,
        result: rejected('Failed to send messages: the bot is not in the group'),
      })
    }
    const delivered = ids.filter(following)
    const recipients = delivered.reduce((n, id) => n + (state.groups.get(id)?.memberIds.length ?? 1), 0)
    land(delivered, op, messages)
    return record({ op, chatIds: delivered, messages, result: charge(opts, recipients) })
  }

  return {
    async reply(replyToken, messages) {
      const token = state.replyTokens.get(replyToken)
      checkLimits(messages, token ? [token.chatId] : [])
      if (!token || token.used || state.now() - token.issuedAt > REPLY_TOKEN_VALID_MS) {
        return record({ op: 'reply', chatIds: [], messages, result: rejected('Invalid reply token') })
      }
      token.used = true
      land([token.chatId], 'reply', messages)
      return record({ op: 'reply', chatIds: [token.chatId], messages, result: accepted() })
    },
    async push(to, messages, opts) {
      return sendTo('push', [to], messages, opts)
    },
    async multicast(userIds, messages, opts) {
      if (userIds.length > LIMITS.multicastRecipients) {
        throw new LineLimitError([`${userIds.length} recipients, over ${LIMITS.multicastRecipients}`])
      }
      if (userIds.some((id) => state.chatKind(id) !== 'user')) {
        return record({
          op: 'multicast',
          chatIds: [],
          messages,
          result: rejected('multicast takes user ids only'),
        })
      }
      return sendTo('multicast', userIds, messages, opts)
    },
    async broadcast(messages, opts) {
      checkLimits(messages, [])
      if (!isUuid(opts.retryKey)) {
        return record({
          op: 'broadcast',
          chatIds: [],
          messages,
          result: rejected('X-Line-Retry-Key must be a UUID'),
        })
      }
      const duplicate = seenRetryKey(opts)
      if (duplicate) return record({ op: 'broadcast', chatIds: [], messages, result: duplicate })
      const followers = [...state.users.values()].filter((u) => u.following).map((u) => u.userId)
      land(followers, 'broadcast', messages)
      return record({ op: 'broadcast', chatIds: followers, messages, result: charge(opts, followers.length) })
    },
    async getContent(messageId): Promise<ContentResult> {
      return state.contents.get(messageId)
    },
    async showLoading(userId, seconds) {
      const ok = state.chatKind(userId) === 'user' && seconds >= 5 && seconds <= 60 && seconds % 5 === 0
      if (!ok)
        return record({
          op: 'loading',
          chatIds: [],
          messages: [],
          result: rejected('loading needs a user id and 5–60 seconds in steps of 5'),
        })
      if (following(userId)) state.transcript.append(userId, { kind: 'typing', seconds })
      return record({ op: 'loading', chatIds: [userId], messages: [], result: accepted() })
    },
    async getQuota(): Promise<Quota> {
      return { type: 'none', limit: null, used: state.quotaUsed }
    },
    async getGroupSummary(groupId) {
      const group = state.groups.get(groupId)
      return group ? { groupId, name: group.name, pictureUrl: null } : null
    },
    async getGroupMemberCount(groupId) {
      return state.groups.get(groupId)?.memberIds.length ?? null
    },
    async getProfile(userId) {
      const user = state.users.get(userId)
      return user ? { language: user.language ?? 'th' } : null
    },
    // The simulated chat shows no rich menu and none is uploaded in local mode, so the bot finds
    // no English menu to link (src/contacts/menus.ts) and an unlink changes nothing to show.
    async getRichMenuAlias() {
      return null
    },
    async linkRichMenu(userId) {
      return state.chatKind(userId) === 'user' ? accepted() : rejected('no such user')
    },
    async unlinkRichMenu(userId) {
      return state.chatKind(userId) === 'user' ? accepted() : rejected('no such user')
    },
    getDeliveryCounts: noInsight,
    getFollowerCounts: noInsight,
    getUnitStatistics: noInsight,
  }
}
