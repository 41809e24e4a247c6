import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listEvents } from '../../src/engagement/events.js'
import type { LineMessage } from '../../src/line/port.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, postbacks, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'

// A form lets go: a menu word, a rich-menu tap or a command typed while a form is open asks
// whether to leave it; leaving pauses the draft (its lifetime unchanged) and does what was asked.

const GIFT = 'action=form&id=nogift.report'
const dataOf = (messages: LineMessage[], action: string) => {
  const found = postbacks(messages).find((p) => p.data.startsWith(`action=${action}&`))
  if (!found) throw new Error(`no ${action} button in ${JSON.stringify(postbacks(messages))}`)
  return found.data
}

describe.each(DB_KINDS)('forms let go (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const session = () => t.testDb.db.selectFrom('dialogue_sessions').selectAll().executeTakeFirst()

  it('a rich-menu tap asks to leave; leaving keeps the draft, answers the tap, and the form resumes where it was', async () => {
    const chat = chatAs(t, line)
    await chat.tap(button(await chat.tap(GIFT), /ผู้รับบริการ/))
    const expires = (await session())?.expires_at
    t.clock.advance(10 * 60_000)
    // At a free-text question, the rich menu's "งบประมาณ" is not taken as the item received.
    const ask = await chat.say('งบประมาณ')
    expect(textOf(ask)).toMatch(/ต้องการออกจากแบบฟอร์มเพื่อไปที่ "งบประมาณ"/)
    expect(textOf(ask)).toMatch(/เก็บไว้อีก 20 นาที \(ถึงเวลา 10:30 น\.\)/)
    const budget = await chat.tap(dataOf(ask, 'form-leave'))
    expect(textOf(budget)).toMatch(/งบประมาณ/)
    expect(textOf(budget)).not.toMatch(/แบบรายงาน|กรุณา/)
    // Paused with the lifetime it had: leaving keeps nothing longer.
    expect((await session())?.expires_at).toEqual(expires)
    // Typed text now goes where it would without a form.
    const chatter = await chat.say('ขนมไหว้พระจันทร์')
    expect(textOf(chatter)).not.toMatch(/\(2\/5\)|\(3\/5\)/)
    // Opening the gift report again offers the draft back.
    const offer = await chat.tap(GIFT)
    expect(textOf(offer)).toMatch(/มีร่างรายงานการรับของขวัญที่ยังไม่ได้ส่ง/)
    const back = await chat.tap(button(offer, /กรอกต่อจากร่างเดิม/))
    expect(textOf(back)).toMatch(/\(2\/5\)/)
    await chat.say('ขนมไหว้พระจันทร์')
    const s = await session()
    const answers = JSON.parse(
      new TextDecoder().decode(await t.deps.keyring.open(s?.key_id ?? '', s?.answers ?? new Uint8Array())),
    )
    expect(answers).toMatchObject({ giverType: 'client', item: 'ขนมไหว้พระจันทร์' })
    expect(answers._p).toBeUndefined()
  })

  it('what answers the question is its answer; a command asks; other text gets the reminder', async () => {
    const chat = chatAs(t, line)
    await chat.tap(GIFT)
    expect(textOf(await chat.say('ขอบคุณ'))).toMatch(/กรุณาเลือกจากปุ่มด้านล่าง/)
    expect(textOf(await chat.say('ให้ของมาที่โต๊ะ'))).toMatch(/กรุณาเลือกจากปุ่มด้านล่าง/)
    for (const command of ['ประมวลจริยธรรม', 'เมนู', 'นโยบายไม่รับของขวัญ', 'เกี่ยวกับบอท', 'ยืมทรัพย์สิน']) {
      expect(textOf(await chat.say(command)), command).toMatch(/ต้องการออกจากแบบฟอร์ม/)
    }
    await chat.say('ผู้รับบริการ')
    // At the item question a keyword that is not a menu word is the item.
    expect(textOf(await chat.say('ของขวัญ'))).toMatch(/\(3\/5\)/)
    // Continue from the question: the draft goes on, nothing lost.
    const ask = await chat.say('ยืมทรัพย์สิน')
    expect(textOf(await chat.tap(dataOf(ask, 'form-resume')))).toMatch(/\(3\/5\)/)
    expect(textOf(await chat.say('2500'))).toMatch(/\(4\/5\)/)
  })

  it("old buttons: a sent form's say it is closed, a replaced draft's never touch the open one", async () => {
    const chat = chatAs(t, line)
    let step = await chat.tap(GIFT)
    const oldAnswer = button(step, /ผู้รับบริการ/)
    step = await chat.tap(oldAnswer)
    for (const typed of ['กระเช้าปีใหม่', '1500']) step = await chat.say(typed)
    step = await chat.tap(button(step, /วันนี้/))
    step = await chat.tap(button(step, /คืนผู้ให้/))
    const submit = dataOf(step, 'form-submit')
    const restart = dataOf(step, 'form')
    expect(textOf(await chat.tap(submit))).toMatch(/GR-|เลขที่/)
    const again = await chat.tap(submit)
    expect(textOf(again)).toMatch(/แบบฟอร์มนี้ปิดแล้ว/)
    expect(dataOf(again, 'form')).toBe(GIFT)

    // A new draft with an answer; the first draft's buttons cannot act on it.
    await chat.tap(button(await chat.tap(GIFT), /คู่สัญญา/))
    const before = await session()
    expect(textOf(await chat.tap(oldAnswer))).toMatch(/ปุ่มนี้มาจากแบบฟอร์มที่ปิดไปแล้ว/)
    expect(textOf(await chat.tap(restart))).toMatch(/มีร่างรายงานการรับของขวัญที่ยังไม่ได้ส่ง/)
    expect(textOf(await chat.tap(`${oldAnswer}&d=ffffffff`))).toMatch(/ปุ่มนี้มาจากแบบฟอร์มที่ปิดไปแล้ว/)
    const after = await session()
    expect(after?.answers).toEqual(before?.answers)
    expect(after?.step).toBe(before?.step)
  })

  it('another form opened from the leave question asks before it replaces the draft', async () => {
    const chat = chatAs(t, line)
    await chat.tap(button(await chat.tap(GIFT), /ผู้รับบริการ/))
    const ask = await chat.say('ร้องเรียน')
    const offer = await chat.tap(dataOf(ask, 'form-leave'))
    expect(textOf(offer)).toMatch(/หากเริ่มแบบร้องเรียน|ร่างเดิมจะถูกลบ/)
    const complaint = await chat.tap(button(offer, /เริ่มแบบฟอร์มใหม่/))
    expect(textOf(complaint)).toMatch(/ช่องทางร้องเรียนนี้ปกป้องตัวตน/)
    expect((await session())?.form_id).toBe('complaint')
    // The complaint's own leave press leaves no engagement event (its buttons are unlinkable).
    const leave = await chat.say('งบประมาณ')
    await chat.tap(dataOf(leave, 'form-leave'))
    const presses = await listEvents(t.testDb.db, { orgId: 'default', kind: 'postback.pressed' })
    // One leave press: the gift report's; nothing names the complaint form.
    expect(presses.filter((e) => e.ref_id === 'form-leave')).toHaveLength(1)
    expect(presses.filter((e) => JSON.stringify(e.data).includes('complaint'))).toEqual([])
  })

  it('a complaint draft dies when it always did: leaving does not extend it', async () => {
    const chat = chatAs(t, line)
    const first = await chat.say('ร้องเรียน')
    await chat.tap(postbacks(first).find((p) => p.data.includes('form-answer'))?.data ?? '')
    t.clock.advance(50 * 60_000)
    const ask = await chat.say('เมนู')
    expect(textOf(ask)).toMatch(/เก็บไว้อีก 10 นาที/)
    await chat.tap(dataOf(ask, 'form-leave'))
    t.clock.advance(11 * 60_000)
    const late = await chat.tap(dataOf(ask, 'form-resume'))
    expect(textOf(late)).toMatch(/แบบฟอร์มนี้ปิดแล้ว/)
    // A made-up leave button carries no free text into the chat.
    await chat.tap(GIFT)
    const s = await session()
    const d = JSON.parse(
      new TextDecoder().decode(await t.deps.keyring.open(s?.key_id ?? '', s?.answers ?? new Uint8Array())),
    )._d
    const forged = await chat.tap(
      `action=form-leave&id=nogift.report&d=${d}&t=${encodeURIComponent('ผอ.รับเงินใต้โต๊ะ')}`,
    )
    expect(textOf(forged)).toMatch(/ออกจากแบบฟอร์มแล้ว/)
  })
})
