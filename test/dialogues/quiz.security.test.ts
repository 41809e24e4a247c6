import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newRound } from '../../src/dialogues/quiz-round.js'
import { listEvents } from '../../src/engagement/events.js'
import type { LineMessage } from '../../src/line/port.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, postbacks, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { fromGroup, GROUP_1, USER_A, USER_B } from '../helpers/line-events.js'

// assets.check: three questions, the second choice (a=1) is right in each.
const START = 'action=quiz&id=assets.check&q=0'
const answerOn = (card: LineMessage[], a: number) => {
  const data = postbacks(card).find((p) => new URLSearchParams(p.data).get('a') === String(a))?.data
  if (!data) throw new Error(`no answer ${a} on ${JSON.stringify(postbacks(card))}`)
  return data
}

describe.each(DB_KINDS)('quiz answers count once (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const events = (kind: string) =>
    listEvents(t.testDb.db, { orgId: 'default', refType: 'quiz', kind }).then((rows) =>
      rows.map((r) => r.data as Record<string, unknown>),
    )

  it('right answers tapped on older cards change nothing: the first answer of each question counts', async () => {
    const chat = chatAs(t, line)
    const q1 = await chat.tap(START)
    const q2 = await chat.tap(answerOn(q1, 0)) // wrong
    const q3 = await chat.tap(answerOn(q2, 0)) // wrong
    // Back to the older cards, this time with the right answers.
    const again1 = await chat.tap(answerOn(q1, 1))
    expect(textOf(again1)).toMatch(/ตอบไปแล้ว ระบบนับเฉพาะคำตอบแรก/)
    expect(textOf(again1)).toMatch(/ข้อ 3\/3/) // the question still open, not a new score
    await chat.tap(answerOn(q2, 1))
    const done = await chat.tap(answerOn(q3, 1)) // right, the first answer to question 3
    expect(textOf(done)).toMatch(/ได้ 1\/3 คะแนน/)
    // After the result, an old card only repeats it.
    const after = await chat.tap(answerOn(q1, 1))
    expect(textOf(after)).toMatch(/ตอบไปแล้ว[\s\S]*ได้ 1\/3 คะแนน/)

    expect((await events('quiz.answered')).map((d) => [d.question, d.correct])).toEqual([
      [0, false],
      [1, false],
      [2, true],
    ])
    expect(await events('quiz.completed')).toEqual([{ score: 1, total: 3 }])
  })

  it('a forged score, a made-up round or an expired one records no answer and starts at question 1', async () => {
    const chat = chatAs(t, line)
    const scored = await chat.tap('action=quiz&id=assets.check&q=2&a=1&s=99')
    expect(textOf(scored)).toMatch(/รอบก่อน[\s\S]*ข้อ 1\/3/)
    const forgedRound = `${t.clock.now().getTime().toString(36).padStart(9, '0')}abcd${'0'.repeat(12)}`
    const forged = await chat.tap(`action=quiz&id=assets.check&r=${forgedRound}&q=2&a=1`)
    expect(textOf(forged)).toMatch(/รอบก่อน[\s\S]*ข้อ 1\/3/)
    // A real round of another quiz does not open this one.
    const other = await newRound(t.deps.keyring, 'default', 'ethics.check', t.clock.now())
    const crossed = await chat.tap(`action=quiz&id=assets.check&r=${other}&q=2&a=1`)
    expect(textOf(crossed)).toMatch(/รอบก่อน/)
    // Yesterday's card: its round has closed.
    const card = await chat.tap(START)
    t.clock.set(new Date(t.clock.now().getTime() + 25 * 3_600_000))
    const late = await chat.tap(answerOn(card, 1))
    expect(textOf(late)).toMatch(/รอบก่อน[\s\S]*ข้อ 1\/3/)
    expect(await events('quiz.answered')).toEqual([])
    expect(await events('quiz.completed')).toEqual([])
  })

  it('in a group, one card serves every member, each with their own first answers', async () => {
    const a = chatAs(t, line, fromGroup(GROUP_1, USER_A))
    const b = chatAs(t, line, fromGroup(GROUP_1, USER_B))
    const q1 = await a.tap(START)
    await a.tap(answerOn(q1, 1))
    const bQ = await b.tap(answerOn(q1, 0))
    // B has not answered question 1 yet in this round, so B's answer counts; A's stays.
    expect(textOf(bQ)).toMatch(/ยังไม่ถูก/)
    expect(textOf(await a.tap(answerOn(q1, 0)))).toMatch(/ตอบไปแล้ว/)
    expect((await events('quiz.answered')).map((d) => [d.question, d.correct])).toEqual([
      [0, true],
      [0, false],
    ])
  })

  it('a member who starts on the last card is asked the questions still open before the score', async () => {
    const a = chatAs(t, line, fromGroup(GROUP_1, USER_A))
    const b = chatAs(t, line, fromGroup(GROUP_1, USER_B))
    const q2 = await a.tap(answerOn(await a.tap(START), 1))
    const q3 = await a.tap(answerOn(q2, 1))
    // B's first answer in this round is to question 3: B is asked question 1, then 2, then scored.
    const bQ1 = await b.tap(button(q3, /ให้ไปยืมที่งานพัสดุ/))
    expect(textOf(bQ1)).toMatch(/ถูกต้อง[\s\S]*ข้อ 1\/3/)
    const bQ2 = await b.tap(answerOn(bQ1, 0))
    const done = await b.tap(answerOn(bQ2, 1))
    expect(textOf(done)).toMatch(/ได้ 2\/3 คะแนน/)
    expect(await events('quiz.completed')).toEqual([{ score: 2, total: 3 }])
  })
})
