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
 * - `unavailable`: 5xx or timeouts that persisted through the retries.
 */
export type SendResult =
  | { kind: 'accepted'; requestId: string | null; duplicate: boolean }
  | { kind: 'rate_limited'; status: 429; detail: string }
  | { kind: 'quota_exhausted'; status: 429; detail: string }
  | { kind: 'rejected'; status: number; detail: string }
  | { kind: 'unavailable'; status: number | null; detail: string }

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

export interface PushOptions {
  /** UUID sent as X-Line-Retry-Key; the same key for the same logical send, always. */
  retryKey: string
  notificationDisabled?: boolean
  customAggregationUnits?: string[]
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
}

/** The LINE channel of an organization (hosted deployments serve several); null when it has none. */
export type LineResolver = (orgId: string) => Promise<LinePort | null>
