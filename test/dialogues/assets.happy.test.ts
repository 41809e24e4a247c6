import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listEvents } from '../../src/engagement/events.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, postbacks, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { shippedFlows } from '../helpers/flows.js'
import { fromGroup, USER_A, USER_B } from '../helpers/line-events.js'

describe.each(DB_KINDS)('asset guide, FAQ and quiz (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const carousel = (messages: Awaited<ReturnType<ReturnType<typeof chatAs>['say']>>) => {
    const m = messages[0]
    if (m?.type !== 'flex' || m.contents.type !== 'carousel') throw new Error('expected a carousel')
    return m.contents.contents
  }

  it('"ยืมทรัพย์สิน" offers the kinds; each opens its steps as a carousel ending with the quiz', async () => {
    const chat = chatAs(t, line)
    const menu = await chat.say('ยืมทรัพย์สิน')
    expect(textOf(menu)).toMatch(/การยืมทรัพย์สินของราชการ/)
    const kinds = postbacks(menu).map((p) => p.data)
    expect(kinds).toEqual(
      expect.arrayContaining([
        'action=guide&id=assets.it',
        'action=guide&id=assets.vehicle',
        'action=guide&id=assets.tools',
      ]),
    )
    const guide = await chat.tap('action=guide&id=assets.vehicle')
    const cards = carousel(guide)
    const flows = shippedFlows()
    expect(cards).toHaveLength((flows.guides.get('assets.vehicle')?.steps.length ?? 0) + 1)
    expect(JSON.stringify(cards[0])).toContain('ขั้นที่ 1/5')
    expect(JSON.stringify(cards)).toContain('ใบขออนุญาตใช้รถส่วนกลาง')
    expect(button(guide, /แบบทดสอบ/)).toBe('action=quiz&id=assets.check&q=0')
  })

  it.each([
    ['ยืมโน้ตบุ๊กต้องทำยังไง', 'ยืมครุภัณฑ์คอมพิวเตอร์และอุปกรณ์'],
    ['จะขอใช้รถราชการไปต่างจังหวัด', 'การขอใช้รถราชการ'],
    ['ขอยืมโปรเจคเตอร์ค่ะ', 'ยืมครุภัณฑ์คอมพิวเตอร์และอุปกรณ์'],
  ])('free text "%s" opens the right guide', async (text, title) => {
    const reply = await chatAs(t, line).say(text)
    expect(textOf(reply)).toContain(title)
    expect(reply[0]?.type).toBe('flex')
  })

  it('a FAQ question gets its answer with the guide one tap away', async () => {
    const reply = await chatAs(t, line).say('โน้ตบุ๊กที่ยืมมาชำรุด ต้องทำอย่างไร')
    expect(textOf(reply)).toMatch(/ชดใช้/)
    expect(postbacks(reply)[0]?.data).toBe('action=guide&id=assets.it')
  })

  it('the quiz walks three questions, scores them and records each answer under the measure', async () => {
    const chat = chatAs(t, line)
    let step = await chat.tap('action=quiz&id=assets.check&q=0')
    expect(textOf(step)).toMatch(/ข้อ 1\/3/)
    step = await chat.tap(button(step, /กรอกใบยืม/)) // right
    expect(textOf(step)).toMatch(/ถูกต้อง/)
    step = await chat.tap(button(step, /ได้ ถ้าเป็นทางผ่าน/)) // wrong
    expect(textOf(step)).toMatch(/ยังไม่ถูก/)
    step = await chat.tap(button(step, /ให้ไปยืมที่งานพัสดุ/)) // right
    expect(textOf(step)).toMatch(/ได้ 2\/3 คะแนน/)

    const events = await listEvents(t.testDb.db, { orgId: 'default', refType: 'quiz' })
    expect(events.map((e) => e.kind)).toEqual([
      'quiz.started',
      'quiz.answered',
      'quiz.answered',
      'quiz.answered',
      'quiz.completed',
    ])
    expect(events.every((e) => e.measure === 'assets' && e.ref_id === 'assets.check')).toBe(true)
    expect(events.map((e) => (e.data as { correct?: boolean }).correct).slice(1, 4)).toEqual([
      true,
      false,
      true,
    ])
    expect(events[4]?.data).toEqual({ score: 2, total: 3 })
  })

  it('guide views count per person, also when tapped in a group', async () => {
    await chatAs(t, line).tap('action=guide&id=assets.it')
    await chatAs(t, line, fromGroup(undefined, USER_B)).tap('action=guide&id=assets.it')
    await chatAs(t, line, fromGroup(undefined, USER_A)).tap('action=guide&id=assets.it')
    const events = await listEvents(t.testDb.db, { orgId: 'default', kind: 'guide.viewed' })
    expect(events).toHaveLength(3)
    expect(new Set(events.map((e) => e.chat_key)).size).toBe(2)
    expect(events.every((e) => e.measure === 'assets')).toBe(true)
  })

  it('the code of ethics and the complaint channels are guides from flows/ too', async () => {
    const chat = chatAs(t, line)
    const ethics = await chat.say('ประมวลจริยธรรม')
    expect(carousel(ethics)).toHaveLength(8)
    expect(button(ethics, /แบบทดสอบ/)).toBe('action=quiz&id=ethics.check&q=0')
    const channels = await chat.say('ช่องทางร้องเรียน')
    expect(JSON.stringify(channels)).toContain('tel:1206')
    const events = await listEvents(t.testDb.db, { orgId: 'default', kind: 'guide.viewed' })
    expect(events.map((e) => [e.ref_id, e.measure])).toEqual([
      ['ethics', 'ethics'],
      ['channels', 'complaints'],
    ])
  })
})
