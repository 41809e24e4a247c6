import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { shippedFlows } from '../helpers/flows.js'
import {
  envelope,
  fromGroup,
  fromUser,
  GROUP_1,
  signedRequest,
  textEvent,
  USER_A,
} from '../helpers/line-events.js'

const flows = shippedFlows()
const SECRET = 'ผอ.กองพัสดุรับเงินใต้โต๊ะจากบริษัทสมมุติ 50,000 บาท'

/** Every row of every table, as text: what the bot keeps, wherever it keeps it. */
async function everything(t: TestApp): Promise<string> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.testDb.db)
  const dumps: string[] = []
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(table_name)} t`.execute(
      t.testDb.db,
    )
    dumps.push(...rows.rows.map((r) => r.row))
  }
  return dumps.join('\n')
}

describe.each(DB_KINDS)('complaints typed in a group (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const post = async (events: unknown[]) => {
    const res = await t.app.request(await signedRequest(envelope(events)))
    expect(res.status).toBe(200)
    await t.settle()
  }

  it('answers the word alone with a pointer to 1:1 chat, never with the complaint topic', async () => {
    await post([textEvent('ร้องเรียน', fromGroup(GROUP_1, USER_A), t.clock.now().getTime())])
    expect(line.calls).toHaveLength(1)
    const call = line.calls[0]
    expect(call && 'messages' in call && call.messages).toEqual(
      flows.render('group.pointer', {}, { chat: 'group' }),
    )
  })

  it('keeps nothing of a complaint written to the bot in a group: not in logs, not in any table', async () => {
    const ev = textEvent(`ร้องเรียน ${SECRET}`, fromGroup(GROUP_1, USER_A), t.clock.now().getTime())
    const mentioned = {
      ...ev,
      message: { ...ev.message, mention: { mentionees: [{ index: 0, length: 4, isSelf: true }] } },
    }
    await post([mentioned])
    const call = line.calls[0]
    expect(call && 'messages' in call && call.messages).toEqual(
      flows.render('group.pointer', {}, { chat: 'group' }),
    )
    const logs = t.logs.join('\n')
    expect(logs).not.toContain(SECRET)
    expect(logs).not.toContain('50,000')
    expect(logs).not.toContain(USER_A)
    const stored = await everything(t)
    expect(stored).not.toContain(SECRET)
    expect(stored).not.toContain('ใต้โต๊ะ')
  })

  it('the pointer says, in Thai first, that nothing of the message was kept', () => {
    const [pointer] = flows.render('group.pointer')
    expect(pointer?.type === 'text' && pointer.text).toMatch(/^เพื่อปกป้องตัวตน[\s\S]*1:1[\s\S]*ไม่ได้บันทึกข้อความ/)
  })

  it('in 1:1 a complaint starts with the promise before any question', async () => {
    await post([textEvent('แจ้งเบาะแส', fromUser(), t.clock.now().getTime())])
    const call = line.calls[0]
    const messages = call && 'messages' in call ? call.messages : []
    const [promise, question] = messages
    expect(promise?.type === 'text' && promise.text).toMatch(
      /^ช่องทางร้องเรียนนี้ปกป้องตัวตนของผู้แจ้ง[\s\S]*ไม่เก็บ LINE ID[\s\S]*7 วัน[\s\S]*90 วัน/,
    )
    expect(question?.type === 'text' && question.text).toMatch(/\(1\/\d+\)[\s\S]*ประเภท/)
  })
})
