import type { messagingApi } from '@line/bot-sdk'

/** LINE's message objects, as the SDK types them (text, flex, image, sticker, …). */
export type LineMessage = messagingApi.Message

/**
 * Outcome of a send. Expected outcomes are values, not exceptions: the caller decides what a
 * rate limit or an exhausted monthly quota means for its job.
 * - `accepted`: LINE took the request. `duplicate` is true when LINE answered 409 to a retry
 *   key it had already accepted: the messages were sent before, so this is success.
 * - `rate_limited`: 429 for too many requests; try later.
 * - `quota_exhausted`: 429 because the monthly message quota is used up; do not retry this month.
 * - `rejected`: a 4xx LINE will not accept on retry (bad token, bad request, unknown user …).
 * - `unavailable`: 5xx or timeouts that persisted through the retries. `uncertain` is true
 *   when LINE may have taken the request all the same (no answer in time, a connection lost
 *   after the request went out): a reply with an uncertain outcome is never followed by a push.
 */
export type SendResult =
  | { kind: 'accepted'; requestId: string | null; duplicate: boolean }
  | { kind: 'rate_limited'; status: 429; detail: string }
  | { kind: 'quota_exhausted'; status: 429; detail: string }
  | { kind: 'rejected'; status: number; detail: string }
  | { kind: 'unavailable'; status: number | null; detail: string; uncertain?: boolean }

export type ContentResult =
  | { kind: 'ok'; contentType: string; bytes: Uint8Array }
  | { kind: 'preparing' }
  | { kind: 'gone' }
  | { kind: 'not_found' }
  | { kind: 'error'; status: number | null; detail: string }

export interface Quota {
  /** 'none' means no monthly limit on this plan. */
  type: 'none' | 'limited'
  limit: number | null
  used: number
}

export interface GroupSummary {
  groupId: string
  name: string
  pictureUrl: string | null
}

/** What the bot reads of a person's LINE profile: the language their LINE app is set to. */
export interface Profile {
  /** A BCP 47 tag ("th", "en", "en-US"); null when LINE does not say (no consent yet). */
  language: string | null
}

export interface PushOptions {
  /** UUID sent as X-Line-Retry-Key; the same key for the same logical send, always. */
  retryKey: string
  notificationDisabled?: boolean
  customAggregationUnits?: string[]
}

/**
 * An insight answer (60 requests an hour per channel). Figures under 20 are null in LINE's
 * answers and stay null here: never read a null as 0.
 * - `not_available`: 403, the account's plan has no insight access (or local mode).
 * - `rate_limited`: 429, the hourly limit was reached after all.
 * - `error`: anything else, worth another try later.
 */
export type InsightResult<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'not_available'; status: number | null; detail: string }
  | { kind: 'rate_limited'; status: 429; detail: string }
  | { kind: 'error'; status: number | null; detail: string }

/** 'unready': LINE has not counted the day yet; 'out_of_service': the day cannot be counted. */
export type InsightStatus = 'ready' | 'unready' | 'out_of_service'

/** Messages sent on one day (UTC+9), by how they were sent. */
export interface DeliveryCounts {
  status: InsightStatus
  broadcast: number | null
  targeting: number | null
  autoResponse: number | null
  welcomeResponse: number | null
  chat: number | null
  apiBroadcast: number | null
  apiPush: number | null
  apiMulticast: number | null
  apiNarrowcast: number | null
  apiReply: number | null
}

export interface FollowerCounts {
  status: InsightStatus
  followers: number | null
  targetedReaches: number | null
  blocks: number | null
}

/** How people used the messages sent with one aggregation unit over a period. */
export interface UnitStatistics {
  overview: {
    uniqueImpression: number | null
    uniqueClick: number | null
    uniqueMediaPlayed: number | null
    uniqueMediaPlayed100Percent: number | null
  }
  /** Per bubble, by `seq`. */
  messages: { seq: number; impression: number | null; uniqueImpression: number | null }[]
  /** Per URL in the messages. */
  clicks: { seq: number; url: string; click: number | null; uniqueClick: number | null }[]
}

/** Everything the app asks of LINE. The SDK adapter, the local simulator and test fakes implement it. */
export interface LinePort {
  reply(replyToken: string, messages: LineMessage[]): Promise<SendResult>
  push(to: string, messages: LineMessage[], opts: PushOptions): Promise<SendResult>
  multicast(userIds: string[], messages: LineMessage[], opts: PushOptions): Promise<SendResult>
  broadcast(messages: LineMessage[], opts: PushOptions): Promise<SendResult>
  getContent(messageId: string): Promise<ContentResult>
  showLoading(userId: string, seconds: number): Promise<SendResult>
  getQuota(): Promise<Quota>
  getGroupSummary(groupId: string): Promise<GroupSummary | null>
  getGroupMemberCount(groupId: string): Promise<number | null>
  /** One attempt, no retries (asked while an answer waits); null when LINE knows no such friend. */
  getProfile(userId: string): Promise<Profile | null>
  /**
   * The rich menu one person sees instead of the default (src/contacts/menus.ts), and taking it
   * away again. One attempt each: asked while an answer waits; the caller retries later.
   */
  linkRichMenu(userId: string, richMenuId: string): Promise<SendResult>
  unlinkRichMenu(userId: string): Promise<SendResult>
  /** The menu an alias names (`menu-en`, made by richmenu:upload); null when the channel has none. */
  getRichMenuAlias(aliasId: string): Promise<string | null>
  /** Days are 'YYYY-MM-DD' in LINE's time zone (UTC+9). */
  getDeliveryCounts(day: string): Promise<InsightResult<DeliveryCounts>>
  getFollowerCounts(day: string): Promise<InsightResult<FollowerCounts>>
  /** `to` at most 30 days after `from`. */
  getUnitStatistics(unit: string, from: string, to: string): Promise<InsightResult<UnitStatistics>>
}

/** The LINE channel of an organization (hosted deployments serve several); null when it has none. */
export type LineResolver = (orgId: string) => Promise<LinePort | null>
