import { describe, expect, it } from 'vitest'
import type { LinePort } from '../../src/line/port.js'
import { nodeHttpPusher, nodeHttpReplier } from '../../src/runtime/node-push.js'
import { faults } from '../fakes/fake-line-server.js'
import { GROUP, KEY_1, KEY_2, text, USER_A, useFakeLine } from '../line/setup.js'

// The Node server's push transport must behave exactly like the SDK's: same request on the
// wire, same outcomes for every answer LINE can give, same retries.
describe('node:http push transport', () => {
  const h = useFakeLine()
  const viaNode = (opts: { timeoutMs?: number; token?: string } = {}): LinePort =>
    h.apiWith({
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
      pushTransport: nodeHttpPusher({ apiBaseUrl: h.line.url, timeoutMs: opts.timeoutMs })(
        opts.token ?? h.line.token,
      ),
    })

  it('sends the same body and headers as the SDK, and LINE delivers it', async () => {
    const opts = { notificationDisabled: true, customAggregationUnits: ['b_1'] }
    const sdk = await h.api.push(GROUP, [text('ประกาศ')], { retryKey: KEY_1, ...opts })
    const node = await viaNode().push(USER_A, [text('ประกาศ')], { retryKey: KEY_2, ...opts })
    expect(sdk.kind).toBe('accepted')
    expect(node).toEqual({ kind: 'accepted', requestId: h.line.requests()[1]?.requestId, duplicate: false })
    const [a, b] = h.line.requests()
    expect(b?.body).toEqual({ ...(a?.body as object), to: USER_A })
    for (const header of ['content-type', 'authorization'])
      expect(b?.headers[header]).toBe(a?.headers[header])
    expect(b?.headers['x-line-retry-key']).toBe(KEY_2)
    expect(h.line.delivered().map((d) => d.to)).toEqual([GROUP, USER_A])
  })

  it('counts a 409 on a reused retry key as sent', async () => {
    const api = viaNode()
    await api.push(USER_A, [text('a')], { retryKey: KEY_1 })
    const again = await api.push(USER_A, [text('a')], { retryKey: KEY_1 })
    expect(again).toEqual({ kind: 'accepted', requestId: h.line.requests()[0]?.requestId, duplicate: true })
    expect(h.line.delivered()).toHaveLength(1)
  })

  it('retries a 5xx with the identical request, then succeeds; never retries a 4xx', async () => {
    h.line.failNext(1, faults.serverError)
    expect((await viaNode().push(USER_A, [text('a')], { retryKey: KEY_1 })).kind).toBe('accepted')
    expect(h.line.requests().map((r) => r.status)).toEqual([500, 200])
    expect(new Set(h.line.requests().map((r) => Buffer.from(r.raw).toString())).size).toBe(1)
    h.line.failNext(1, { status: 400, body: { message: 'The request body has 1 error(s)' } })
    const rejected = await viaNode().push(USER_A, [text('b')], { retryKey: KEY_2 })
    expect(rejected).toEqual({ kind: 'rejected', status: 400, detail: 'The request body has 1 error(s)' })
    expect(h.line.requests()).toHaveLength(3)
  })

  it('answers a wrong token as the SDK does, and a 429 as rate limited', async () => {
    const bad = await viaNode({ token: 'wrong' }).push(USER_A, [text('a')], { retryKey: KEY_1 })
    const sdkBad = await h.apiWith({ accessToken: 'wrong' }).push(USER_A, [text('a')], { retryKey: KEY_2 })
    expect(bad).toEqual(sdkBad)
    h.line.failNext(1, faults.rateLimited)
    expect((await viaNode().push(USER_A, [text('a')], { retryKey: KEY_1 })).kind).toBe(
      (
        await (async () => {
          h.line.failNext(1, faults.rateLimited)
          return h.api.push(USER_A, [text('a')], { retryKey: KEY_2 })
        })()
      ).kind,
    )
  })

  it('gives up on a request with no answer in time and retries it: delivered once', async () => {
    h.line.failNext(1, faults.hang)
    const result = await viaNode({ timeoutMs: 150 }).push(USER_A, [text('a')], { retryKey: KEY_1 })
    expect(result.kind).toBe('accepted')
    expect(h.line.requests().map((r) => r.status)).toEqual([null, 200])
    expect(h.line.delivered()).toHaveLength(1)
  })
})

// Replies take the same road on Node: the same request as the SDK's, and the same outcomes for
// the answers the adapter reads specially (a used token after a lost answer, 5xx, a timeout).
describe('node:http reply transport', () => {
  const h = useFakeLine()
  const REPLY = '/v2/bot/message/reply'
  const viaNode = (opts: { timeoutMs?: number; maxRetries?: number } = {}): LinePort =>
    h.apiWith({
      ...opts,
      replyTransport: nodeHttpReplier({ apiBaseUrl: h.line.url, timeoutMs: opts.timeoutMs })(h.line.token),
    })

  it('sends the same body and headers as the SDK (no retry key), and LINE delivers it', async () => {
    const sdk = await h.api.reply(h.line.issueReplyToken(USER_A), [text('เมนู')])
    const node = await viaNode().reply(h.line.issueReplyToken(USER_A), [text('เมนู')])
    // Each answer carries its own request id, read from LINE's header on both roads.
    expect(sdk).toEqual({ kind: 'accepted', requestId: h.line.requests()[0]?.requestId, duplicate: false })
    expect(node).toEqual({ kind: 'accepted', requestId: h.line.requests()[1]?.requestId, duplicate: false })
    const [a, b] = h.line.requests()
    expect(b?.path).toBe(REPLY)
    expect({ ...(b?.body as object), replyToken: '' }).toEqual({ ...(a?.body as object), replyToken: '' })
    for (const header of ['content-type', 'authorization'])
      expect(b?.headers[header]).toBe(a?.headers[header])
    expect(b?.headers['x-line-retry-key']).toBeUndefined()
    expect(h.line.delivered()).toHaveLength(2)
  })

  it('a lost answer, a 5xx and a used token read as they do through the SDK', async () => {
    const api = viaNode({ timeoutMs: 100 })
    h.line.failNext(1, { acceptThenDelayMs: 400, path: REPLY })
    expect(await api.reply(h.line.issueReplyToken(), [text('a')])).toEqual({
      kind: 'accepted',
      requestId: null,
      duplicate: true,
    })
    h.line.failNext(1, { ...faults.serverError, path: REPLY })
    expect((await api.reply(h.line.issueReplyToken(), [text('b')])).kind).toBe('accepted')
    const token = h.line.issueReplyToken()
    await api.reply(token, [text('c')])
    expect(await api.reply(token, [text('d')])).toMatchObject({ kind: 'rejected', status: 400 })
    expect(h.line.delivered()).toHaveLength(3)
  })

  it('5xx on every attempt is unavailable; a timeout on any attempt makes it uncertain', async () => {
    const api = viaNode({ timeoutMs: 100, maxRetries: 1 })
    h.line.failNext(1, { hang: true, path: REPLY })
    h.line.failNext(1, { ...faults.serverError, path: REPLY })
    expect(await api.reply(h.line.issueReplyToken(), [text('a')])).toMatchObject({
      kind: 'unavailable',
      status: 500,
      uncertain: true,
    })
    expect(h.line.delivered()).toHaveLength(0)
  })
})
