import { messagingApi } from '@line/bot-sdk'
import { createInsightApi } from './insight.js'
import {
  assertNoProblems,
  assertWithinLimits,
  checkLoading,
  checkMessages,
  checkMulticastRecipients,
  checkPushOptions,
} from './limits.js'
import {
  type CallOutcome,
  callOnce,
  type HttpInfo,
  isTransient,
  okValue,
  toReplyResult,
  toSendResult,
} from './outcome.js'
import type { ContentResult, LineMessage, LinePort, PushOptions, Quota } from './port.js'
import { type RetryPolicy, realSleep, withRetries } from './retry.js'

export interface LineApiOptions {
  accessToken: string
  /** https://api.line.me in production; only scheme, host and port are used by the SDK. */
  apiBaseUrl: string
  /** https://api-data.line.me: message content and rich menu images live on this host. */
  dataApiBaseUrl: string
  /** Per attempt (the SDK has no timeout of its own). Default 10 s. */
  timeoutMs?: number
  /** Attempts after the first, on 5xx, network errors and timeouts only. Default 3. */
  maxRetries?: number
  sleep?: (ms: number) => Promise<void>
  /** First backoff (default 500 ms), doubled per retry up to maxDelayMs (default 8 s). */
  baseDelayMs?: number
  maxDelayMs?: number
  random?: () => number
  /** How pushes travel; the SDK's client by default (src/runtime/node-push.ts on Node). */
  pushTransport?: PushTransport
  /** How replies travel; the SDK's client by default (src/runtime/node-push.ts on Node). */
  replyTransport?: ReplyTransport
}

/** One push call: the SDK's `pushMessageWithHttpInfo` contract (HttpInfo, or HTTPFetchError thrown). */
export type PushTransport = (
  request: messagingApi.PushMessageRequest,
  retryKey: string,
) => Promise<HttpInfo<messagingApi.PushMessageResponse>>

/** One reply call: the SDK's `replyMessageWithHttpInfo` contract. */
export type ReplyTransport = (
  request: messagingApi.ReplyMessageRequest,
) => Promise<HttpInfo<messagingApi.ReplyMessageResponse>>

const NOT_FOUND = new Set([403, 404])

/** Builds the optional fields of a push/multicast body only when given: the body is sent as is. */
function extras(opts: PushOptions) {
  return {
    ...(opts.notificationDisabled !== undefined ? { notificationDisabled: opts.notificationDisabled } : {}),
    ...(opts.customAggregationUnits?.length ? { customAggregationUnits: opts.customAggregationUnits } : {}),
  }
}

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  for await (const chunk of stream) chunks.push(chunk)
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

function toContentResult(o: CallOutcome<Uint8Array>): ContentResult {
  if (o.kind === 'ok') {
    if (o.status === 202) return { kind: 'preparing' }
    const contentType = o.headers.get('content-type') ?? 'application/octet-stream'
    return { kind: 'ok', contentType, bytes: o.value }
  }
  if (o.kind === 'http' && o.status === 404) return { kind: 'not_found' }
  if (o.kind === 'http' && o.status === 410) return { kind: 'gone' }
  return { kind: 'error', status: o.kind === 'http' ? o.status : null, detail: o.detail }
}

/** The LinePort over @line/bot-sdk: limits checked first, transient failures retried, outcomes as values. */
export function createLineApi(opts: LineApiOptions): LinePort {
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: opts.accessToken,
    baseURL: opts.apiBaseUrl,
  })
  const blob = new messagingApi.MessagingApiBlobClient({
    channelAccessToken: opts.accessToken,
    baseURL: opts.dataApiBaseUrl,
  })
  const timeoutMs = opts.timeoutMs ?? 10_000
  const pushVia: PushTransport =
    opts.pushTransport ?? ((request, retryKey) => client.pushMessageWithHttpInfo(request, retryKey))
  const replyVia: ReplyTransport =
    opts.replyTransport ?? ((request) => client.replyMessageWithHttpInfo(request))
  const policy: RetryPolicy = {
    maxRetries: opts.maxRetries ?? 3,
    baseDelayMs: opts.baseDelayMs ?? 500,
    maxDelayMs: opts.maxDelayMs ?? 8_000,
    sleep: opts.sleep ?? realSleep,
    random: opts.random ?? Math.random,
  }
  // Each retry runs the same closure, so it sends the identical body and retry key.
  const call = <T>(run: () => Promise<HttpInfo<T>>) =>
    withRetries(() => callOnce(timeoutMs, run), isTransient, policy)

  const checkSend = (
    messages: LineMessage[],
    o: PushOptions,
    op: 'push' | 'multicast' | 'broadcast',
    more: string[] = [],
  ) => assertNoProblems([...more, ...checkMessages(messages), ...checkPushOptions(o, op)])

  return {
    ...createInsightApi({ accessToken: opts.accessToken, apiBaseUrl: opts.apiBaseUrl, timeoutMs }),
    async reply(replyToken, messages) {
      // No retry key exists for replies; the single-use token is what stops a retry from
      // delivering twice. So a retry after a lost answer comes back 400 "Invalid reply token"
      // although the first attempt was delivered: toReplyResult reads that as delivered.
      assertWithinLimits(messages)
      const request = { replyToken, messages }
      let tries = 0
      let uncertain = false
      const outcome = await withRetries(
        async () => {
          tries++
          const o = await callOnce(timeoutMs, () => replyVia(request))
          if (o.kind === 'timeout' || (o.kind === 'network' && o.maybeSent)) uncertain = true
          return o
        },
        isTransient,
        policy,
      )
      const result = toReplyResult(outcome, tries > 1)
      // An earlier attempt's unknown outcome stays unknown whatever the last attempt answered.
      return result.kind === 'unavailable'
        ? { ...result, uncertain: uncertain || result.uncertain === true }
        : result
    },
    async push(to, messages, o) {
      checkSend(messages, o, 'push')
      const request = { to, messages, ...extras(o) }
      return toSendResult(await call(() => pushVia(request, o.retryKey)), true)
    },
    async multicast(userIds, messages, o) {
      checkSend(messages, o, 'multicast', checkMulticastRecipients(userIds))
      const request = { to: userIds, messages, ...extras(o) }
      return toSendResult(await call(() => client.multicastWithHttpInfo(request, o.retryKey)), true)
    },
    async broadcast(messages, o) {
      checkSend(messages, o, 'broadcast')
      const request = { messages, ...extras(o) }
      return toSendResult(await call(() => client.broadcastWithHttpInfo(request, o.retryKey)), true)
    },
    async showLoading(userId, seconds) {
      assertNoProblems(checkLoading(userId, seconds))
      const request = { chatId: userId, loadingSeconds: seconds }
      return toSendResult(await call(() => client.showLoadingAnimationWithHttpInfo(request)), false)
    },
    async getContent(messageId) {
      // The download counts as part of the attempt: a stalled body times out like a stalled answer.
      const outcome = await call(async () => {
        const r = await blob.getMessageContentWithHttpInfo(messageId)
        return { httpResponse: r.httpResponse, body: await readAll(r.body) }
      })
      return toContentResult(outcome)
    },
    async getQuota(): Promise<Quota> {
      const quota = okValue(await call(() => client.getMessageQuotaWithHttpInfo()))
      const used = okValue(await call(() => client.getMessageQuotaConsumptionWithHttpInfo()))
      const limited = quota.type === 'limited'
      return {
        type: limited ? 'limited' : 'none',
        limit: limited ? (quota.value ?? null) : null,
        used: used.totalUsage,
      }
    },
    async getGroupSummary(groupId) {
      const o = await call(() => client.getGroupSummaryWithHttpInfo(groupId))
      if (o.kind === 'http' && NOT_FOUND.has(o.status)) return null
      const g = okValue(o)
      return { groupId: g.groupId, name: g.groupName, pictureUrl: g.pictureUrl ?? null }
    },
    async getGroupMemberCount(groupId) {
      const o = await call(() => client.getGroupMemberCountWithHttpInfo(groupId))
      if (o.kind === 'http' && NOT_FOUND.has(o.status)) return null
      return okValue(o).count
    },
    async linkRichMenu(userId, richMenuId) {
      return toSendResult(
        await callOnce(timeoutMs, () => client.linkRichMenuIdToUserWithHttpInfo(userId, richMenuId)),
        false,
      )
    },
    async unlinkRichMenu(userId) {
      return toSendResult(
        await callOnce(timeoutMs, () => client.unlinkRichMenuIdFromUserWithHttpInfo(userId)),
        false,
      )
    },
    async getRichMenuAlias(aliasId) {
      const o = await callOnce(timeoutMs, () => client.getRichMenuAliasWithHttpInfo(aliasId))
      if (o.kind === 'http' && o.status === 404) return null
      return okValue(o).richMenuId
    },
    async getProfile(userId) {
      const o = await callOnce(timeoutMs, () => client.getProfileWithHttpInfo(userId))
      if (o.kind === 'http' && NOT_FOUND.has(o.status)) return null
      return { language: okValue(o).language ?? null }
    },
  }
}
