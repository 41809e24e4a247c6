import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LineMessage } from '../../src/line/port.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { shippedFlows } from '../helpers/flows.js'
import {
  envelope,
  fromGroup,
  fromUser,
  postbackEvent,
  signedRequest,
  simpleEvent,
  textEvent,
  USER_B,
} from '../helpers/line-events.js'

// The same files createTestApp loads: replies are compared with what flows/ says.
const flows = shippedFlows()
const labels = (messages: LineMessage[]) =>
  messages.flatMap((m) => m.quickReply?.items ?? []).map((i) => i.action?.label)

/** A text event in which a group member mentions the bot (LINE sets isSelf on that mentionee). */
function mentioning(text: string, source: ReturnType<typeof fromGroup>, timestamp: number) {
  const ev = textEvent(text, source, timestamp)
  return {
    ...ev,
    message: { ...ev.message, mention: { mentionees: [{ index: 0, length: 4, isSelf: true }] } },
  }
}

describe.each(DB_KINDS)('conversation through the webhook (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const now = () => t.clock.now().getTime()
  const post = async (events: unknown[]) => {
    const res = await t.app.request(await signedRequest(envelope(events)))
    expect(res.status).toBe(200)
    await t.settle()
  }
  /** The messages of the only call to LINE. */
  const sent = (): LineMessage[] => {
    expect(line.calls).toHaveLength(1)
    const call = line.calls[0]
    return call && 'messages' in call ? call.messages : []
  }

  it.each([
    ['เมนูค่ะ', 'help'],
    ['HELP', 'help'],
    ['อยากขอยืมครุภัณฑ์ของกอง', 'topic.assets'],
    ['รับของขวัญได้ไหม', 'topic.nogift'],
    ['สวัสดีครับ', 'smalltalk.greeting'],
    ['ขอบคุณมากค่ะ', 'smalltalk.thanks'],
    ['เกี่ยวกับบอท', 'about'],
    ['ข้าวผัดกะเพรา', 'fallback'],
  ])('1:1 "%s" → %s, answered with the reply token', async (text, key) => {
    const ev = textEvent(text, fromUser(), now())
    await post([ev])
    expect(line.calls[0]).toMatchObject({ op: 'reply', replyToken: ev.replyToken })
    expect(sent()).toEqual(flows.render(key))
  })

  it('the help message says what the bot does and offers the topics, complaint included', async () => {
    await post([textEvent('เมนู', fromUser(), now())])
    const [help] = sent()
    expect(help?.type === 'text' && help.text).toMatch(
      /งบประมาณ[\s\S]*ยืมทรัพย์สิน[\s\S]*No Gift Policy[\s\S]*ร้องเรียน/,
    )
    expect(labels(sent())).toContain('ร้องเรียน')
    expect(labels(sent()).length).toBeLessThanOrEqual(13)
  })

  it.each([
    ['action=menu', 'help'],
    ['action=about', 'about'],
  ])('postback %s → %s', async (data, key) => {
    await post([postbackEvent(data, fromUser(), now())])
    expect(sent()).toEqual(flows.render(key))
  })

  it('greets a new follower with what the bot does and the menu', async () => {
    await post([simpleEvent('follow', fromUser(USER_B), { replyToken: 'rt-f' }, now())])
    expect(sent()).toEqual(flows.render('greeting.follow', { orgName: 'หน่วยงาน', orgNameEn: 'Agency' }))
    expect(labels(sent()).length).toBeGreaterThan(0)
  })

  it('introduces itself to a group it joins: what it posts, complaints in 1:1 only', async () => {
    await post([simpleEvent('join', fromGroup(), { replyToken: 'rt-j' }, now())])
    const [intro] = sent()
    expect(intro?.type === 'text' && intro.text).toMatch(/1:1/)
    expect(sent()).toEqual(flows.render('greeting.join', { orgName: 'หน่วยงาน', orgNameEn: 'Agency' }))
  })

  it('answers a group command that is the whole message, without the complaint button', async () => {
    await post([textEvent('เมนูครับ', fromGroup(), now())])
    expect(sent()).toEqual(flows.render('help', {}, { chat: 'group' }))
    expect(labels(sent())).not.toContain('ร้องเรียน')
    expect(labels(sent()).length).toBeGreaterThan(0)
  })

  it('stays quiet when a keyword only comes up in group conversation', async () => {
    await post([
      textEvent('เดี๋ยวบ่ายนี้คุยเรื่องงบประมาณกันนะ', fromGroup(), now()),
      textEvent('ขอบคุณครับ ทุกคน', fromGroup(), now() + 1),
      textEvent('ข้าวผัดกะเพรา', fromGroup(), now() + 2),
    ])
    expect(line.calls).toHaveLength(0)
  })

  it('answers a topic in a group when mentioned', async () => {
    await post([mentioning('@บอท รับของขวัญได้ไหม', fromGroup(), now())])
    expect(sent()).toEqual(flows.render('topic.nogift', {}, { chat: 'group' }))
  })

  it('answers the fallback in a group only when mentioned', async () => {
    await post([mentioning('@บอท ข้าวผัดกะเพรา', fromGroup(), now())])
    expect(sent()).toEqual(flows.render('fallback', {}, { chat: 'group' }))
  })
})
