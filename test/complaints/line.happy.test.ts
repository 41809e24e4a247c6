import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addMessage } from '../../src/complaints/service.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { enterNow } from './file-case.js'

describe.each(DB_KINDS)('complaints in LINE (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const cases = () => t.testDb.db.selectFrom('complaint_cases').selectAll().execute()
  const filings = () => t.testDb.db.selectFrom('complaint_filings').selectAll().execute()
  const messages = () => t.testDb.db.selectFrom('complaint_messages').selectAll().orderBy('seq').execute()

  /** Files one, checks it waits as a sealed filing with no case yet, then runs the day's entry. */
  async function fileAndEnter(opts: { named?: boolean; notify?: boolean } = {}) {
    const filed = await fileOne(opts)
    expect(await filings()).toHaveLength(1)
    expect(await cases()).toEqual([])
    expect(await enterNow(t)).toEqual({ entered: 1, held: 0 })
    expect(await filings()).toEqual([])
    return filed
  }

  /** Walks the whole intake; returns the chat, the case code and the secret. */
  async function fileOne(opts: { named?: boolean; notify?: boolean } = {}) {
    const chat = chatAs(t, line)
    let step = await chat.say('ร้องเรียน')
    expect(textOf(step)).toMatch(/^ช่องทางร้องเรียนนี้ปกป้องตัวตนของผู้แจ้ง/)
    step = await chat.tap(button(step, /จัดซื้อจัดจ้าง/))
    step = await chat.say('คณะกรรมการตรวจรับรับเงินจากผู้รับจ้างเพื่อรับงานที่ไม่ครบตามสัญญา')
    step = await chat.say('ต้นเดือนตุลาคม 2569')
    step = await chat.say('กองพัสดุ อาคาร 2')
    step = await chat.tap(button(step, /ข้าม/))
    expect(textOf(step)).toMatch(/หลักฐาน[\s\S]*ได้รับแล้ว 0/)
    step = await chat.tap(button(step, /เสร็จ/))
    step = await chat.tap(button(step, opts.named ? /^ระบุตัวตน$/ : /ไม่ระบุชื่อ/))
    if (opts.named) {
      step = await chat.say('นางสาวสมศรี ตัวอย่าง นักวิชาการพัสดุ')
      step = await chat.say('081-234-5678')
    }
    step = await chat.tap(button(step, opts.notify ? /^แจ้งเตือน$/ : /ไม่ต้องแจ้ง/))
    expect(textOf(step)).toMatch(/ตรวจสอบก่อนส่ง[\s\S]*จัดซื้อจัดจ้าง[\s\S]*กองพัสดุ อาคาร 2/)
    const done = textOf(await chat.tap(button(step, /^ส่ง$/)))
    const code = /C-2569-[A-Z2-9]{6}/.exec(done)?.[0] ?? ''
    const secret = /รหัสลับ: ([A-Z2-9]{5}-[A-Z2-9]{5})/.exec(done)?.[1] ?? ''
    expect(code).not.toBe('')
    expect(secret).not.toBe('')
    return { chat, code, secret }
  }

  it('files an anonymous complaint: sealed, day only, deadlines set, draft gone', async () => {
    await fileOne()
    // Filed: one sealed filing, nothing in the case tables until the day's entry.
    const [filing] = await filings()
    expect(filing?.org_id).toBe('default')
    expect(await cases()).toEqual([])
    expect(await t.testDb.db.selectFrom('complaint_status_log').selectAll().execute()).toEqual([])
    expect(await enterNow(t)).toEqual({ entered: 1, held: 0 })
    expect(await filings()).toEqual([])
    const [c] = await cases()
    expect(c).toMatchObject({
      channel: 'line',
      category: 'procurement',
      identity: 'anonymous',
      identity_sealed: null,
      notify_to: null,
      status: 'received',
      received_on: '2026-11-22',
      ack_due: '2026-11-29',
      feedback_due: '2027-02-20',
    })
    const content = JSON.parse(
      new TextDecoder().decode(await t.deps.keyring.open(c?.key_id ?? '', c?.content ?? new Uint8Array())),
    )
    expect(content).toEqual({
      what: 'คณะกรรมการตรวจรับรับเงินจากผู้รับจ้างเพื่อรับงานที่ไม่ครบตามสัญญา',
      when: 'ต้นเดือนตุลาคม 2569',
      where: 'กองพัสดุ อาคาร 2',
      who: '',
    })
    expect(await t.testDb.db.selectFrom('dialogue_sessions').selectAll().execute()).toEqual([])
  })

  it('named with "notify me": identity and LINE id sealed apart from the content', async () => {
    await fileAndEnter({ named: true, notify: true })
    const [c] = await cases()
    expect(c?.identity).toBe('named')
    const identity = JSON.parse(
      new TextDecoder().decode(
        await t.deps.keyring.open(c?.key_id ?? '', c?.identity_sealed ?? new Uint8Array()),
      ),
    )
    expect(identity).toEqual({ name: 'นางสาวสมศรี ตัวอย่าง นักวิชาการพัสดุ', contact: '081-234-5678' })
    expect(c?.notify_to).not.toBeNull()
  })

  it('the summary offers edit: change one answer and come back to the summary', async () => {
    const chat = chatAs(t, line)
    let step = await chat.say('ร้องเรียน')
    step = await chat.tap(button(step, /สินบน/))
    await chat.say('เรียกรับเงิน')
    await chat.say('เมื่อวาน')
    step = await chat.say('ด่านตรวจ')
    step = await chat.tap(button(step, /ข้าม/))
    step = await chat.tap(button(step, /เสร็จ/))
    step = await chat.tap(button(step, /ไม่ระบุชื่อ/))
    step = await chat.tap(button(step, /ไม่ต้องแจ้ง/))
    step = await chat.tap(button(step, /^แก้ไข$/))
    step = await chat.tap(button(step, /^ที่ไหน$/))
    expect(textOf(step)).toMatch(/เกิดขึ้นที่ไหน/)
    step = await chat.say('ด่านตรวจชั่งน้ำหนัก กม. 12')
    expect(textOf(step)).toMatch(/ตรวจสอบก่อนส่ง[\s\S]*ด่านตรวจชั่งน้ำหนัก กม. 12/)
  })

  it("follow-up by code and secret: status, the officers' messages, and a reply", async () => {
    const { chat, code, secret } = await fileAndEnter()
    const [c] = await cases()
    await addMessage(t.testDb.db, t.deps.keyring, {
      orgId: 'default',
      caseId: c?.id ?? '',
      author: 'officer',
      officerId: null,
      text: 'ขอทราบเลขที่สัญญาเพิ่มเติม',
      now: t.clock.now(),
      timeZone: 'Asia/Bangkok',
    })
    await chat.say('ติดตามเรื่องร้องเรียน')
    await chat.say(code)
    const status = await chat.say(secret)
    expect(textOf(status)).toMatch(/ตรวจสอบก่อนส่ง/)
    const view = await chat.tap(button(status, /^ส่ง$/))
    expect(textOf(view)).toMatch(new RegExp(`เรื่อง ${code}: รับเรื่องแล้ว[\\s\\S]*เจ้าหน้าที่: ขอทราบเลขที่สัญญาเพิ่มเติม`))
    let step = await chat.tap(button(view, /ตอบเจ้าหน้าที่/))
    step = await chat.say('สัญญาเลขที่ 12/2569')
    step = await chat.tap(button(step, /เสร็จ/))
    step = await chat.tap(button(step, /^ส่ง$/))
    expect(textOf(step)).toMatch(/ส่งถึงเจ้าหน้าที่แล้ว ข้อความและหลักฐานจะแสดงในเรื่องนี้หลังรอบบันทึกเวลา 00:30 น\./)
    // The reply waits, sealed, for the day's entry like a complaint.
    expect((await messages()).map((m) => m.author)).toEqual(['officer'])
    expect(await filings()).toHaveLength(1)
    expect(await enterNow(t)).toEqual({ entered: 1, held: 0 })
    expect((await messages()).map((m) => [m.seq, m.author, m.sent_on])).toEqual([
      [1, 'officer', '2026-11-22'],
      [2, 'complainant', '2026-11-22'],
    ])
  })

  it('"stop notices" deletes the LINE id kept for notifications, and only after code and secret', async () => {
    const { chat, code, secret } = await fileAndEnter({ notify: true })
    expect((await cases())[0]?.notify_to).not.toBeNull()
    expect(textOf(await chat.tap('action=complaint-notify-off'))).toMatch(/หมดเวลาหรือส่งไปแล้ว/)
    expect(await filings()).toEqual([])
    expect((await cases())[0]?.notify_to).not.toBeNull()
    await chat.say('ติดตามเรื่องร้องเรียน')
    await chat.say(code)
    const summary = await chat.say(secret)
    const view = await chat.tap(button(summary, /^ส่ง$/))
    expect(textOf(await chat.tap(button(view, /หยุดแจ้งเตือน/)))).toMatch(
      /ระบบจะลบ LINE ID .* ในรอบบันทึกเวลา 00:30 น\./,
    )
    // Done at the day's entry, like every complainant's write.
    expect(await filings()).toHaveLength(1)
    expect((await cases())[0]?.notify_to).not.toBeNull()
    expect(await enterNow(t)).toEqual({ entered: 1, held: 0 })
    expect((await cases())[0]?.notify_to).toBeNull()
  })
})
