import { describe, expect, test } from 'vitest'
import { createSimulator } from '../../src/simulator/simulator.js'
import { parseEnvelope } from '../../src/webhook/events.js'
import { signBody } from '../../src/webhook/signature.js'
import { captureSim, SIM_SECRET } from './helpers.js'

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/
const USER_ID = /^U[0-9a-f]{32}$/
const GROUP_ID = /^C[0-9a-f]{32}$/
const retryKey = () => crypto.randomUUID()
const text = (t: string) => ({ type: 'text' as const, text: t })

describe('simulator: webhook events', () => {
  test('opening a 1:1 chat sends a signed follow event shaped as LINE sends it', async () => {
    const { sim, webhooks, lastEvent } = captureSim()
    const chat = await sim.openUserChat('สมชาย ใจดี')
    expect(chat.id).toMatch(USER_ID)
    const hook = webhooks[0]
    expect(hook?.signature).toBe(await signBody(SIM_SECRET, hook?.body ?? ''))
    const body = JSON.parse(hook?.body ?? '{}')
    expect(body.destination).toBe(sim.bot.userId)
    expect(parseEnvelope(body).ok).toBe(true)
    const e = lastEvent()
    expect(e).toMatchObject({
      type: 'follow',
      mode: 'active',
      timestamp: Date.parse('2026-11-22T03:00:00Z'),
      source: { type: 'user', userId: chat.id },
      deliveryContext: { isRedelivery: false },
      follow: { isUnblocked: false },
    })
    expect(e.webhookEventId).toMatch(ULID)
    expect(e.replyToken).toMatch(/^[0-9a-f]{32}$/)
    // A second open is the same chat, and no second follow.
    await sim.openUserChat('สมชาย ใจดี')
    expect(webhooks).toHaveLength(1)
  })

  test('a persona keeps its user id across simulator instances with the same secret', async () => {
    const a = await captureSim().sim.openUserChat('สมหญิง รักงาน')
    const other = createSimulator({ channelSecret: SIM_SECRET })
    other.attach(async () => new Response('{}'))
    expect((await other.openUserChat('สมหญิง รักงาน')).id).toBe(a.id)
  })

  test('text messages carry id and quoteToken; each event has a fresh id and reply token', async () => {
    const { sim, events } = captureSim()
    const chat = await sim.openUserChat('มานะ')
    await sim.say(chat.id, undefined, 'เมนู')
    await sim.say(chat.id, 'มานะ', 'สวัสดี')
    const [follow, m1, m2] = events()
    expect(m1).toMatchObject({
      type: 'message',
      source: { type: 'user', userId: chat.id },
      message: { type: 'text', text: 'เมนู' },
    })
    const message = m1?.message as { id: string; quoteToken: string }
    expect(message.id).toMatch(/^\d{18}$/)
    expect(message.quoteToken.length).toBeGreaterThan(20)
    const ids = new Set([follow, m1, m2].map((e) => e?.webhookEventId))
    const tokens = new Set([follow, m1, m2].map((e) => e?.replyToken))
    expect(ids.size).toBe(3)
    expect(tokens.size).toBe(3)
  })

  test('groups: join, mention, memberJoined, memberLeft, leave — and silence when the bot is out', async () => {
    const { sim, events, lastEvent } = captureSim()
    const group = await sim.createGroup('ฝ่ายการเงิน', ['สมชาย ใจดี', 'สมหญิง รักงาน'])
    expect(group.id).toMatch(GROUP_ID)
    expect(group.botIn).toBe(false)
    await sim.say(group.id, 'สมชาย ใจดี', 'ก่อนบอตเข้ากลุ่ม')
    expect(events()).toHaveLength(0)

    await sim.addBot(group.id)
    expect(lastEvent()).toMatchObject({ type: 'join', source: { type: 'group', groupId: group.id } })
    expect(lastEvent().replyToken).toBeTruthy()

    const somchai = group.members?.[0]?.userId
    await sim.say(group.id, somchai, '@bot เมนู')
    expect(lastEvent()).toMatchObject({
      type: 'message',
      source: { type: 'group', groupId: group.id, userId: somchai },
      message: {
        text: '@bot เมนู',
        mention: { mentionees: [{ index: 0, length: 4, isSelf: true, userId: sim.bot.userId }] },
      },
    })
    await sim.say(group.id, 'สมหญิง รักงาน', 'คุยกันเอง')
    expect((lastEvent().message as Record<string, unknown>).mention).toBeUndefined()

    const added = await sim.addMember(group.id, 'ชูใจ')
    expect(added.members?.map((m) => m.name)).toContain('ชูใจ')
    expect(lastEvent()).toMatchObject({ type: 'memberJoined', joined: { members: [{ type: 'user' }] } })
    await sim.removeMember(group.id, 'ชูใจ')
    expect(lastEvent()).toMatchObject({ type: 'memberLeft', left: { members: [{ type: 'user' }] } })
    expect(lastEvent().replyToken).toBeUndefined()

    await sim.removeBot(group.id)
    expect(lastEvent()).toMatchObject({ type: 'leave', source: { type: 'group', groupId: group.id } })
    const count = events().length
    await sim.say(group.id, somchai, '@bot ยังอยู่ไหม')
    expect(events()).toHaveLength(count)
    for (const e of events())
      expect(parseEnvelope({ destination: sim.bot.userId, events: [e] }).ok).toBe(true)
  })

  test('postbacks (with datetime picker params), unsend, block and unblock', async () => {
    const { sim, lastEvent } = captureSim()
    const chat = await sim.openUserChat('ปิติ')
    await sim.postback(chat.id, undefined, { data: 'action=pick', params: { date: '2026-12-01' } })
    expect(lastEvent()).toMatchObject({
      type: 'postback',
      postback: { data: 'action=pick', params: { date: '2026-12-01' } },
    })
    await sim.postback(chat.id, undefined, { data: 'action=menu', displayText: 'เมนู' })
    expect(lastEvent().postback).toEqual({ data: 'action=menu' })

    const said = await sim.say(chat.id, undefined, 'ส่งผิด')
    await sim.unsend(chat.id, undefined)
    expect(lastEvent()).toMatchObject({
      type: 'unsend',
      unsend: { messageId: said.kind === 'user' ? said.messageId : '' },
    })
    expect(sim.isUnsent(said.seq)).toBe(true)

    await sim.setFollowing(chat.id, false)
    expect(lastEvent()).toMatchObject({ type: 'unfollow', source: { userId: chat.id } })
    await sim.setFollowing(chat.id, true)
    expect(lastEvent()).toMatchObject({ type: 'follow', follow: { isUnblocked: true } })
  })
})

describe('simulator: the LinePort records instead of sending', () => {
  test('reply lands in the chat the token was issued for, with a sequence number', async () => {
    const { sim, lastEvent } = captureSim()
    const chat = await sim.openUserChat('สมชาย ใจดี')
    const result = await sim.line.reply(String(lastEvent().replyToken), [text('สวัสดี')])
    expect(result).toMatchObject({ kind: 'accepted', duplicate: false })
    const entry = sim.transcript.since(chat.id).at(-1)
    expect(entry).toMatchObject({ kind: 'bot', via: 'reply', chatId: chat.id, messages: [text('สวัสดี')] })
    expect(entry?.seq).toBeGreaterThan(0)
  })

  test('push to a user or a group, multicast, broadcast to followers only, quota counts recipients', async () => {
    const { sim } = captureSim()
    const a = await sim.openUserChat('ก')
    const b = await sim.openUserChat('ข')
    await sim.setFollowing(b.id, false)
    const g = await sim.createGroup('กลุ่ม', ['ก', 'ข', 'ค'], { withBot: true })
    expect((await sim.line.push(g.id, [text('ถึงกลุ่ม')], { retryKey: retryKey() })).kind).toBe('accepted')
    expect(sim.transcript.since(g.id).at(-1)).toMatchObject({ kind: 'bot', via: 'push' })
    expect((await sim.line.multicast([a.id], [text('หลายคน')], { retryKey: retryKey() })).kind).toBe(
      'accepted',
    )
    expect((await sim.line.broadcast([text('ทุกคน')], { retryKey: retryKey() })).kind).toBe('accepted')
    const bot = (id: string) => sim.transcript.since(id).filter((e) => e.kind === 'bot')
    expect(bot(a.id).map((e) => (e.kind === 'bot' ? e.via : ''))).toEqual(['multicast', 'broadcast'])
    expect(bot(b.id)).toHaveLength(0)
    expect(await sim.line.getQuota()).toEqual({ type: 'none', limit: null, used: 3 + 1 + 1 })
  })

  test('loading indicator, group summary and count, content, profile', async () => {
    const { sim } = captureSim()
    const chat = await sim.openUserChat('ก')
    expect((await sim.line.showLoading(chat.id, 20)).kind).toBe('accepted')
    expect(sim.transcript.since(chat.id).at(-1)).toMatchObject({ kind: 'typing', seconds: 20 })
    const g = await sim.createGroup('งานพัสดุ', ['ก', 'ข'])
    expect(await sim.line.getGroupSummary(g.id)).toEqual({ groupId: g.id, name: 'งานพัสดุ', pictureUrl: null })
    expect(await sim.line.getGroupMemberCount(g.id)).toBe(2)
    expect(await sim.line.getGroupSummary(`C${'0'.repeat(32)}`)).toBeNull()
    expect(await sim.line.getContent('123')).toEqual({ kind: 'not_found' })
    // A simulated person's LINE is in Thai; someone the simulator does not know has no profile.
    expect(await sim.line.getProfile(chat.id)).toEqual({ language: 'th' })
    expect(await sim.line.getProfile(`U${'0'.repeat(32)}`)).toBeNull()
    expect(sim.calls.map((c) => c.op)).toEqual(['loading'])
  })
})
