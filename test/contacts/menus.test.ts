import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { friendKey } from '../../src/contacts/keys.js'
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

// Each person's rich menu follows their language: the English menu (alias menu-en, made by
// richmenu:upload) linked to whoever reads English, the Thai default back for whoever chooses
// Thai. Failures: menus.errors.test.ts.

const EN_MENU = 'richmenu-en-0001'

describe.each(DB_KINDS)('the rich menu each person sees (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    line.aliases.set('menu-en', EN_MENU)
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const links = () => line.menuCalls.filter((c) => c.op !== 'alias')
  const language = async (userId: string) =>
    t.testDb.db
      .selectFrom('contact_languages')
      .select(['lang', 'chosen'])
      .where('user_key', '=', await friendKey(t.deps.keyring, userId))
      .executeTakeFirst()

  it('choosing English links the English menu; choosing Thai unlinks it, so the Thai default shows', async () => {
    const chat = chatAs(t, line, fromUser(USER_A))
    expect(textOf(await chat.say('English'))).toMatch(/^Done\. This account will answer you in English/)
    expect(line.userMenus.get(USER_A)).toBe(EN_MENU)
    expect(await language(USER_A)).toEqual({ lang: 'en', chosen: true })
    expect(textOf(await chat.say('ภาษาไทย'))).toMatch(/^ตั้งค่าแล้ว/)
    expect(line.userMenus.has(USER_A)).toBe(false)
    expect(links()).toEqual([
      { op: 'link', args: [USER_A, EN_MENU] },
      { op: 'unlink', args: [USER_A] },
    ])
    expect(await language(USER_A)).toEqual({ lang: 'th', chosen: true })
  })

  it('a new friend whose LINE is in English gets the English menu; a Thai one costs no call', async () => {
    line.profiles.set(USER_A, 'en-US')
    line.profiles.set(USER_B, 'th')
    for (const user of [USER_A, USER_B]) {
      const follow = simpleEvent(
        'follow',
        fromUser(user),
        { replyToken: `rt-${user}` },
        t.clock.now().getTime(),
      )
      expect((await t.app.request(await signedRequest(envelope([follow])))).status).toBe(200)
      await t.settle()
    }
    expect(textOf(line.calls.flatMap((c) => ('messages' in c ? c.messages : [])))).toMatch(/^Thank you/)
    expect(links()).toEqual([{ op: 'link', args: [USER_A, EN_MENU] }])
  })

  it('once the menu is right, the person’s messages and presses ask LINE nothing more', async () => {
    const chat = chatAs(t, line, fromUser(USER_A))
    await chat.say('English')
    const calls = line.menuCalls.length
    await chat.say('Budget')
    await chat.tap('action=menu')
    await chatAs(t, line, fromUser(USER_B)).say('งบประมาณ')
    expect(line.menuCalls.length).toBe(calls)
  })

  it('after an upload replaces the English menu, the next message links the new one', async () => {
    const chat = chatAs(t, line, fromUser(USER_A))
    await chat.say('English')
    line.aliases.set('menu-en', 'richmenu-en-0002')
    // LINE shows the default once the old menu is deleted; the alias is read again after a minute.
    line.userMenus.delete(USER_A)
    await chat.say('help')
    expect(line.userMenus.has(USER_A)).toBe(false)
    t.clock.advance(61_000)
    await chat.say('help')
    expect(line.userMenus.get(USER_A)).toBe('richmenu-en-0002')
  })

  it('"English" typed in a group links that member’s own menu; the group is answered in Thai', async () => {
    const said = await chatAs(t, line, fromGroup(undefined, USER_B)).say('English')
    expect(textOf(said)).toMatch(/ข้อความในกลุ่มใช้ภาษาไทยเสมอ/)
    expect(links()).toEqual([{ op: 'link', args: [USER_B, EN_MENU] }])
  })

  it('with no English menu uploaded (no alias), the choice works and nothing is linked', async () => {
    line.aliases.clear()
    expect(textOf(await chatAs(t, line, fromUser(USER_A)).say('English'))).toMatch(/^Done\./)
    expect(links()).toEqual([])
    expect(t.logs.filter((l) => l.includes('richmenu'))).toEqual([])
  })
})
