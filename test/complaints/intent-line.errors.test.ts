import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { shippedFlows } from '../helpers/flows.js'
import { fromGroup, GROUP_1, USER_A } from '../helpers/line-events.js'
import { chatEvent, expectLineAccepts, post, SENTENCE } from './intent-helpers.js'

const flows = shippedFlows()
const offer = flows.render('complaint.offer', {}, { chat: 'user' })

describe.each(DB_KINDS)('complaint intent: what it leaves alone (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  it.each(['ประชุมบ่ายสองโมงนะครับ', 'ขอบคุณทุกท่านที่ร่วมกิจกรรมต่อต้านการทุจริต', 'ส่ง report ประจำเดือนภายในวันนี้'])(
    'ordinary group chat "%s" gets no answer',
    async (text) => {
      expect(await post(t, line, [chatEvent(t, text, 'group')])).toEqual([])
    },
  )

  it('a form waiting for an answer keeps the sentence as its answer: no offer, no hijack', async () => {
    const chat = chatAs(t, line)
    const start = await chat.say('ร้องเรียน')
    const what = await chat.tap(button(start, /จัดซื้อจัดจ้าง/))
    expect(textOf(what)).toMatch(/\(2\/\d+\)/)
    const next = await chat.say(SENTENCE)
    expect(next).not.toEqual(offer)
    expect(textOf(next)).toMatch(/\(3\/\d+\)/)
  })

  it('another open form keeps it too', async () => {
    const chat = chatAs(t, line)
    const started = await chat.tap('action=form&id=nogift.report')
    expect(started).not.toEqual([])
    const next = await chat.say('ผู้รับเหมาให้สินบนเป็นกระเช้าของขวัญ')
    expect(next).not.toEqual(offer)
    expectLineAccepts(next)
  })

  it('the offer button pressed in a group does not open a form there', async () => {
    const sent = await chatAs(t, line, fromGroup(GROUP_1, USER_A)).tap('action=form&id=complaint')
    expect(sent).toEqual(flows.render('form.onlyPrivate', {}, { chat: 'user' }))
  })

  it('a stale offer pressed after the form was already opened starts it afresh, once', async () => {
    const chat = chatAs(t, line)
    const offered = await chat.say(SENTENCE)
    const data = button(offered, /^ร้องเรียน$/)
    await chat.tap(data)
    const again = await chat.tap(data)
    expect(textOf(again)).toMatch(/^ช่องทางร้องเรียนนี้ปกป้องตัวตนของผู้แจ้ง[\s\S]*\(1\/\d+\)/)
  })

  it('in standby (another channel owns the chat) nothing is sent', async () => {
    const ev = { ...chatEvent(t, SENTENCE, 'group'), mode: 'standby' }
    const { replyToken: _none, ...standby } = ev
    expect(await post(t, line, [standby])).toEqual([])
  })
})
