import { sql } from 'kysely'
import { expect } from 'vitest'
import { LIMITS } from '../../src/line/limits.js'
import type { LineMessage } from '../../src/line/port.js'
import { messageProblems } from '../fakes/fake-line/rules.js'
import type { MemoryLine } from '../fakes/memory-line.js'
import type { TestApp } from '../helpers/app.js'
import { envelope, fromGroup, GROUP_1, signedRequest, textEvent, USER_A } from '../helpers/line-events.js'

// Complaint intent typed in chats: events in every kind of chat, what the bot sent, and
// everything the database holds afterwards.

export const ROOM_1 = `R${'2'.repeat(32)}`
export const SENTENCE = 'ขอร้องเรียน ผอ.กองคลัง รับเงินผู้รับเหมา 50,000 บาท'

type Where = 'group' | 'group-mention' | 'room'

/** A text from USER_A in GROUP_1 (mentioning the bot or not) or in ROOM_1. */
export function chatEvent(t: TestApp, text: string, where: Where) {
  const now = t.clock.now().getTime()
  const ev = textEvent(text, fromGroup(GROUP_1, USER_A), now)
  if (where === 'room') return { ...ev, source: { type: 'room', roomId: ROOM_1, userId: USER_A } }
  if (where === 'group') return ev
  const mention = { mentionees: [{ index: 0, length: 4, userId: 'Ubot', type: 'user', isSelf: true }] }
  return { ...ev, message: { ...ev.message, text: `@bot ${text}`, mention } }
}

/** Posts the events signed, waits for the inbox; returns the messages the bot sent. */
export async function post(t: TestApp, line: MemoryLine, events: unknown[]): Promise<LineMessage[]> {
  const before = line.calls.length
  const res = await t.app.request(await signedRequest(envelope(events)))
  expect(res.status).toBe(200)
  await t.settle()
  return line.calls.slice(before).flatMap((c) => ('messages' in c ? c.messages : []))
}

/** LINE would take it: its own rules (fake LINE's copy) and quick-reply labels within 20. */
export function expectLineAccepts(messages: LineMessage[]): void {
  expect(messageProblems(messages)).toEqual([])
  for (const m of messages) {
    const items = (m as { quickReply?: { items: { action: { label?: string } }[] } }).quickReply?.items ?? []
    for (const i of items) expect(i.action.label?.length ?? 0).toBeLessThanOrEqual(LIMITS.quickReplyLabel)
  }
}

/** Every row of every table, as text: what the bot keeps, wherever it keeps it. */
export async function everything(t: TestApp): Promise<string> {
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
