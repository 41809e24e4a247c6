import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { friendKey } from '../../src/contacts/keys.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { fromUser, USER_A, USER_B } from '../helpers/line-events.js'

// LINE failing to link a menu loses neither the language chosen nor the answer: it is logged
// once, with no LINE id, and tried again at a later message once a wait has passed.

const EN_MENU = 'richmenu-en-0001'
const SERVER_ERROR = { kind: 'unavailable', status: 500, detail: 'Internal Server Error' } as const

describe.each(DB_KINDS)('a rich menu LINE does not link (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    line.aliases.set('menu-en', EN_MENU)
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const failures = () => t.logs.filter((l) => l.includes('richmenu.link_failed'))
  const links = () => line.menuCalls.filter((c) => c.op === 'link').length
  const language = async (userId: string) =>
    t.testDb.db
      .selectFrom('contact_languages')
      .select(['lang', 'chosen'])
      .where('user_key', '=', await friendKey(t.deps.keyring, userId))
      .executeTakeFirst()

  it.each([
    ['LINE answers 500', SERVER_ERROR],
    ['the connection drops', 'throw' as const],
  ])('%s: the choice is kept and answered, one log line without ids', async (_what, failure) => {
    line.menuScript.push(failure)
    const said = await chatAs(t, line, fromUser(USER_A)).say('English')
    expect(textOf(said)).toMatch(/^Done\. This account will answer you in English/)
    expect(await language(USER_A)).toEqual({ lang: 'en', chosen: true })
    expect(line.userMenus.has(USER_A)).toBe(false)
    expect(failures()).toHaveLength(1)
    expect(JSON.parse(failures()[0] ?? '{}')).toMatchObject({ level: 'error', lang: 'en', retryInMs: 60_000 })
    const logs = t.logs.join('\n')
    expect(logs).not.toContain(USER_A)
    expect(logs).not.toContain('[line-id]')
    expect(logs).not.toContain(await friendKey(t.deps.keyring, USER_A))
  })

  it('tried again at a message after the wait, not before, and not logged again', async () => {
    line.menuScript.push(SERVER_ERROR)
    const chat = chatAs(t, line, fromUser(USER_A))
    await chat.say('English')
    await chat.say('Budget')
    expect(links()).toBe(1)
    t.clock.advance(60_000)
    line.menuScript.push(SERVER_ERROR)
    expect(textOf(await chat.say('Budget'))).not.toMatch(/[\u0e00-\u0e7f]/)
    expect(links()).toBe(2)
    // The second failure doubles the wait: one minute more is not enough.
    t.clock.advance(60_000)
    await chat.say('help')
    expect(links()).toBe(2)
    t.clock.advance(60_000)
    await chat.say('help')
    expect(links()).toBe(3)
    expect(line.userMenus.get(USER_A)).toBe(EN_MENU)
    expect(failures()).toHaveLength(1)
  })

  it('choosing again does not wait: a new choice asks LINE at once', async () => {
    line.menuScript.push(SERVER_ERROR)
    const chat = chatAs(t, line, fromUser(USER_A))
    await chat.say('English')
    await chat.say('English')
    expect(line.userMenus.get(USER_A)).toBe(EN_MENU)
  })

  it('a failed unlink leaves the English menu only until a later message gets it through', async () => {
    const chat = chatAs(t, line, fromUser(USER_B))
    await chat.say('English')
    line.menuScript.push(SERVER_ERROR)
    expect(textOf(await chat.say('ภาษาไทย'))).toMatch(/^ตั้งค่าแล้ว/)
    expect(await language(USER_B)).toEqual({ lang: 'th', chosen: true })
    expect(line.userMenus.get(USER_B)).toBe(EN_MENU)
    t.clock.advance(60_000)
    await chat.say('เมนู')
    expect(line.userMenus.has(USER_B)).toBe(false)
    expect(JSON.parse(failures()[0] ?? '{}')).toMatchObject({ lang: 'th', status: 500 })
  })
})
