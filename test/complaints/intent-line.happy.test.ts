import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { shippedFlows } from '../helpers/flows.js'
import { fromUser, USER_A, USER_B } from '../helpers/line-events.js'
import { chatEvent, expectLineAccepts, post, SENTENCE } from './intent-helpers.js'

const flows = shippedFlows()
const pointer = flows.render('group.pointer', {}, { chat: 'group' })

describe.each(DB_KINDS)('complaint intent in a sentence (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  it.each([
    ['group', SENTENCE],
    ['group-mention', SENTENCE],
    ['room', SENTENCE],
    ['group', 'อยากแจ้งเบาะแสเรื่องการจัดซื้อ'],
    ['group', 'หัวหน้ากองช่างเรียกรับเงินจากร้านค้า'],
    ['group-mention', 'how do I report corruption here?'],
    ['group', 'report'],
  ] as const)('in a %s, "%s" gets the pointer to 1:1 and the advice to unsend', async (where, text) => {
    const sent = await post(t, line, [chatEvent(t, text, where)])
    expect(sent).toEqual(pointer)
    expect(textOf(sent)).toMatch(/แชต 1:1[\s\S]*กด "ยกเลิกข้อความ"/)
    expectLineAccepts(sent)
  })

  it('in 1:1 a sentence gets an offer with one button; pressing it starts the intake', async () => {
    const chat = chatAs(t, line)
    const offer = await chat.say(SENTENCE)
    expect(offer).toEqual(flows.render('complaint.offer', {}, { chat: 'user' }))
    expect(textOf(offer)).toMatch(/^หากท่านต้องการร้องเรียน[\s\S]*ไม่ได้บันทึกข้อความ/)
    expectLineAccepts(offer)
    const intake = await chat.tap(button(offer, /^ร้องเรียน$/))
    expectLineAccepts(intake)
    expect(textOf(intake)).toMatch(/^ช่องทางร้องเรียนนี้ปกป้องตัวตนของผู้แจ้ง[\s\S]*\(1\/\d+\)[\s\S]*ประเภท/)
  })

  it('in 1:1 a bare request opens the intake at once, as the keyword alone does', async () => {
    for (const [text, user] of [
      ['ขอร้องเรียนครับ', USER_A],
      ['ร้องเรียน', USER_B],
    ] as const) {
      const intake = await chatAs(t, line, fromUser(user)).say(text)
      expectLineAccepts(intake)
      expect(textOf(intake)).toMatch(/^ช่องทางร้องเรียนนี้ปกป้องตัวตนของผู้แจ้ง[\s\S]*ประเภท/)
    }
  })

  it('in 1:1 following up a complaint is still the follow-up, not an offer to file', async () => {
    const sent = await chatAs(t, line).say('ติดตามเรื่องร้องเรียน')
    expect(sent).not.toEqual(flows.render('complaint.offer', {}, { chat: 'user' }))
    expect(textOf(sent)).toMatch(/เลขที่เรื่อง/)
  })
})
