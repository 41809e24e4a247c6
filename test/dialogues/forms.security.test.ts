import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { fromUser } from '../helpers/line-events.js'

const SENTINEL = `U${'7c'.repeat(16)}`

describe.each(DB_KINDS)('form drafts: privacy (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const sessions = () => t.testDb.db.selectFrom('dialogue_sessions').selectAll().execute()

  it('a draft is keyed by a daily-rotating pseudonym and its answers are sealed', async () => {
    const chat = chatAs(t, line, fromUser(SENTINEL))
    const first = await chat.tap('action=form&id=nogift.report')
    await chat.tap(button(first, /ผู้รับบริการ/))
    await chat.say('SENTINEL-GIFT-TEXT')
    const [today] = await sessions()
    expect(today?.session_key).not.toContain(SENTINEL)
    const sealed = new TextDecoder('utf-8', { fatal: false }).decode(today?.answers)
    expect(sealed).not.toContain('SENTINEL-GIFT-TEXT')
    expect(sealed).not.toContain('client')

    // The next day the same person has a different key (yesterday's draft is unreachable).
    t.clock.set(new Date('2026-11-23T03:00:00Z'))
    await chat.tap('action=form&id=nogift.report')
    const keys = new Set((await sessions()).map((s) => s.session_key))
    expect(keys.size).toBe(2)
    expect(t.logs.join('\n')).not.toMatch(/SENTINEL|7c7c7c/)
  })

  it("postback data from the phone cannot pick another form's step or inject a preset", async () => {
    const chat = chatAs(t, line)
    await chat.tap('action=form&id=budget.ask&kind=ask%27%3B--')
    const [s] = await sessions()
    const answers = JSON.parse(
      new TextDecoder().decode(await t.deps.keyring.open(s?.key_id ?? '', s?.answers ?? new Uint8Array())),
    )
    // A preset must be a plain token: this one was dropped (only the draft's own id is there).
    expect(answers).toEqual({ _d: expect.stringMatching(/^[0-9a-f]{8}$/) })
    // An answer for a field that is not the current one is ignored: the current question is asked again.
    const reply = await chat.tap(`action=form-answer&id=budget.ask&f=identity&v=named&d=${answers._d}`)
    expect(textOf(reply)).toMatch(/\(1\/2\)/)
    // A form only a checked code and secret open (a complaint reply) is not opened by a button.
    expect(textOf(await chat.tap('action=form&id=complaint.reply'))).toMatch(/หมดเวลาหรือส่งไปแล้ว/)
    // A quiz postback with a forged score and no round the bot made does not count as an answer
    // (more in quiz.security.test.ts).
    const forged = await chat.tap('action=quiz&id=assets.check&q=2&a=1&s=99')
    expect(textOf(forged)).toMatch(/ข้อ 1\/3/)
    const answered = await t.testDb.db
      .selectFrom('engagement_events')
      .selectAll()
      .where('kind', '=', 'quiz.answered')
      .execute()
    expect(answered).toEqual([])
  })
})
