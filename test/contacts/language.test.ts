import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { friendKey } from '../../src/contacts/keys.js'
import type { LineMessage } from '../../src/line/port.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import {
  envelope,
  fromGroup,
  fromUser,
  signedRequest,
  simpleEvent,
  USER_A,
  USER_B,
} from '../helpers/line-events.js'

// One language at a time: Thai by default, English for a person whose LINE app is in English or
// who asks for it, Thai in groups; the choice kept under the friend key, with no time.

const THAI = /[\u0e00-\u0e7f]/
const LATIN_WORD = /[A-Za-z]{3,}/
/** Everything a person reads in some messages: texts, alt texts, labels, Flex texts. */
function shown(messages: LineMessage[]): string[] {
  const out: string[] = []
  const walk = (v: unknown, key = '') => {
    if (typeof v === 'string' && ['text', 'altText', 'label', 'displayText'].includes(key)) out.push(v)
    else if (Array.isArray(v)) for (const x of v) walk(x)
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k)
  }
  walk(messages)
  return out
}
/** Words a Thai screen may carry: names, the language switch, codes. */
const THAI_SCREEN_LATIN = /^(No Gift Policy|English|ITA|LINE|ID|PO|OIT|PDF|CSV)$/

describe.each(DB_KINDS)('the language each person is answered in (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const follow = async (userId: string) => {
    const before = line.calls.length
    const res = await t.app.request(
      await signedRequest(
        envelope([simpleEvent('follow', fromUser(userId), { replyToken: 'rt-f' }, t.clock.now().getTime())]),
      ),
    )
    expect(res.status).toBe(200)
    await t.settle()
    return line.calls.slice(before).flatMap((c) => ('messages' in c ? c.messages : []))
  }
  const rows = () => t.testDb.db.selectFrom('contact_languages').selectAll().execute()

  it('a person whose LINE is in English gets English only, asked of LINE once, kept with no id or time', async () => {
    line.profiles.set(USER_A, 'en-US')
    const greeting = await follow(USER_A)
    expect(textOf(greeting)).toMatch(/^Thank you for adding us/)
    expect(textOf(greeting)).not.toMatch(THAI)
    const menu = await chatAs(t, line, fromUser(USER_A)).say('menu')
    for (const s of shown(menu)) {
      // The one Thai word an English screen shows is the switch back to Thai, named in Thai.
      if (s !== 'ภาษาไทย') expect(s, s).not.toMatch(THAI)
    }
    expect(shown(menu)).toContain('ภาษาไทย')
    expect(line.profileCalls).toEqual([USER_A])
    expect(await rows()).toEqual([
      { org_id: 'default', user_key: await friendKey(t.deps.keyring, USER_A), lang: 'en', chosen: false },
    ])
  })

  it('Thai by default: a Thai screen has no English beside it, and the switch is one tap', async () => {
    line.profiles.set(USER_B, 'th')
    await follow(USER_B)
    const chat = chatAs(t, line, fromUser(USER_B))
    const help = await chat.say('เมนู')
    const latin = shown(help).flatMap((s) => s.match(/[A-Za-z][A-Za-z ]*[A-Za-z]/g) ?? [])
    expect(latin.filter((w) => LATIN_WORD.test(w) && !THAI_SCREEN_LATIN.test(w))).toEqual([])
    expect(shown(help)).toContain('English')
    // The button sends "English": from then on this person reads English, in every part.
    const changed = await chat.say('English')
    expect(textOf(changed)).toMatch(/^Done\. This account will answer you in English/)
    const guide = await chat.tap('action=guide&id=ethics')
    expect(shown(guide).some((s) => /Item 1 of 7/.test(s))).toBe(true)
    expect(shown(guide).filter((s) => THAI.test(s))).toEqual([])
    expect(await rows()).toMatchObject([{ lang: 'en', chosen: true }])
    // A later follow (after a block) does not undo a choice, nor ask LINE again.
    line.profiles.set(USER_B, 'th')
    await follow(USER_B)
    expect(await rows()).toMatchObject([{ lang: 'en', chosen: true }])
    expect(line.profileCalls).toEqual([USER_B])
    expect(textOf(await chat.say('ภาษาไทย'))).toMatch(/^ตั้งค่าแล้ว บัญชีนี้จะตอบท่านเป็นภาษาไทย/)
    expect(await rows()).toMatchObject([{ lang: 'th', chosen: true }])
  })

  it('when LINE does not answer, Thai, and LINE is not asked again by this process', async () => {
    line.profiles.set(USER_A, 'fail')
    const chat = chatAs(t, line, fromUser(USER_A))
    expect(textOf(await chat.say('เมนู'))).toMatch(/^บัญชีนี้ช่วยสื่อสาร/)
    expect(textOf(await chat.say('เมนู'))).toMatch(/^บัญชีนี้ช่วยสื่อสาร/)
    expect(line.profileCalls).toEqual([USER_A])
    // A friend from before (no follow seen) is not written down on a message: it may be a complaint.
    expect(await rows()).toEqual([])
    expect(t.logs.join('\n')).toMatch(/language\.profile_failed/)
  })

  it('a friend from before gets their LINE language, and a complaint intake writes no language row', async () => {
    line.profiles.set(USER_A, 'en')
    const chat = chatAs(t, line, fromUser(USER_A))
    const promise = await chat.say('ร้องเรียน')
    expect(textOf(promise)).toMatch(/^This channel protects whoever reports/)
    expect(textOf(promise)).not.toMatch(THAI)
    expect(await rows()).toEqual([])
    expect(line.profileCalls).toEqual([USER_A])
  })

  it('a group is answered in Thai whatever its members chose; a choice made there is for 1:1', async () => {
    line.profiles.set(USER_A, 'en')
    await follow(USER_A)
    const group = chatAs(t, line, fromGroup(undefined, USER_A))
    const help = await group.say('เมนู')
    expect(textOf(help)).toMatch(/^บัญชีนี้ช่วยสื่อสาร/)
    expect(shown(help)).not.toContain('English') // the switch is for 1:1 chats only
    expect(textOf(await group.say('ภาษาไทย'))).toMatch(/ข้อความในกลุ่มใช้ภาษาไทยเสมอ/)
    expect(await rows()).toMatchObject([{ lang: 'th', chosen: true }])
    expect(textOf(await chatAs(t, line, fromUser(USER_A)).say('menu'))).toMatch(/^บัญชีนี้ช่วยสื่อสาร/)
  })
})
