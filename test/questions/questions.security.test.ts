import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { engagementChatKey } from '../../src/engagement/events.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { fromUser } from '../helpers/line-events.js'

const SENTINEL = `U${'5e'.repeat(16)}`
const QUESTION = 'SENTINEL-QUESTION งบอบรมต่างประเทศใครอนุมัติ'

describe.each(DB_KINDS)('budget questions: secrets and unlinkability (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  async function askAnonymously() {
    const chat = chatAs(t, line, fromUser(SENTINEL))
    await chat.say('สอบถามงบประมาณ')
    const who = await chat.say(QUESTION)
    const summary = await chat.tap(button(who, /ไม่ระบุชื่อ/))
    const done = textOf(await chat.tap(button(summary, /^ส่ง$/)))
    return {
      chat,
      code: /Q-2569-[A-Z2-9]{6}/.exec(done)?.[0] ?? '',
      secret: /รหัสลับ: ([A-Z2-9-]{11})/.exec(done)?.[1] ?? '',
    }
  }

  const check = async (chat: ReturnType<typeof chatAs>, code: string, secret: string) => {
    await chat.say('ติดตามคำถาม')
    await chat.say(code)
    const summary = await chat.say(secret)
    return textOf(await chat.tap(button(summary, /^ส่ง$/)))
  }

  it('an anonymous question leaves no LINE id, pseudonym or time of day anywhere in the database', async () => {
    await askAnonymously()
    // Every table, every column, as text: the sentinel id and every HMAC of it are absent.
    const dump = (
      await sql<{ t: string }>`select row_to_json(x)::text as t from (
        select 'q' as k, to_jsonb(q) as v from staff_questions q
        union all select 'e', to_jsonb(e) from engagement_events e
        union all select 'i', to_jsonb(i) from webhook_inbox i
        union all select 's', to_jsonb(s) from dialogue_sessions s
      ) x`.execute(t.testDb.db)
    ).rows
      .map((r) => r.t)
      .join('\n')
    expect(dump).toContain('"k":"q"')
    const pseudonym = await engagementChatKey(t.deps.keyring, SENTINEL)
    expect(dump).not.toContain(SENTINEL)
    expect(dump).not.toContain(pseudonym)
    expect(dump).not.toContain('SENTINEL-QUESTION')
    const [q] = await t.testDb.db.selectFrom('staff_questions').selectAll().execute()
    expect(
      Object.keys(q ?? {}).filter((k) => k.endsWith('_at') && q?.[k as keyof typeof q] !== null),
    ).toEqual([])
    const events = await t.testDb.db
      .selectFrom('engagement_events')
      .selectAll()
      .where('kind', '=', 'question.asked')
      .execute()
    expect(events[0]?.occurred_at.toISOString()).toBe('2026-11-22T00:00:00.000Z')
    expect(t.logs.join('\n')).not.toMatch(/SENTINEL|5e5e5e/)
  })

  it('wrong secrets are throttled: after five the code is locked, even for the right secret', async () => {
    const { chat, code, secret } = await askAnonymously()
    for (let i = 0; i < 4; i++) expect(await check(chat, code, 'AAAAA-AAAAA')).toMatch(/ไม่ถูกต้อง/)
    expect(await check(chat, code, 'AAAAA-AAAAA')).toMatch(/ระงับการตรวจเลขที่นี้ชั่วคราว/)
    expect(await check(chat, code, secret)).toMatch(/ระงับการตรวจเลขที่นี้ชั่วคราว/)
    t.clock.set(new Date(t.clock.now().getTime() + 16 * 60_000))
    expect(await check(chat, code, secret)).toMatch(/อยู่ระหว่างการพิจารณา/)
  })

  it('an unknown code answers exactly like a wrong secret (codes cannot be probed)', async () => {
    const { chat, code } = await askAnonymously()
    const unknown = await check(chat, 'Q-2569-ZZZZZZ', 'AAAAA-AAAAA')
    expect(unknown).toBe(await check(chat, code, 'AAAAA-AAAAA'))
  })
})
