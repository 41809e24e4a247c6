import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listEvents } from '../../src/engagement/events.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { fromGroup, USER_B } from '../helpers/line-events.js'

describe.each(DB_KINDS)('No Gift Policy in chat (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  it('the declaration on demand, by keyword and by button, counted as views', async () => {
    const chat = chatAs(t, line)
    const topic = await chat.say('นโยบายไม่รับของขวัญ')
    const declared = await chat.tap(button(topic, /ประกาศเจตนารมณ์/))
    expect(textOf(declared)).toMatch(/ประกาศเจตนารมณ์[\s\S]*ประกาศ ณ วันที่/)
    expect(textOf(await chat.say('ประกาศเจตนารมณ์'))).toBe(textOf(declared))
    const events = await listEvents(t.testDb.db, { orgId: 'default', kind: 'declaration.viewed' })
    expect(events).toHaveLength(2)
    expect(events.every((e) => e.measure === 'nogift')).toBe(true)
  })

  it('a pledge counts once per person per broadcast, from 1:1 and from groups', async () => {
    const data = 'action=pledge&m=nogift&ref=b-123'
    const me = chatAs(t, line)
    expect(textOf(await me.tap(data))).toMatch(/ขอบคุณที่ร่วมแสดงเจตนารมณ์/)
    expect(textOf(await me.tap(data))).toMatch(/ได้กดรับทราบข้อความนี้ไว้แล้ว/)
    await chatAs(t, line, fromGroup(undefined, USER_B)).tap(data)
    await me.tap('action=pledge&m=nogift&ref=b-456')
    const pledges = await listEvents(t.testDb.db, { orgId: 'default', kind: 'pledge' })
    expect(pledges.map((p) => [p.ref_type, p.ref_id, p.measure])).toEqual([
      ['broadcast', 'b-123', 'nogift'],
      ['broadcast', 'b-123', 'nogift'],
      ['broadcast', 'b-456', 'nogift'],
    ])
    expect(new Set(pledges.map((p) => p.chat_key)).size).toBe(2)
  })

  it('a staff member reports a gift step by step; the register has it and the draft is gone', async () => {
    const chat = chatAs(t, line)
    let step = await chat.say('รายงานการรับของขวัญ')
    expect(textOf(step)).toMatch(/รายงานการรับของขวัญหรือประโยชน์[\s\S]*\(1\/5\)[\s\S]*ผู้ให้เป็นใคร/)
    step = await chat.tap(button(step, /คู่สัญญา/))
    expect(textOf(step)).toMatch(/\(2\/5\)/)
    step = await chat.say('กระเช้าผลไม้')
    step = await chat.say('1,500 บาท')
    expect(textOf(step)).toMatch(/\(4\/5\)\nวันที่ได้รับ/)
    step = await chat.say('20/11/2569')
    step = await chat.tap(button(step, /มอบให้หน่วยงาน/))
    expect(textOf(step)).toMatch(
      /ตรวจสอบก่อนส่ง[\s\S]*คู่สัญญา[\s\S]*กระเช้าผลไม้[\s\S]*1,500 บาท[\s\S]*20 พ.ย. 2569/,
    )
    step = await chat.tap(button(step, /^ส่ง$/))
    const reference = /GR-2569-[A-Z2-9]{6}/.exec(textOf(step))?.[0]
    expect(reference).toBeDefined()

    const rows = await t.testDb.db.selectFrom('gift_reports').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      reference,
      giver_type: 'contractor',
      received_on: '2026-11-20',
      handling: 'handed_over',
      status: 'new',
      reported_on: '2026-11-22',
    })
    expect(Number(rows[0]?.value_baht)).toBe(1500)
    expect(await t.testDb.db.selectFrom('dialogue_sessions').selectAll().execute()).toEqual([])
    const events = await listEvents(t.testDb.db, { orgId: 'default', kind: 'gift.reported' })
    expect(events).toHaveLength(1)
    expect(events[0]?.measure).toBe('nogift')
  })
})
