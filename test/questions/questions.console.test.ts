import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auditActions, Client, PASSWORD_A, seedAccount } from '../admin/helpers.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { USER_A } from '../helpers/line-events.js'

describe.each(DB_KINDS)('budget officers answer in the console (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
    await seedAccount(t, 'default', 'budget@example.go.th', 'broadcaster', PASSWORD_A)
    await seedAccount(t, 'default', 'auditor@example.go.th', 'auditor', PASSWORD_A)
  })
  afterEach(() => t.close())

  async function ask(identity: RegExp) {
    const chat = chatAs(t, line)
    await chat.tap('action=budget-ask&kind=ask')
    let step = await chat.say('งบจ้างเหมาบริการทำความสะอาดปีนี้เท่าไร')
    step = await chat.tap(button(step, identity))
    if (identity.source === '^ระบุตัวตน$') step = await chat.tap(button(step, /ข้าม/))
    return { chat, receipt: textOf(await chat.tap(button(step, /^ส่ง$/))) }
  }
  const officer = async () => {
    const c = new Client(t)
    await c.login('budget@example.go.th', PASSWORD_A)
    return c
  }
  const firstId = (html: string) => /href="\/admin\/questions\/([0-9a-f-]{36})"/.exec(html)?.[1] ?? ''

  it('a named asker gets the answer pushed in LINE once; their LINE id is then forgotten', async () => {
    await ask(/^ระบุตัวตน$/)
    const c = await officer()
    await c.get('/admin/questions')
    expect(c.lastHtml).toContain('รอตอบ')
    expect(c.lastHtml).not.toContain('ทำความสะอาด') // no content in the list
    const id = firstId(c.lastHtml)
    await c.get(`/admin/questions/${id}`)
    expect(c.lastHtml).toContain('งบจ้างเหมาบริการทำความสะอาดปีนี้เท่าไร')
    const before = line.calls.length
    const res = await c.post(`/admin/questions/${id}/answer`, { answer: 'ปีนี้ได้รับจัดสรร 480,000 บาท' })
    expect(res.status).toBe(200)
    expect(c.lastHtml).toContain('ส่งถึงผู้ถามทาง LINE แล้ว')
    const pushed = line.calls.slice(before)
    expect(pushed).toMatchObject([{ op: 'push', to: USER_A }])
    const first = pushed[0]
    expect(first && 'messages' in first ? textOf(first.messages) : '').toContain('480,000')
    const [row] = await t.testDb.db.selectFrom('staff_questions').selectAll().execute()
    expect(row).toMatchObject({ status: 'answered', reply_to: null, answered_by: 'budget@example.go.th' })
    expect(await auditActions(t, 'default')).toEqual(
      expect.arrayContaining(['question.viewed', 'question.answered']),
    )
  })

  it('an anonymous asker reads the answer with the code and secret; nothing is pushed', async () => {
    const { chat, receipt } = await ask(/ไม่ระบุชื่อ/)
    const code = /Q-2569-[A-Z2-9]{6}/.exec(receipt)?.[0] ?? ''
    const secret = /รหัสลับ: ([A-Z2-9-]{11})/.exec(receipt)?.[1] ?? ''
    const c = await officer()
    await c.get('/admin/questions')
    const id = firstId(c.lastHtml)
    await c.get(`/admin/questions/${id}`)
    const before = line.calls.length
    await c.post(`/admin/questions/${id}/answer`, { answer: 'ประมาณ 480,000 บาท' })
    expect(c.lastHtml).toContain('บันทึกคำตอบแล้ว')
    expect(line.calls.slice(before)).toEqual([])
    await chat.say('ติดตามคำถาม')
    await chat.say(code)
    const summary = await chat.say(secret)
    expect(textOf(await chat.tap(button(summary, /^ส่ง$/)))).toContain('ประมาณ 480,000 บาท')
  })

  it('an empty or over-long answer is refused and changes nothing; auditors may not read questions', async () => {
    await ask(/ไม่ระบุชื่อ/)
    const c = await officer()
    await c.get('/admin/questions')
    const id = firstId(c.lastHtml)
    await c.get(`/admin/questions/${id}`)
    expect((await c.post(`/admin/questions/${id}/answer`, { answer: '   ' })).status).toBe(422)
    expect(c.lastHtml).toContain('กรุณาพิมพ์คำตอบ')
    expect((await c.post(`/admin/questions/${id}/answer`, { answer: 'ก'.repeat(2001) })).status).toBe(422)
    const [row] = await t.testDb.db.selectFrom('staff_questions').selectAll().execute()
    expect(row).toMatchObject({ status: 'open', answer: null })
    const auditor = new Client(t)
    await auditor.login('auditor@example.go.th', PASSWORD_A)
    expect((await auditor.get('/admin/questions')).status).toBe(403)
    expect((await auditor.get(`/admin/questions/${id}`)).status).toBe(403)
  })
})
