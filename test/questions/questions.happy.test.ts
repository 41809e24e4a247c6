import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listEvents } from '../../src/engagement/events.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'

describe.each(DB_KINDS)('budget questions from staff (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const rows = () => t.testDb.db.selectFrom('staff_questions').selectAll().execute()

  it('"ทักท้วง" from the summary, named: stored sealed with the reply address', async () => {
    const chat = chatAs(t, line)
    let step = await chat.tap('action=budget-ask&kind=concern')
    expect(textOf(step)).toMatch(/สอบถาม\/ทักท้วงเรื่องงบประมาณ[\s\S]*\(1\/2\)/) // the name is asked only if given
    step = await chat.say('โครงการอบรมไตรมาส 1 ทำไมเบิกจ่ายเกินแผน')
    step = await chat.tap(button(step, /^ระบุตัวตน$/))
    expect(textOf(step)).toMatch(/\(3\/3\)/)
    step = await chat.say('สมชาย กองคลัง')
    expect(textOf(step)).toMatch(/ตรวจสอบก่อนส่ง[\s\S]*ระบุตัวตน[\s\S]*สมชาย กองคลัง/)
    step = await chat.tap(button(step, /^ส่ง$/))
    expect(textOf(step)).toMatch(/เลขที่ Q-2569-[A-Z2-9]{6}[\s\S]*ส่งคำตอบถึงท่านทางแชตนี้/)
    const [q] = await rows()
    expect(q).toMatchObject({
      topic: 'budget',
      kind: 'concern',
      identity: 'named',
      status: 'open',
      asked_on: '2026-11-22',
    })
    expect(q?.reply_to).not.toBeNull()
    expect(q?.secret_hash).toBeNull()
    const events = await listEvents(t.testDb.db, { orgId: 'default', kind: 'question.asked' })
    expect(events).toMatchObject([{ chat_key: null, measure: 'budget', data: { kind: 'concern' } }])
  })

  it('anonymous: a code and a secret, shown once; following up reads the status, then the answer', async () => {
    const chat = chatAs(t, line)
    let step = await chat.say('สอบถามงบประมาณ')
    step = await chat.say('งบครุภัณฑ์ปีนี้เหลือเท่าไร')
    step = await chat.tap(button(step, /ไม่ระบุชื่อ/))
    expect(textOf(step)).toMatch(/ตรวจสอบก่อนส่ง/)
    step = await chat.tap(button(step, /^ส่ง$/))
    const code = /Q-2569-[A-Z2-9]{6}/.exec(textOf(step))?.[0] ?? ''
    const secret = /รหัสลับ: ([A-Z2-9]{5}-[A-Z2-9]{5})/.exec(textOf(step))?.[1] ?? ''
    expect(code).not.toBe('')
    expect(secret).not.toBe('')
    const [q] = await rows()
    expect(q).toMatchObject({ identity: 'anonymous', kind: 'ask', reply_to: null, asker_name: null })
    expect(q?.secret_hash).not.toContain(secret)

    const follow = async () => {
      await chat.say('ติดตามคำถาม')
      await chat.say(code.toLowerCase())
      const summary = await chat.say(` ${secret} `)
      return textOf(await chat.tap(button(summary, /^ส่ง$/)))
    }
    expect(await follow()).toMatch(/อยู่ระหว่างการพิจารณา/)
    await t.testDb.db
      .updateTable('staff_questions')
      .set({
        answer: await t.deps.keyring.seal(new TextEncoder().encode('เหลือ 1.2 ล้านบาท')),
        status: 'answered',
      })
      .execute()
    expect(await follow()).toMatch(/คำตอบจากเจ้าหน้าที่งบประมาณ:\nเหลือ 1.2 ล้านบาท/)
  })
})
