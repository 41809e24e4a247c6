import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { sealFiles } from '../../src/complaints/drafts.js'
import { INTAKE_TABLES, runDailyEntry } from '../../src/complaints/entry.js'
import { submitReply } from '../../src/complaints/filings.js'
import { findCaseByCode } from '../../src/complaints/repository.js'
import type { Random } from '../../src/core/receipt.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { bangkok, ENTRY_TIME, entryDeps, rows, submit } from './entry-helpers.js'
import { phoneJpeg } from './evidence/fixtures/images.js'
import { gpsJpeg, REPORT, WebClient } from './web/helpers.js'

// What the day's entry leaves behind: no intake row of a filed complaint, no time of the entry
// on a case, and an order of rows that is not the order of filing.

const zeroRandom: Random = (n) => new Uint8Array(n)

describe.each(DB_KINDS)("the day's complaint entry, security (%s)", (kind) => {
  let t: TestApp
  afterEach(() => t.close())

  it('after the entry no filing, filing file or draft file of a filed complaint is left', async () => {
    const line = new MemoryLine()
    // Filed at 22 Nov 10:00 in Bangkok (the test clock); the entry is at 02:00 local.
    t = await createTestApp(kind, { line, env: { COMPLAINT_ENTRY_TIME: ENTRY_TIME } })
    // In LINE, with a photo sent while the draft was open.
    const chat = chatAs(t, line)
    let step = await chat.say('ร้องเรียน')
    step = await chat.tap(button(step, /สินบน/))
    await chat.say('เรียกรับเงิน')
    await chat.say('เมื่อวาน')
    step = await chat.say('ด่านตรวจ')
    step = await chat.tap(button(step, /ข้าม/))
    line.contents.set('m-photo', { kind: 'ok', contentType: 'image/jpeg', bytes: phoneJpeg() })
    step = await chat.attach({ type: 'image', id: 'm-photo' })
    expect(await rows(t, 'complaint_draft_files')).toBe(1)
    step = await chat.tap(button(step, /เสร็จ/))
    step = await chat.tap(button(step, /ไม่ระบุชื่อ/))
    step = await chat.tap(button(step, /ไม่ต้องแจ้ง/))
    expect(textOf(await chat.tap(button(step, /^ส่ง$/)))).toMatch(/C-2569-/)
    // On the web, with a photo.
    const web = new WebClient(t)
    await web.get('/report')
    expect((await web.post('/report', { ...REPORT }, [{ name: 'p.jpg', bytes: gpsJpeg() }])).status).toBe(200)
    expect(await rows(t, 'complaint_draft_files')).toBe(0)
    expect(await rows(t, 'complaint_filings')).toBe(2)
    expect(await rows(t, 'complaint_filing_files')).toBe(2)

    expect(await runDailyEntry(entryDeps(t), bangkok('2026-11-23T02:00'))).toMatchObject({ entered: 2 })
    for (const table of ['complaint_filings', 'complaint_filing_files', 'complaint_draft_files'] as const)
      expect(await rows(t, table), table).toBe(0)
    expect(await rows(t, 'complaint_cases')).toBe(2)
    expect(await rows(t, 'complaint_evidence')).toBe(2)
    expect(await t.deps.db.selectFrom('dialogue_sessions').selectAll().execute()).toEqual([])
    // The entry's log line holds counts and nothing of a case.
    const entered = t.logs.filter((l) => l.includes('complaints.entered')).map((l) => JSON.parse(l))
    expect(entered).toEqual([expect.objectContaining({ event: 'complaints.entered', entered: 2, held: 0 })])
    expect(Object.keys(entered[0] ?? {}).sort()).toEqual(
      expect.arrayContaining(['entered', 'event', 'held', 'level', 'ts']),
    )
    for (const key of Object.keys(entered[0] ?? {}))
      expect(['entered', 'event', 'held', 'level', 'ts', 'walRotated'], key).toContain(key)
  })

  it("a case keeps the day it was filed, not the entry's: received, deadlines, log, evidence, reply", async () => {
    t = await createTestApp(kind, { env: { COMPLAINT_ENTRY_TIME: ENTRY_TIME } })
    const early = await submit(t, bangkok('2026-11-20T09:00'))
    await runDailyEntry(entryDeps(t), bangkok('2026-11-21T02:00'))
    const earlyCase = await findCaseByCode(t.deps.db, 'default', early.code)
    // Filed a minute before midnight, entered the next day (and a reply filed just as late).
    const late = await submit(t, bangkok('2026-11-22T23:59'))
    await submitReply(
      t.deps.db,
      t.deps.keyring,
      {
        orgId: 'default',
        caseId: earlyCase?.id ?? '',
        text: 'เพิ่มเติม',
        draftKey: null,
        files: await sealFiles(t.deps.keyring, [
          { kind: 'image', mime: 'image/png', bytes: new Uint8Array([1, 2, 3]) },
        ]),
      },
      { now: bangkok('2026-11-22T23:59'), timeZone: 'Asia/Bangkok' },
    )
    expect(await runDailyEntry(entryDeps(t), bangkok('2026-11-23T02:00'))).toMatchObject({ entered: 2 })

    const c = await findCaseByCode(t.deps.db, 'default', late.code)
    expect(c).toMatchObject({ received_on: '2026-11-22', ack_due: '2026-11-29', feedback_due: '2027-02-20' })
    const log = await t.deps.db
      .selectFrom('complaint_status_log')
      .select('at')
      .where('case_id', '=', c?.id ?? '')
      .execute()
    expect(log.map((l) => l.at.toISOString())).toEqual(['2026-11-22T00:00:00.000Z'])
    const [message] = await t.deps.db.selectFrom('complaint_messages').selectAll().execute()
    expect(message?.sent_on).toBe('2026-11-22')
    const [evidence] = await t.deps.db.selectFrom('complaint_evidence').selectAll().execute()
    expect(evidence?.added_on).toBe('2026-11-22')
    // Nothing written for these holds the entry's day or any time of day.
    const written = await sql<{ j: string }>`
      select row_to_json(x)::text as j from complaint_cases x where id = ${c?.id ?? ''}
      union all select row_to_json(x)::text from complaint_status_log x where case_id = ${c?.id ?? ''}
      union all select row_to_json(x)::text from complaint_messages x
      union all select row_to_json(x)::text from complaint_evidence x`.execute(t.deps.db)
    expect(written.rows).toHaveLength(4)
    for (const { j } of written.rows) {
      expect(j).not.toContain('2026-11-23')
      for (const [, time] of j.matchAll(/T(\d{2}:\d{2}:\d{2})/g)) expect(time, j).toBe('00:00:00')
    }
  })

  it('cases are written in an order of their own, not the order they were filed in', async () => {
    // A database of its own: where a row sits (ctid) follows the order of writing only in a
    // table no earlier (rolled-back) test has left pruned space in.
    t = await createTestApp(kind, { isolation: 'database', env: { COMPLAINT_ENTRY_TIME: ENTRY_TIME } })
    const filed: string[] = []
    for (const at of ['09:00', '10:00', '11:00', '12:00'])
      filed.push((await submit(t, bangkok(`2026-11-22T${at}`))).code)
    // The entry reads the filings in the order of their random ids (filings-repository.ts).
    const waiting = await t.deps.db
      .selectFrom('complaint_filings')
      .select(['key_id', 'sealed'])
      .orderBy('id')
      .execute()
    const read: string[] = []
    for (const f of waiting) {
      const opened = JSON.parse(new TextDecoder().decode(await t.deps.keyring.open(f.key_id, f.sealed)))
      read.push(String(opened.code))
    }
    expect(await runDailyEntry(entryDeps(t, zeroRandom), bangkok('2026-11-23T02:00'))).toMatchObject({
      entered: 4,
    })
    const byPlace = await t.deps.db.selectFrom('complaint_cases').select('code').orderBy(sql`ctid`).execute()
    const placed = byPlace.map((r) => r.code)
    expect([...placed].sort()).toEqual([...filed].sort())
    // Fisher–Yates with every draw 0 turns a, b, c, d into b, c, d, a.
    expect(placed).toEqual([read[1], read[2], read[3], read[0]])
    const byLog = await t.deps.db
      .selectFrom('complaint_status_log')
      .innerJoin('complaint_cases', 'complaint_cases.id', 'complaint_status_log.case_id')
      .select('complaint_cases.code')
      .orderBy(sql`complaint_status_log.id::bigint`)
      .execute()
    expect(byLog.map((r) => r.code)).toEqual(placed)
  })
})

describe.each(DB_KINDS)("the day's entry rewrites the intake tables (%s)", (kind) => {
  let t: TestApp
  afterEach(() => t.close())

  it('no dead row version of a filing stays in the table files: each intake table is rewritten', async () => {
    // VACUUM is a no-op in a rolled-back test: this one has a database of its own.
    t = await createTestApp(kind, { isolation: 'database', env: { COMPLAINT_ENTRY_TIME: ENTRY_TIME } })
    await submit(t, bangkok('2026-11-22T10:00'))
    const fileNodes = async () => {
      const r = await sql<{ name: string; node: string }>`
        select t.name, pg_relation_filenode(t.name::regclass)::text as node
        from unnest(${sql.val([...INTAKE_TABLES])}::text[]) as t(name)`.execute(t.deps.db)
      return new Map(r.rows.map((x) => [x.name, x.node]))
    }
    const before = await fileNodes()
    expect(before.size).toBe(INTAKE_TABLES.length)
    expect(await runDailyEntry(entryDeps(t), bangkok('2026-11-23T02:00'))).toMatchObject({ entered: 1 })
    const after = await fileNodes()
    for (const table of INTAKE_TABLES) expect(after.get(table), table).not.toBe(before.get(table))
  })
})
