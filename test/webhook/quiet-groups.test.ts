import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { placeKey } from '../../src/engagement/events.js'
import type { LineMessage } from '../../src/line/port.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, postbacks, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { fromGroup, fromUser, GROUP_1, USER_A } from '../helpers/line-events.js'

// Quiet groups: a pledge or a quiz answer in a staff group is recorded without a message to
// everyone; the 1:1 chat keeps its thank-you, and a member's quiz goes on in their own chat.

describe.each(DB_KINDS)('quiet groups (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const events = (kinds: string[]) =>
    t.testDb.db
      .selectFrom('engagement_events')
      .select(['kind', 'place_key'])
      .where('kind', 'in', kinds)
      .orderBy('id')
      .execute()
  /** What went to the group, and what went to the member's own chat, since `from`. */
  const sent = (from: number) => {
    const calls = line.calls.slice(from)
    const toGroup = calls.filter((c) => c.op === 'reply' || (c.op === 'push' && c.to === GROUP_1))
    const toMember = calls.flatMap((c) => (c.op === 'push' && c.to === USER_A ? c.messages : []))
    return { toGroup, toMember }
  }

  it('a pledge in a group is recorded and answered to nobody; in 1:1 it is thanked with next steps', async () => {
    const group = chatAs(t, line, fromGroup(GROUP_1, USER_A))
    expect(await group.tap('action=pledge&m=nogift&ref=b-quiet')).toEqual([])
    expect(await group.tap('action=pledge&m=nogift&ref=b-quiet')).toEqual([]) // again: still silent
    expect(await events(['pledge'])).toEqual([
      { kind: 'pledge', place_key: await placeKey(t.deps.keyring, fromGroup(GROUP_1, USER_A)) },
    ])
    const thanks = await chatAs(t, line, fromUser(USER_A)).tap('action=pledge&m=nogift&ref=b-other')
    expect(textOf(thanks)).toMatch(/^ขอบคุณที่ร่วมแสดงเจตนารมณ์/)
    expect(postbacks(thanks).map((p) => p.label)).toEqual([
      'อ่านประกาศเจตนารมณ์',
      'รายงานการรับของขวัญ',
      'เมนูหลัก',
    ])
  })

  it("a quiz in a group goes on in the member's 1:1 chat; the group sees no answer", async () => {
    const group = chatAs(t, line, fromGroup(GROUP_1, USER_A))
    // The guide asked for in the group is the group's; its quiz button posts nothing in the member's name.
    const guide = await group.tap('action=guide&id=assets.vehicle')
    const quizButton = JSON.stringify(guide).match(/\{[^{}]*"data":"action=quiz[^{}]*\}/)?.[0] ?? ''
    expect(quizButton).toContain('"label":"ทำแบบทดสอบ"')
    expect(quizButton).not.toContain('displayText')

    let from = line.calls.length
    await group.tap(button(guide, /ทำแบบทดสอบ/))
    let out = sent(from)
    expect(out.toGroup).toEqual([])
    expect(textOf(out.toMember)).toMatch(/ข้อ 1\/3/)

    // Each answer tapped on a card in the group: recorded, answered privately, never to the group.
    let question: LineMessage[] = out.toMember
    for (const label of [/กรอกใบยืม/, /^ไม่ได้$/, /ให้ไปยืมที่งานพัสดุ/]) {
      from = line.calls.length
      await group.tap(button(question, label))
      out = sent(from)
      expect(out.toGroup).toEqual([])
      expect(textOf(out.toMember)).toMatch(/^ถูกต้อง/)
      question = out.toMember
    }
    expect(textOf(question)).toMatch(/ได้ 3\/3 คะแนน/)
    // The score comes with what to do next.
    expect(postbacks(question).map((p) => p.label)).toEqual(['ทำอีกครั้ง', 'เมนูหลัก'])
    const answers = await events(['quiz.answered', 'quiz.completed'])
    expect(answers.map((e) => e.kind)).toEqual([
      'quiz.answered',
      'quiz.answered',
      'quiz.answered',
      'quiz.completed',
    ])
  })

  it('a member LINE does not name gets nothing at all in the group', async () => {
    const from = line.calls.length
    await chatAs(t, line, fromGroup(GROUP_1)).tap('action=quiz&id=assets.check&q=0')
    expect(line.calls.slice(from)).toEqual([])
  })
})
