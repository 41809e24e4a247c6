import { describe, expect, it } from 'vitest'
import { LineApiError } from '../../src/line/outcome.js'
import { faults } from '../fakes/fake-line-server.js'
import { GROUP, KEY_1, text, USER_A, useFakeLine } from './setup.js'

const PUSH = '/v2/bot/message/push'

describe('LINE adapter: retry keys and retries', () => {
  const h = useFakeLine()

  it('counts a 409 on a reused retry key as sent, with the accepted request id; LINE delivered once', async () => {
    const first = await h.api.push(USER_A, [text('a')], { retryKey: KEY_1 })
    const again = await h.api.push(USER_A, [text('a')], { retryKey: KEY_1 })
    const [req1, req2] = h.line.requests()
    expect(first).toEqual({ kind: 'accepted', requestId: req1?.requestId, duplicate: false })
    expect(req2?.status).toBe(409)
    expect(again).toEqual({ kind: 'accepted', requestId: req1?.requestId, duplicate: true })
    expect(h.line.delivered()).toHaveLength(1)
  })

  it('retries a 5xx with the identical request and key, then succeeds: delivered once', async () => {
    h.line.failNext(1, faults.serverError)
    h.line.failNext(1, faults.unavailable)
    const result = await h.api.push(USER_A, [text('a')], { retryKey: KEY_1 })
    const reqs = h.line.requests()
    expect(result.kind).toBe('accepted')
    expect(reqs.map((r) => r.status)).toEqual([500, 503, 200])
    expect(new Set(reqs.map((r) => Buffer.from(r.raw).toString()))).toHaveProperty('size', 1)
    expect(reqs.every((r) => r.headers['x-line-retry-key'] === KEY_1)).toBe(true)
    expect(h.line.delivered()).toHaveLength(1)
    expect(h.sleeps).toHaveLength(2)
    expect(h.sleeps[1]).toBeGreaterThan(h.sleeps[0] ?? Number.POSITIVE_INFINITY)
  })

  it('gives up after maxRetries and reports unavailable with the last status', async () => {
    h.line.failNext(10, faults.unavailable)
    const result = await h.api.push(USER_A, [text('a')], { retryKey: KEY_1 })
    expect(result).toEqual({ kind: 'unavailable', status: 503, detail: 'Service Unavailable' })
    expect(h.line.requests()).toHaveLength(4)
    expect(h.line.delivered()).toHaveLength(0)
  })

  it('never retries a 4xx', async () => {
    h.line.failNext(1, { status: 400, body: { message: 'The request body has 1 error(s)' } })
    const scripted = await h.api.push(USER_A, [text('a')], { retryKey: KEY_1 })
    expect(scripted).toEqual({ kind: 'rejected', status: 400, detail: 'The request body has 1 error(s)' })
    const real = await h.api.push('not-a-line-id', [text('a')], { retryKey: KEY_1 })
    expect(real).toMatchObject({ kind: 'rejected', status: 400 })
    expect(h.line.requests()).toHaveLength(2)
    expect(h.sleeps).toHaveLength(0)
  })

  it('retries a request that got no answer in time; the fake never processed it: delivered once', async () => {
    const api = h.apiWith({ timeoutMs: 150 })
    h.line.failNext(1, faults.hang)
    const result = await api.push(USER_A, [text('a')], { retryKey: KEY_1 })
    expect(result.kind).toBe('accepted')
    expect(h.line.requests().map((r) => r.status)).toEqual([null, 200])
    expect(h.line.delivered()).toHaveLength(1)
  })

  it('retries after a timeout when LINE had in fact accepted: the 409 makes it one delivery', async () => {
    const api = h.apiWith({ timeoutMs: 150 })
    h.line.failNext(1, { acceptThenDelayMs: 1_000 })
    const result = await api.push(USER_A, [text('a')], { retryKey: KEY_1 })
    const [first] = h.line.requests()
    expect(result).toEqual({ kind: 'accepted', requestId: first?.requestId, duplicate: true })
    expect(h.line.delivered()).toHaveLength(1)
  })

  it('reports unavailable with no status when every attempt times out', async () => {
    const api = h.apiWith({ timeoutMs: 100, maxRetries: 1 })
    h.line.failNext(2, faults.hang)
    expect(await api.push(USER_A, [text('a')], { retryKey: KEY_1 })).toEqual({
      kind: 'unavailable',
      status: null,
      detail: 'no answer within 100 ms',
      // LINE may have taken it: a reply in this state is never followed by a push.
      uncertain: true,
    })
    expect(h.line.delivered()).toHaveLength(0)
  })

  it('retries network errors and reports unavailable when LINE cannot be reached', async () => {
    const url = h.line.url
    await h.line.close()
    const api = h.apiWith({ apiBaseUrl: url })
    const result = await api.push(USER_A, [text('a')], { retryKey: KEY_1 })
    expect(result).toMatchObject({ kind: 'unavailable', status: null })
    expect(result.kind === 'unavailable' && result.detail).toMatch(/^network error/)
    expect(h.sleeps).toHaveLength(3)
  })
})

describe('LINE adapter: 429s and other failures', () => {
  const h = useFakeLine()

  it('tells a rate limit from an exhausted monthly quota, and retries neither', async () => {
    h.line.failNext(1, faults.rateLimited)
    h.line.failNext(1, faults.monthlyLimit)
    const rate = await h.api.push(USER_A, [text('a')], { retryKey: KEY_1 })
    const monthly = await h.api.push(USER_A, [text('a')], { retryKey: KEY_1 })
    expect(rate).toMatchObject({ kind: 'rate_limited', status: 429 })
    expect(monthly).toEqual({
      kind: 'quota_exhausted',
      status: 429,
      detail: 'You have reached your monthly limit.',
    })
    expect(h.line.requests()).toHaveLength(2)
    expect(h.line.delivered()).toHaveLength(0)
  })

  it('reports quota_exhausted when a group push would cost more than the month has left', async () => {
    h.line.setQuota({ type: 'limited', limit: 300 }, 290)
    h.line.setGroup(GROUP, { name: 'g', members: 40 })
    expect((await h.api.push(GROUP, [text('a')], { retryKey: KEY_1 })).kind).toBe('quota_exhausted')
    expect((await h.api.push(USER_A, [text('a')], { retryKey: KEY_1 })).kind).toBe('accepted')
  })

  it('retries reads too, and throws LineApiError where the port has no error value', async () => {
    h.line.failNext(1, { ...faults.serverError, path: /\/content$/ })
    h.line.setContent('1', new Uint8Array([1]), 'application/octet-stream')
    expect((await h.api.getContent('1')).kind).toBe('ok')
    h.line.failNext(10, { ...faults.serverError, path: '/v2/bot/message/quota' })
    await expect(h.api.getQuota()).rejects.toBeInstanceOf(LineApiError)
    h.line.failNext(1, { status: 400, body: { message: 'bad' }, path: /summary$/ })
    await expect(h.api.getGroupSummary(GROUP)).rejects.toThrow(/LINE API 400: bad/)
  })

  it('asks for a profile once, without retries (an answer waits on it), and throws on a failure', async () => {
    h.line.failNext(1, { ...faults.serverError, path: /\/profile\// })
    await expect(h.api.getProfile(USER_A)).rejects.toBeInstanceOf(LineApiError)
    expect(h.line.requests().filter((r) => r.path.includes('/profile/'))).toHaveLength(1)
  })

  it('reports a content error other than 404/410 as an error value', async () => {
    h.line.failNext(1, { status: 401, body: { message: 'Authentication failed' } })
    expect(await h.api.getContent('1')).toEqual({
      kind: 'error',
      status: 401,
      detail: 'Authentication failed',
    })
  })

  it('retries a slow 5xx that still came within the timeout', async () => {
    h.line.failNext(1, { ...faults.serverError, delayMs: 50 })
    expect((await h.api.push(USER_A, [text('a')], { retryKey: KEY_1 })).kind).toBe('accepted')
    expect(h.line.requests().map((r) => r.status)).toEqual([500, 200])
    expect(h.line.requests().map((r) => r.path)).toEqual([PUSH, PUSH])
  })
})

describe('LINE adapter: replies whose answer is lost', () => {
  const h = useFakeLine()
  const REPLY = '/v2/bot/message/reply'

  it('LINE took the reply but answered after the timeout: the retry with the same token is refused 400, counted as delivered', async () => {
    const api = h.apiWith({ timeoutMs: 100 })
    h.line.failNext(1, { acceptThenDelayMs: 400, path: REPLY })
    const result = await api.reply(h.line.issueReplyToken(), [text('a')])
    expect(result).toEqual({ kind: 'accepted', requestId: null, duplicate: true })
    expect(h.line.requests().map((r) => r.path)).toEqual([REPLY, REPLY])
    expect(h.line.delivered()).toHaveLength(1)
  })

  it('a 5xx is retried with the same token: delivered once', async () => {
    h.line.failNext(1, { ...faults.serverError, path: REPLY })
    const result = await h.api.reply(h.line.issueReplyToken(), [text('a')])
    expect(result.kind).toBe('accepted')
    expect(h.line.requests().map((r) => r.status)).toEqual([500, 200])
    expect(h.line.delivered()).toHaveLength(1)
  })

  it('a reply refused on its first attempt stays refused: only our own earlier attempt makes a 400 "delivered"', async () => {
    const token = h.line.issueReplyToken()
    await h.api.reply(token, [text('a')])
    expect(await h.api.reply(token, [text('b')])).toMatchObject({ kind: 'rejected', status: 400 })
  })

  it('5xx on every attempt is unavailable and certain; a timeout on any attempt makes it uncertain', async () => {
    const api = h.apiWith({ timeoutMs: 100, maxRetries: 1 })
    h.line.failNext(2, { ...faults.serverError, path: REPLY })
    expect(await api.reply(h.line.issueReplyToken(), [text('a')])).toMatchObject({
      kind: 'unavailable',
      status: 500,
      uncertain: false,
    })
    h.line.failNext(1, { hang: true, path: REPLY })
    h.line.failNext(1, { ...faults.serverError, path: REPLY })
    expect(await api.reply(h.line.issueReplyToken(), [text('b')])).toMatchObject({
      kind: 'unavailable',
      status: 500,
      uncertain: true,
    })
    expect(h.line.delivered()).toHaveLength(0)
  })
})
