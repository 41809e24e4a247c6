import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { fromGroup, USER_A } from '../helpers/line-events.js'

describe.each(DB_KINDS)('gift report form: bad input (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const gifts = () => t.testDb.db.selectFrom('gift_reports').selectAll().execute()
  const sessions = () => t.testDb.db.selectFrom('dialogue_sessions').selectAll().execute()

  /** Opens the form and answers up to the value question. */
  async function toValue() {
    const chat = chatAs(t, line)
    const first = await chat.tap('action=form&id=nogift.report')
    await chat.tap(button(first, /ผู้รับบริการ/))
    await chat.say('ปากกา')
    return chat
  }

  it.each([
    ['-500', /จำนวนต้องไม่ติดลบ/],
    ['ห้าร้อย', /กรุณาพิมพ์เป็นตัวเลข/],
    ['99999999999', /กรุณาระบุระหว่าง/],
    ['12.345', /กรุณาพิมพ์เป็นตัวเลข/],
  ])('value "%s" is refused with a clear message and asked again', async (value, error) => {
    const chat = await toValue()
    const reply = await chat.say(value)
    expect(textOf(reply)).toMatch(error)
    expect(textOf(reply)).toMatch(/\(3\/5\)/)
    expect(textOf(await chat.say('๑,๒๐๐'))).toMatch(/\(4\/5\)/)
    expect(await gifts()).toEqual([])
  })

  it.each([
    ['1/1/2600', /วันที่ต้องไม่เกินวันนี้/],
    ['31/02/2569', /อ่านวันที่ "31\/02\/2569" ไม่ได้ กรุณาพิมพ์ เช่น 22 พ.ย. 69 หรือ 22\/11\/2569/],
    ['1/1/2560', /ย้อนหลังไม่เกิน 365 วัน/],
    ['พรุ่งนี้', /อ่านวันที่ "พรุ่งนี้" ไม่ได้ กรุณาพิมพ์ เช่น 22 พ.ย. 69/],
    ['32 ธ.ค. 68', /อ่านวันที่ "32 ธ.ค. 68" ไม่ได้/],
  ])('date "%s" is refused in Thai, naming an example, and asked again', async (date, error) => {
    const chat = await toValue()
    await chat.say('300')
    const reply = await chat.say(date)
    expect(textOf(reply)).toMatch(error)
    expect(textOf(reply)).toMatch(/\(4\/5\)/)
    expect(textOf(reply)).not.toMatch(/[A-Za-z]/) // Thai screen: no English beside it
    // Then the way staff write a date is taken: the next question comes.
    expect(textOf(await chat.say('1 พ.ย. 69'))).toMatch(/\(5\/5\)/)
  })

  it('a typed answer to a choice question must be one of the choices (by label or number)', async () => {
    const chat = chatAs(t, line)
    await chat.tap('action=form&id=nogift.report')
    expect(textOf(await chat.say('ญาติ'))).toMatch(/กรุณาเลือกจากปุ่มด้านล่าง/)
    expect(textOf(await chat.say('2'))).toMatch(/\(2\/5\)/)
  })

  it('cancel at any step deletes the draft; old buttons then say the form has ended', async () => {
    const chat = chatAs(t, line)
    const first = await chat.tap('action=form&id=nogift.report')
    expect(await sessions()).toHaveLength(1)
    expect(textOf(await chat.say('ยกเลิก'))).toMatch(/ยกเลิกแล้ว/)
    expect(await sessions()).toEqual([])
    const old = await chat.tap(button(first, /ผู้รับบริการ/))
    expect(textOf(old)).toMatch(/แบบฟอร์มนี้ปิดแล้ว/)
    expect(button(old, /เริ่มใหม่/)).toBe('action=form&id=nogift.report')
    expect(await sessions()).toEqual([])
    expect(await gifts()).toEqual([])
  })

  it('a draft expires after 30 minutes: typing then goes to the normal menu, nothing is filed', async () => {
    const chat = chatAs(t, line)
    const first = await chat.tap('action=form&id=nogift.report')
    t.clock.set(new Date(t.clock.now().getTime() + 31 * 60_000))
    expect(textOf(await chat.tap(button(first, /ผู้รับบริการ/)))).toMatch(/หมดเวลา/)
    expect(textOf(await chat.say('เมนู'))).toMatch(/บัญชีนี้ช่วยสื่อสารมาตรการ/)
    expect(await gifts()).toEqual([])
  })

  it('a button of an earlier question re-asks the current one instead of changing the answer', async () => {
    const chat = chatAs(t, line)
    const first = await chat.tap('action=form&id=nogift.report')
    await chat.tap(button(first, /ผู้รับบริการ/))
    const again = await chat.tap(button(first, /คู่สัญญา/))
    expect(textOf(again)).toMatch(/\(2\/5\)/)
  })

  it('in a group the form is not opened and nothing is stored', async () => {
    const chat = chatAs(t, line, fromGroup(undefined, USER_A))
    expect(textOf(await chat.tap('action=form&id=nogift.report'))).toMatch(/แชต 1:1/)
    expect(await sessions()).toEqual([])
  })

  it('submit before the last answer re-asks, and an unknown form id is refused', async () => {
    const chat = chatAs(t, line)
    const first = await chat.tap('action=form&id=nogift.report')
    const submit = button(first, /ยกเลิก/).replace('form-cancel', 'form-submit')
    expect(textOf(await chat.tap(submit))).toMatch(/\(1\/5\)/)
    // Without the draft's id a button belongs to no open draft and changes nothing.
    expect(textOf(await chat.tap('action=form-submit&id=nogift.report'))).toMatch(/ปุ่มนี้มาจากแบบฟอร์มที่ปิดไปแล้ว/)
    expect(textOf(await chat.tap('action=form&id=nope'))).toMatch(/หมดเวลาหรือส่งไปแล้ว/)
    expect(await gifts()).toEqual([])
  })
})
