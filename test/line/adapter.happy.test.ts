import { describe, expect, it } from 'vitest'
import { GROUP, KEY_1, KEY_2, text, USER_A, USER_B, useFakeLine } from './setup.js'

describe('LINE adapter against the fake LINE server: sends', () => {
  const h = useFakeLine({ followers: [USER_A, USER_B] })

  it('replies with the reply token to the chat the token belongs to', async () => {
    const token = h.line.issueReplyToken(USER_A)
    const result = await h.api.reply(token, [text('สวัสดี'), text('hello')])
    const [req] = h.line.requests()
    expect(result).toEqual({ kind: 'accepted', requestId: req?.requestId, duplicate: false })
    expect(req).toMatchObject({ method: 'POST', path: '/v2/bot/message/reply', status: 200 })
    expect(req?.body).toEqual({ replyToken: token, messages: [text('สวัสดี'), text('hello')] })
    expect(h.line.delivered()).toMatchObject([
      { via: 'reply', to: USER_A, messages: [text('สวัสดี'), text('hello')] },
    ])
  })

  it('pushes with the retry key and passes notificationDisabled and aggregation units through', async () => {
    const result = await h.api.push(GROUP, [text('budget')], {
      retryKey: KEY_1,
      notificationDisabled: true,
      customAggregationUnits: ['budget_2568'],
    })
    const [req] = h.line.requests()
    expect(result).toEqual({ kind: 'accepted', requestId: req?.requestId, duplicate: false })
    expect(req?.headers['x-line-retry-key']).toBe(KEY_1)
    expect(req?.body).toEqual({
      to: GROUP,
      messages: [text('budget')],
      notificationDisabled: true,
      customAggregationUnits: ['budget_2568'],
    })
    expect(h.line.delivered()).toMatchObject([
      {
        via: 'push',
        to: GROUP,
        retryKey: KEY_1,
        notificationDisabled: true,
        customAggregationUnits: ['budget_2568'],
      },
    ])
  })

  it('sends no optional fields that were not given', async () => {
    await h.api.push(USER_A, [text('x')], { retryKey: KEY_1 })
    expect(h.line.requests()[0]?.body).toEqual({ to: USER_A, messages: [text('x')] })
  })

  it('multicasts once per user and broadcasts to every follower', async () => {
    const m = await h.api.multicast([USER_A, USER_B], [text('m')], { retryKey: KEY_1 })
    const b = await h.api.broadcast([text('b')], { retryKey: KEY_2 })
    expect(m.kind).toBe('accepted')
    expect(b.kind).toBe('accepted')
    expect(h.line.delivered().map((d) => [d.via, d.to])).toEqual([
      ['multicast', USER_A],
      ['multicast', USER_B],
      ['broadcast', USER_A],
      ['broadcast', USER_B],
    ])
    expect(h.line.requests().map((r) => r.headers['x-line-retry-key'])).toEqual([KEY_1, KEY_2])
  })

  it('starts the loading animation in a 1:1 chat', async () => {
    expect((await h.api.showLoading(USER_A, 20)).kind).toBe('accepted')
    expect(h.line.requests()[0]).toMatchObject({
      path: '/v2/bot/chat/loading/start',
      status: 202,
      body: { chatId: USER_A, loadingSeconds: 20 },
    })
  })
  it("reads a follower's LINE language; none reported is null, someone not a friend has no profile", async () => {
    h.line.setLanguage(USER_A, 'en')
    expect(await h.api.getProfile(USER_A)).toEqual({ language: 'en' })
    expect(await h.api.getProfile(USER_B)).toEqual({ language: null })
    expect(await h.api.getProfile(`U${'e'.repeat(32)}`)).toBeNull()
  })
})

describe('LINE adapter against the fake LINE server: reads', () => {
  const h = useFakeLine()

  it('downloads content from the data host: 200, 202 preparing, 404, 410 gone', async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9])
    h.line.setContent('100', jpeg, 'image/jpeg')
    h.line.preparing('200')
    h.line.gone('300')
    expect(await h.api.getContent('100')).toEqual({ kind: 'ok', contentType: 'image/jpeg', bytes: jpeg })
    expect(await h.api.getContent('200')).toEqual({ kind: 'preparing' })
    expect(await h.api.getContent('404')).toEqual({ kind: 'not_found' })
    expect(await h.api.getContent('300')).toEqual({ kind: 'gone' })
    expect(h.line.requests().map((r) => r.path)).toEqual([
      '/v2/bot/message/100/content',
      '/v2/bot/message/200/content',
      '/v2/bot/message/404/content',
      '/v2/bot/message/300/content',
    ])
  })

  it('reads the quota from quota and quota/consumption, charging a group push per member', async () => {
    expect(await h.api.getQuota()).toEqual({ type: 'none', limit: null, used: 0 })
    h.line.setQuota({ type: 'limited', limit: 300 }, 10)
    h.line.setGroup(GROUP, { name: 'ฝ่ายการเงิน', members: 40 })
    await h.api.push(GROUP, [text('x')], { retryKey: KEY_1 })
    expect(await h.api.getQuota()).toEqual({ type: 'limited', limit: 300, used: 50 })
  })

  it('reads group summary and member count; an unknown group is null', async () => {
    h.line.setGroup(GROUP, { name: 'ฝ่ายพัสดุ', pictureUrl: 'https://example.test/g.png', members: 12 })
    expect(await h.api.getGroupSummary(GROUP)).toEqual({
      groupId: GROUP,
      name: 'ฝ่ายพัสดุ',
      pictureUrl: 'https://example.test/g.png',
    })
    expect(await h.api.getGroupMemberCount(GROUP)).toBe(12)
    const other = `C${'d'.repeat(32)}`
    expect(await h.api.getGroupSummary(other)).toBeNull()
    expect(await h.api.getGroupMemberCount(other)).toBeNull()
  })
})
