import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openAsComplainant } from '../../src/complaints/follow-access.js'
import { sessionKey } from '../../src/dialogues/sessions.js'
import type { LineMessage } from '../../src/line/port.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { fromUser, USER_A, USER_B } from '../helpers/line-events.js'
import { REAL_CODE, SECRET, seedCase, throttleRows, UNKNOWN_CODE, WRONG } from './followup-helpers.js'

// Follow-up in LINE tells a guesser nothing and never locks the complainant out: the replies to
// a real code with a wrong secret and to a code that does not exist are the same messages, and
// a LINE user who guesses too often waits, counted by the day's session key only.

const USER_C = `U${'c'.repeat(32)}`

describe.each(DB_KINDS)('complaint follow-up in LINE against guessing (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  /** "ติดตามเรื่องร้องเรียน", the code, the secret, submit: the reply to the submit. */
  async function follow(chat: ReturnType<typeof chatAs>, code: string, secret: string) {
    await chat.say('ติดตามเรื่องร้องเรียน')
    await chat.say(code)
    const summary = await chat.say(secret)
    return chat.tap(button(summary, /^ส่ง$/))
  }

  it('a real code with a wrong secret and an unknown code get the same replies after 0, 5 and 50 tries; the complainant still opens it', async () => {
    await seedCase(t.deps.db, t.deps.keyring)
    const guesserA = chatAs(t, line, fromUser(USER_A))
    const guesserB = chatAs(t, line, fromUser(USER_B))
    const onReal: LineMessage[][] = []
    const onUnknown: LineMessage[][] = []
    const both = async () => {
      onReal.push(await follow(guesserA, REAL_CODE, WRONG))
      onUnknown.push(await follow(guesserB, UNKNOWN_CODE, WRONG))
    }
    for (let i = 0; i <= 10; i++) await both()
    // Tries 11 to 49 as the chat's submit makes them (same user key, same day), without the chat.
    for (const [user, code] of [
      [USER_A, REAL_CODE],
      [USER_B, UNKNOWN_CODE],
    ] as const) {
      const client = {
        channel: 'line',
        sessionKey: await sessionKey(t.deps, 'default', user, t.clock.now()),
      } as const
      for (let i = 11; i < 50; i++) {
        const a = { orgId: 'default', client, code, secret: WRONG, now: t.clock.now() }
        expect((await openAsComplainant(t.deps.db, t.deps.keyring, a)).kind).toBe('throttled')
      }
    }
    await both()
    expect(onReal).toHaveLength(12)
    expect(onReal).toEqual(onUnknown)
    for (const i of [0, 5, 9]) {
      expect(textOf(onReal[i] ?? [])).toMatch(/^เลขที่เรื่องหรือรหัสลับไม่ถูกต้อง[^A-Za-z]*$/)
    }
    for (const i of [10, 11]) {
      expect(textOf(onReal[i] ?? [])).toBe(
        'มีการกรอกเลขที่เรื่องหรือรหัสลับผิดหลายครั้ง กรุณาลองใหม่ในอีก 15 นาที แล้วพิมพ์ "ติดตามเรื่องร้องเรียน"',
      )
    }
    // The real code was tried 50 times: its complainant opens it from their own LINE.
    const complainant = chatAs(t, line, fromUser(USER_C))
    expect(textOf(await follow(complainant, REAL_CODE, SECRET))).toMatch(
      new RegExp(`เรื่อง ${REAL_CODE}: รับเรื่องแล้ว`),
    )
  })

  it('the throttle counts a LINE user by a hash of the day’s session key: no LINE id, no session key', async () => {
    await seedCase(t.deps.db, t.deps.keyring)
    const guesser = chatAs(t, line, fromUser(USER_A))
    await follow(guesser, REAL_CODE, WRONG)
    await follow(guesser, UNKNOWN_CODE, WRONG)
    const rows = await throttleRows(t.testDb.db)
    expect(rows.map((r) => r.attempts)).toEqual([2, 2])
    const text = JSON.stringify(rows)
    const key = await sessionKey(t.deps, 'default', USER_A, t.clock.now())
    for (const needle of [USER_A, USER_A.slice(1), key, REAL_CODE]) expect(text).not.toContain(needle)
  })
})
