import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { friendKey } from '../../src/contacts/keys.js'
import { findFriend, findGroup } from '../../src/contacts/repository.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import {
  envelope,
  fromGroup,
  fromUser,
  GROUP_1,
  postbackEvent,
  signedRequest,
  simpleEvent,
  textEvent,
  USER_A,
  USER_B,
} from '../helpers/line-events.js'

describe.each(DB_KINDS)('webhook happy path (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const post = async (events: unknown[]) => {
    const res = await t.app.request(await signedRequest(envelope(events)))
    await t.settle()
    return res
  }
  const now = () => t.clock.now().getTime()

  it('answers the console verify request (no events) with 200 and stores nothing', async () => {
    const res = await post([])
    expect(res.status).toBe(200)
    const rows = await t.testDb.db.selectFrom('webhook_inbox').selectAll().execute()
    expect(rows).toHaveLength(0)
  })

  it('stores a 1:1 text message, replies with the reply token, then deletes its inbox row', async () => {
    const ev = textEvent('เมนู', fromUser(), now())
    const res = await post([ev])
    expect(res.status).toBe(200)
    expect(line.calls).toHaveLength(1)
    expect(line.calls[0]).toMatchObject({ op: 'reply', replyToken: ev.replyToken })
    expect(await t.testDb.db.selectFrom('webhook_inbox').selectAll().execute()).toEqual([])
  })

  it('stores a group text command, replies with the reply token, then keeps only id, type and outcome', async () => {
    const ev = textEvent('เมนู', fromGroup(GROUP_1, USER_A), now())
    const res = await post([ev])
    expect(res.status).toBe(200)
    expect(line.calls).toHaveLength(1)
    expect(line.calls[0]).toMatchObject({ op: 'reply', replyToken: ev.replyToken })
    const row = await t.testDb.db.selectFrom('webhook_inbox').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      event_id: ev.webhookEventId,
      event_type: 'message',
      status: 'done',
      payload: null,
      key_id: null,
      chat_key: null,
      message_id: null,
      lease_until: null,
    })
    expect(row.outcome).toContain('intent:help')
  })

  it('registers a follower and greets them; an unfollow is recorded without any send', async () => {
    await post([
      simpleEvent('follow', fromUser(USER_B), { replyToken: 'rt-f', follow: { isUnblocked: false } }, now()),
    ])
    // The registry knows the friend by key only, dated by the day.
    const key = await friendKey(t.deps.keyring, USER_B)
    expect(await findFriend(t.testDb.db, 'default', USER_B)).toBeUndefined()
    expect(await findFriend(t.testDb.db, 'default', key)).toMatchObject({ status: 'following' })
    expect(line.calls.map((c) => c.op)).toEqual(['reply'])
    t.clock.advance(1000)
    await post([simpleEvent('unfollow', fromUser(USER_B), {}, now())])
    expect(await findFriend(t.testDb.db, 'default', key)).toMatchObject({ status: 'unfollowed' })
    expect(line.calls).toHaveLength(1)
  })

  it('records a group it joins with LINE name and member count, greets it, and marks it left', async () => {
    line.groups.set(GROUP_1, { name: 'กองคลัง', count: 12 })
    await post([simpleEvent('join', fromGroup(), { replyToken: 'rt-j' }, now())])
    expect(await findGroup(t.testDb.db, 'default', GROUP_1)).toMatchObject({
      status: 'active',
      chat_type: 'group',
      name: 'กองคลัง',
      member_count: 12,
    })
    expect(line.calls[0]).toMatchObject({ op: 'reply', replyToken: 'rt-j' })

    const members = {
      members: [
        { type: 'user', userId: USER_A },
        { type: 'user', userId: USER_B },
      ],
    }
    t.clock.advance(1000)
    await post([simpleEvent('memberJoined', fromGroup(), { replyToken: 'rt-m', joined: members }, now())])
    expect((await findGroup(t.testDb.db, 'default', GROUP_1))?.member_count).toBe(14)
    t.clock.advance(1000)
    await post([
      simpleEvent('memberLeft', fromGroup(), { left: { members: members.members.slice(0, 1) } }, now()),
    ])
    expect((await findGroup(t.testDb.db, 'default', GROUP_1))?.member_count).toBe(13)

    const sendsBefore = line.calls.length
    t.clock.advance(1000)
    await post([simpleEvent('leave', fromGroup(), {}, now())])
    expect(await findGroup(t.testDb.db, 'default', GROUP_1)).toMatchObject({ status: 'left' })
    expect(line.calls).toHaveLength(sendsBefore)
  })

  it('routes a group postback by its action and keeps the action as its outcome', async () => {
    await post([postbackEvent('action=menu', fromGroup(GROUP_1, USER_A), now())])
    const row = await t.testDb.db.selectFrom('webhook_inbox').select('outcome').executeTakeFirstOrThrow()
    expect(row.outcome).toBe('postback:menu')
    expect(line.calls).toHaveLength(1)
  })

  it('routes a 1:1 postback by its action, then deletes its inbox row', async () => {
    const ev = postbackEvent('action=menu', fromUser(), now())
    await post([ev])
    expect(line.calls).toEqual([expect.objectContaining({ op: 'reply', replyToken: ev.replyToken })])
    expect(await t.testDb.db.selectFrom('webhook_inbox').selectAll().execute()).toEqual([])
  })

  it('handles several events from different chats in one body', async () => {
    const events = [
      textEvent('เมนู', fromUser(USER_A), now()),
      textEvent('help', fromUser(USER_B), now()),
      simpleEvent('join', fromGroup(), { replyToken: 'rt-j2' }, now()),
    ]
    await post(events)
    expect(line.calls).toHaveLength(3)
    // The two 1:1 events leave no row; the group's join stays as done.
    const rows = await t.testDb.db.selectFrom('webhook_inbox').select(['event_id', 'status']).execute()
    expect(rows).toEqual([{ event_id: events[2]?.webhookEventId, status: 'done' }])
  })

  it('runs one chat in timestamp order even when LINE delivers it out of order', async () => {
    const first = textEvent('เมนู', fromUser(), now() - 2000)
    const second = textEvent('help', fromUser(), now() - 1000)
    await post([second, first])
    const tokens = line.calls.flatMap((c) => (c.op === 'reply' ? [c.replyToken] : []))
    expect(tokens).toEqual([first.replyToken, second.replyToken])
  })

  it('in a group, stays quiet on ordinary talk but answers an exact command', async () => {
    await post([textEvent('ประชุมบ่ายนี้นะครับ', fromGroup(GROUP_1, USER_A), now())])
    expect(line.calls).toHaveLength(0)
    await post([textEvent('เมนู', fromGroup(GROUP_1, USER_A), now())])
    expect(line.calls).toHaveLength(1)
  })

  it('reports health with the inbox backlog', async () => {
    const res = await t.app.request('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'reachable', inbox: { pending: 0 } })
  })
})
