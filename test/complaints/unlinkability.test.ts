import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { localDay } from '../../src/core/time/index.js'
import { engagementChatKey } from '../../src/engagement/events.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { fromGroup, fromUser } from '../helpers/line-events.js'
import { enterNow } from './file-case.js'

const SENTINELS = [`U${'5a'.repeat(16)}`, `U${'6b'.repeat(16)}`, `U${'7c'.repeat(16)}`]

describe.each(DB_KINDS)('complaints cannot be linked to the complainant (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  async function file(userId: string, named: boolean) {
    const chat = chatAs(t, line, fromUser(userId))
    let step = await chat.say('แจ้งเบาะแส')
    step = await chat.tap(button(step, /สินบน/))
    await chat.say(`SENTINEL-TEXT ${userId} ขอให้จ่ายเงินเพื่อให้ผ่านการตรวจ`)
    await chat.say('สัปดาห์ที่แล้ว')
    step = await chat.say('งานอนุญาต ชั้น 3')
    step = await chat.tap(button(step, /ข้าม/))
    step = await chat.tap(button(step, /เสร็จ/))
    step = await chat.tap(button(step, named ? /^ระบุตัวตน$/ : /ไม่ระบุชื่อ/))
    if (named) {
      step = await chat.say('ผู้แจ้ง ตัวอย่าง')
      step = await chat.tap(button(step, /ข้าม/))
    }
    step = await chat.tap(button(step, /ไม่ต้องแจ้ง/))
    return textOf(await chat.tap(button(step, /^ส่ง$/)))
  }

  /** Every row of every table in the test schema, as JSON text. */
  async function dump(): Promise<string> {
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.testDb.db)
    const parts: string[] = []
    for (const { name } of tables.rows) {
      const rows = await sql<{
        j: string
      }>`select row_to_json(x)::text as j from ${sql.table(name)} x`.execute(t.testDb.db)
      parts.push(...rows.rows.map((r) => `${name} ${r.j}`))
    }
    return parts.join('\n')
  }

  it('a full database dump and every log line hold none of the ids nor any HMAC of them', async () => {
    await file(SENTINELS[0] ?? '', false)
    await file(SENTINELS[1] ?? '', true)
    // Started in a group: a pointer, and nothing of the message kept.
    await chatAs(t, line, fromGroup(undefined, SENTINELS[2])).say(`ร้องเรียน SENTINEL-GROUP ${SENTINELS[2]}`)
    expect(await t.testDb.db.selectFrom('complaint_filings').selectAll().execute()).toHaveLength(2)
    expect(await t.testDb.db.selectFrom('complaint_cases').selectAll().execute()).toEqual([])
    // Nothing links while the filings wait, nor once the day's entry wrote them.
    await expectUnlinkable('complaint_filings')
    expect(await enterNow(t)).toEqual({ entered: 2, held: 0 })
    expect(await t.testDb.db.selectFrom('complaint_cases').selectAll().execute()).toHaveLength(2)
    await expectUnlinkable('complaint_cases')
  })

  async function expectUnlinkable(table: string) {
    const all = await dump()
    expect(all).toContain(table) // the dump did read the tables
    const day = localDay(t.clock.now(), 'Asia/Bangkok')
    for (const id of SENTINELS) {
      const hmacs = await Promise.all([
        engagementChatKey(t.deps.keyring, id),
        t.deps.keyring.pseudonym('chat', id),
        t.deps.keyring.pseudonym(`dialogue:${day}`, `default\u0000${id}`),
        t.deps.keyring.pseudonym('admin-line-link-user', id),
      ])
      for (const needle of [id, id.slice(1), ...hmacs]) {
        expect(all, `dump contains ${needle}`).not.toContain(needle)
        expect(t.logs.join('\n'), `logs contain ${needle}`).not.toContain(needle)
      }
    }
    expect(all).not.toContain('SENTINEL-TEXT')
    expect(all).not.toContain('SENTINEL-GROUP')
    expect(t.logs.join('\n')).not.toMatch(/SENTINEL|ขอให้จ่ายเงิน/)
  }

  it('no time finer than the day is stored with a complaint', async () => {
    await file(SENTINELS[0] ?? '', false)
    // The waiting filing holds no time at all: its columns are an id, the org and the seal.
    const [filing] = await t.testDb.db.selectFrom('complaint_filings').selectAll().execute()
    expect(Object.keys(filing ?? {}).sort()).toEqual(['id', 'key_id', 'org_id', 'sealed'])
    await enterNow(t)
    const [c] = await t.testDb.db.selectFrom('complaint_cases').selectAll().execute()
    expect(c?.locked_until).toBeNull()
    const log = await t.testDb.db.selectFrom('complaint_status_log').selectAll().execute()
    expect(log.map((l) => l.at.toISOString())).toEqual(['2026-11-22T00:00:00.000Z'])
    // Filing writes no engagement event at all: complaint counts come from the case tables.
    const events = await t.testDb.db
      .selectFrom('engagement_events')
      .selectAll()
      .where('kind', 'like', 'complaint.%')
      .execute()
    expect(events).toEqual([])
  })
})
