import { describe, expect, it } from 'vitest'
import { LineLimitError } from '../../src/line/limits.js'
import type { LineMessage } from '../../src/line/port.js'
import { GROUP, KEY_1, text, USER_A, USER_B, useFakeLine } from './setup.js'

const SECRET = 'ร้องเรียนนายสมชาย'
const quickReply = (n: number): LineMessage => ({
  type: 'text',
  text: 'choose',
  quickReply: {
    items: Array.from({ length: n }, (_, i) => ({
      type: 'action' as const,
      action: { type: 'message' as const, label: `q${i}`, text: `q${i}` },
    })),
  },
})
const postback = (data: string): LineMessage => ({
  type: 'template',
  altText: 'alt',
  template: { type: 'buttons', text: 't', actions: [{ type: 'postback', label: 'ok', data }] },
})

describe('LINE adapter: refused before anything reaches LINE', () => {
  const h = useFakeLine()

  const refusals: [string, () => Promise<unknown>, RegExp][] = [
    [
      '6 messages',
      () =>
        h.api.reply(
          't',
          Array.from({ length: 6 }, () => text(SECRET)),
        ),
      /6 messages/,
    ],
    [
      '5,001 UTF-16 units of text',
      () => h.api.push(USER_A, [text('a'.repeat(5001))], { retryKey: KEY_1 }),
      /5001/,
    ],
    [
      '2,501 emoji (5,002 units)',
      () => h.api.push(USER_A, [text('😀'.repeat(2501))], { retryKey: KEY_1 }),
      /5002/,
    ],
    ['14 quick replies', () => h.api.push(USER_A, [quickReply(14)], { retryKey: KEY_1 }), /14 quick reply/],
    [
      '301-character postback data',
      () => h.api.push(USER_A, [postback('d'.repeat(301))], { retryKey: KEY_1 }),
      /301/,
    ],
    [
      'a multicast to a group id',
      () => h.api.multicast([USER_A, GROUP], [text('x')], { retryKey: KEY_1 }),
      /user ids only/,
    ],
    [
      'a multicast to 501 users',
      () => h.api.multicast(Array(501).fill(USER_A), [text('x')], { retryKey: KEY_1 }),
      /501/,
    ],
    ['a retry key that is not a UUID', () => h.api.push(USER_A, [text('x')], { retryKey: 'job-42' }), /UUID/],
    [
      'two aggregation units',
      () => h.api.push(USER_A, [text('x')], { retryKey: KEY_1, customAggregationUnits: ['a', 'b'] }),
      /takes 1/,
    ],
    [
      'aggregation units on a broadcast',
      () => h.api.broadcast([text('x')], { retryKey: KEY_1, customAggregationUnits: ['a'] }),
      /broadcast/,
    ],
    ['loading in a group', () => h.api.showLoading(GROUP, 5), /1:1/],
    ['loading for 7 seconds', () => h.api.showLoading(USER_A, 7), /steps of 5/],
    ['loading for 65 seconds', () => h.api.showLoading(USER_A, 65), /5–60/],
  ]

  it.each(refusals)('refuses %s with a LineLimitError and sends nothing', async (_name, send, reason) => {
    const err = await send().then(
      () => null,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(LineLimitError)
    expect((err as Error).message).toMatch(reason)
    expect(h.line.requests()).toHaveLength(0)
  })

  it('lets exactly 5,000 units and 13 quick replies through, and LINE (the fake) takes them', async () => {
    const r = await h.api.push(USER_A, [text('😀'.repeat(2500)), quickReply(13), postback('d'.repeat(300))], {
      retryKey: KEY_1,
    })
    expect(r.kind).toBe('accepted')
    expect(h.line.delivered()).toHaveLength(1)
  })

  it('never puts message text or LINE ids in an error', async () => {
    const err = await h.api
      .reply(
        't',
        Array.from({ length: 6 }, () => text(SECRET)),
      )
      .catch((e: Error) => e)
    expect(String(err)).not.toContain(SECRET)
    const multi = await h.api.multicast([GROUP], [text(SECRET)], { retryKey: KEY_1 }).catch((e: Error) => e)
    expect(String(multi)).not.toContain(GROUP)
    h.line.failNext(1, { status: 400, body: { message: `Failed to send to ${USER_B}` } })
    const rejected = await h.api.push(USER_B, [text(SECRET)], { retryKey: KEY_1 })
    expect(rejected).toEqual({ kind: 'rejected', status: 400, detail: 'Failed to send to [line-id]' })
  })
})

describe('LINE adapter: tokens and keys', () => {
  const h = useFakeLine({ replyTokenTtlMs: 60_000 })

  it('a reply token works once; reusing it is rejected 400 and delivers nothing more', async () => {
    const token = h.line.issueReplyToken(USER_A)
    expect((await h.api.reply(token, [text('1')])).kind).toBe('accepted')
    expect(await h.api.reply(token, [text('2')])).toEqual({
      kind: 'rejected',
      status: 400,
      detail: 'Invalid reply token',
    })
    expect(h.line.delivered()).toHaveLength(1)
    expect(h.sleeps).toHaveLength(0)
  })

  it('an expired reply token is rejected', async () => {
    const token = h.line.issueReplyToken(USER_A, { ttlMs: -1 })
    expect(await h.api.reply(token, [text('late')])).toMatchObject({ kind: 'rejected', status: 400 })
    expect(h.line.delivered()).toHaveLength(0)
  })

  it('never sends a retry key on a reply, always on push, multicast and broadcast', async () => {
    await h.api.reply(h.line.issueReplyToken(), [text('r')])
    await h.api.showLoading(USER_A, 5)
    await h.api.push(USER_A, [text('p')], { retryKey: KEY_1 })
    const keys = h.line.requests().map((r) => [r.path, r.headers['x-line-retry-key'] ?? null])
    expect(keys).toEqual([
      ['/v2/bot/message/reply', null],
      ['/v2/bot/chat/loading/start', null],
      ['/v2/bot/message/push', KEY_1],
    ])
  })

  it('a wrong access token is rejected 401, not retried, and delivers nothing', async () => {
    const api = h.apiWith({ accessToken: 'someone-elses-token-0123456789' })
    const r = await api.push(USER_A, [text('x')], { retryKey: KEY_1 })
    expect(r).toMatchObject({ kind: 'rejected', status: 401 })
    expect(h.line.requests()).toHaveLength(1)
    expect(h.line.requests()[0]?.headers.authorization).toBe('Bearer someone-elses-token-0123456789')
    expect(h.line.delivered()).toHaveLength(0)
  })

  it('sends the channel token as a Bearer token on both hosts', async () => {
    await h.api.getContent('1')
    await h.api.getQuota()
    expect(h.line.requests().map((r) => r.headers.authorization)).toEqual(
      Array(3).fill(`Bearer ${h.line.token}`),
    )
  })
})
