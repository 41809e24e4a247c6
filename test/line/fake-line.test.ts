import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type FakeLine, faults, startFakeLine } from '../fakes/fake-line-server.js'
import { GROUP, KEY_1, USER_A } from './setup.js'

// The adapter refuses most bad requests itself, so these talk to the fake with raw fetch to
// prove that the fake enforces LINE's rules too (other tests and benchmarks rely on it).
describe('fake LINE server rules', () => {
  let line: FakeLine
  beforeEach(async () => {
    line = await startFakeLine()
  })
  afterEach(() => line.close())

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${line.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${line.token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
    return {
      status: res.status,
      id: res.headers.get('x-line-request-id'),
      body: (await res.json()) as unknown,
    }
  }
  const msgs = (n: number, text = 'x') => Array.from({ length: n }, () => ({ type: 'text', text }))

  it('refuses a retry key on reply and a retry key that is not a UUID', async () => {
    const token = line.issueReplyToken()
    expect(
      (
        await post(
          '/v2/bot/message/reply',
          { replyToken: token, messages: msgs(1) },
          { 'x-line-retry-key': KEY_1 },
        )
      ).status,
    ).toBe(400)
    expect(
      (await post('/v2/bot/message/push', { to: USER_A, messages: msgs(1) }, { 'x-line-retry-key': 'abc' }))
        .status,
    ).toBe(400)
    expect(line.delivered()).toEqual([])
  })

  it('refuses 6 messages, 5,001 units, 14 quick replies, 301-char postback data with LINE-style details', async () => {
    const six = await post('/v2/bot/message/push', { to: USER_A, messages: msgs(6) })
    expect(six).toMatchObject({ status: 400, body: { details: [{ property: 'messages' }] } })
    const long = await post('/v2/bot/message/push', { to: USER_A, messages: msgs(1, 'a'.repeat(5001)) })
    expect(long).toMatchObject({ status: 400, body: { details: [{ property: 'messages[0].text' }] } })
    const items = Array.from({ length: 14 }, () => ({
      type: 'action',
      action: { type: 'message', label: 'a', text: 'a' },
    }))
    const quick = await post('/v2/bot/message/push', {
      to: USER_A,
      messages: [{ type: 'text', text: 'q', quickReply: { items } }],
    })
    expect(quick).toMatchObject({
      status: 400,
      body: { details: [{ property: 'messages[0].quickReply.items' }] },
    })
    const action = { type: 'postback', label: 'a', data: 'd'.repeat(301) }
    const tpl = {
      type: 'template',
      altText: 'a',
      template: { type: 'buttons', text: 't', actions: [action] },
    }
    const pb = await post('/v2/bot/message/push', { to: USER_A, messages: [tpl] })
    expect(pb).toMatchObject({
      status: 400,
      body: { details: [{ property: 'messages[0].template.actions[0].data' }] },
    })
    expect(line.delivered()).toEqual([])
  })

  it('refuses a group in a multicast and loading outside 1:1 or off the 5-second steps', async () => {
    expect((await post('/v2/bot/message/multicast', { to: [USER_A, GROUP], messages: msgs(1) })).status).toBe(
      400,
    )
    expect((await post('/v2/bot/chat/loading/start', { chatId: GROUP, loadingSeconds: 5 })).status).toBe(400)
    expect((await post('/v2/bot/chat/loading/start', { chatId: USER_A, loadingSeconds: 7 })).status).toBe(400)
    expect((await post('/v2/bot/chat/loading/start', { chatId: USER_A, loadingSeconds: 60 })).status).toBe(
      202,
    )
  })

  it('answers every request, refused or not, with x-line-request-id, and records it', async () => {
    const unauthorised = await post('/v2/bot/message/push', {}, { authorization: 'Bearer wrong' })
    const unknown = await post('/v2/bot/nothing', {})
    expect([unauthorised.status, unknown.status]).toEqual([401, 404])
    expect(unauthorised.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(line.requests().map((r) => [r.status, r.requestId])).toEqual([
      [401, unauthorised.id],
      [404, unknown.id],
    ])
  })

  it('applies a fault with a path only to that path, and reset() forgets requests and faults', async () => {
    line.failNext(1, { ...faults.serverError, path: '/v2/bot/message/push' })
    line.failNext(1, faults.unavailable)
    const loading = await post('/v2/bot/chat/loading/start', { chatId: USER_A })
    const push = await post('/v2/bot/message/push', { to: USER_A, messages: msgs(1) })
    expect([loading.status, push.status]).toEqual([503, 500])
    line.failNext(1, faults.serverError)
    line.reset()
    expect(line.requests()).toEqual([])
    expect((await post('/v2/bot/message/push', { to: USER_A, messages: msgs(1) })).status).toBe(200)
  })
})
