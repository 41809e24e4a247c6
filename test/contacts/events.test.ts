import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { engagementChatKey } from '../../src/engagement/events.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import {
  envelope,
  fromGroup,
  fromUser,
  GROUP_1,
  signedRequest,
  simpleEvent,
  USER_A,
  USER_B,
} from '../helpers/line-events.js'

// Follows, unfollows, the bot joining and leaving groups and members coming and going are
// engagement events: pseudonymous (HMACs only) and members counted, never keyed.

const MEMBER = `U${'9'.repeat(32)}`

describe.each(DB_KINDS)('contact events in the engagement log (%s)', (kind) => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp(kind, { line: new MemoryLine() })
  })
  afterEach(() => t.close())

  const send = async (...events: unknown[]) => {
    const res = await t.app.request(await signedRequest(envelope(events)))
    expect(res.status).toBe(200)
    await t.settle()
  }
  const events = () =>
    t.testDb.db
      .selectFrom('engagement_events')
      .select(['kind', 'chat_key', 'place_key', 'measure', 'data', 'occurred_at'])
      .orderBy('id')
      .execute()
  const members = (...ids: string[]) => ({ members: ids.map((userId) => ({ type: 'user', userId })) })

  it('follow and unfollow: keyed by the person, placed nowhere, no measure', async () => {
    const now = t.clock.now().getTime()
    await send(
      simpleEvent('follow', fromUser(USER_A), { replyToken: 'rt-f', follow: { isUnblocked: true } }, now),
    )
    await send(simpleEvent('unfollow', fromUser(USER_A), {}, now + 1))
    const key = await engagementChatKey(t.deps.keyring, USER_A)
    expect(await events()).toEqual([
      {
        kind: 'friend.followed',
        chat_key: key,
        place_key: null,
        measure: null,
        data: { unblocked: true },
        occurred_at: t.clock.now(),
      },
      {
        kind: 'friend.unfollowed',
        chat_key: key,
        place_key: null,
        measure: null,
        data: {},
        occurred_at: t.clock.now(),
      },
    ])
  })

  it('join, members in and out, leave: keyed and placed by the group, members only counted', async () => {
    const group = fromGroup(GROUP_1)
    await send(simpleEvent('join', group, { replyToken: 'rt-j' }))
    await send(
      simpleEvent('memberJoined', group, { replyToken: 'rt-m', joined: members(USER_A, USER_B, MEMBER) }),
    )
    await send(simpleEvent('memberLeft', group, { left: members(MEMBER) }))
    await send(simpleEvent('leave', group))
    const key = await engagementChatKey(t.deps.keyring, GROUP_1)
    const rows = await events()
    expect(rows.map((e) => [e.kind, e.data])).toEqual([
      ['group.joined', {}],
      ['group.member_joined', { count: 3 }],
      ['group.member_left', { count: 1 }],
      ['group.left', {}],
    ])
    for (const e of rows) expect(e).toMatchObject({ chat_key: key, place_key: key, measure: null })
    // No member is identifiable from the log: neither their ids nor their keys.
    const haystack = JSON.stringify(rows)
    for (const id of [USER_A, USER_B, MEMBER]) {
      expect(haystack).not.toContain(id)
      expect(haystack).not.toContain(await engagementChatKey(t.deps.keyring, id))
    }
  })

  it('a room is a place like a group; a redelivered event is logged once', async () => {
    const room = { type: 'room', roomId: `R${'2'.repeat(32)}` }
    const join = simpleEvent('join', fromUser(), { replyToken: 'rt-r' })
    const event = { ...join, source: room }
    await send(event)
    await send({ ...event, deliveryContext: { isRedelivery: true } })
    const rows = await events()
    expect(rows.map((e) => e.kind)).toEqual(['group.joined'])
    expect(rows[0]?.place_key).toBe(await engagementChatKey(t.deps.keyring, room.roomId))
  })

  it('the registry and the log agree: a group the bot left is marked left with its event', async () => {
    await send(simpleEvent('join', fromGroup(GROUP_1), { replyToken: 'rt-j2' }))
    await send(simpleEvent('leave', fromGroup(GROUP_1)))
    const [g] = await t.testDb.db.selectFrom('line_groups').select('status').execute()
    expect(g?.status).toBe('left')
    expect((await events()).map((e) => e.kind)).toEqual(['group.joined', 'group.left'])
  })
})
