import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sealFiles } from '../../src/complaints/drafts.js'
import { runDailyEntry, runDailyEntrySafely } from '../../src/complaints/entry.js'
import { submitNotifyOff, submitReply } from '../../src/complaints/filings.js'
import { findCaseByCode } from '../../src/complaints/repository.js'
import { makeStubs } from '../../src/complaints/retention-repository.js'
import { parseConfig } from '../../src/config.js'
import { fromUtf8, utf8 } from '../../src/core/bytes.js'
import { createOrg } from '../../src/orgs/service.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { bangkok, ENTRY_TIME, entryDeps, rows, sameRandom, submit } from './entry-helpers.js'
import { fileCase } from './file-case.js'

// The day's entry (complaints/entry.ts): filings wait until COMPLAINT_ENTRY_TIME, local, then
// all enter at once; the day's row makes every later call that day a no-op.

describe.each(DB_KINDS)("the day's complaint entry (%s)", (kind) => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp(kind, { env: { COMPLAINT_ENTRY_TIME: ENTRY_TIME } })
  })
  afterEach(() => t.close())

  const entries = () => t.deps.db.selectFrom('complaint_entries').selectAll().orderBy('day').execute()
  const run = (local: string) => runDailyEntry(entryDeps(t), bangkok(local))

  it('is not due before the entry time; at it every waiting filing enters once; later that day is a no-op', async () => {
    const filed = []
    for (const at of ['2026-11-22T09:10', '2026-11-22T13:45', '2026-11-22T23:59'])
      filed.push(await submit(t, bangkok(at)))
    expect(await run('2026-11-23T01:59')).toEqual({ kind: 'not_due' })
    expect(await rows(t, 'complaint_filings')).toBe(3)
    expect(await rows(t, 'complaint_cases')).toBe(0)
    expect(await entries()).toEqual([])

    expect(await run('2026-11-23T02:00')).toEqual({ kind: 'entered', entered: 3, held: 0 })
    expect(await rows(t, 'complaint_filings')).toBe(0)
    for (const { code } of filed) {
      const c = await findCaseByCode(t.deps.db, 'default', code)
      expect(c).toMatchObject({ status: 'received', received_on: '2026-11-22', ack_due: '2026-11-29' })
    }
    expect(await rows(t, 'complaint_status_log')).toBe(3)
    expect(await entries()).toEqual([{ day: '2026-11-23', entered: 3, held: 0 }])
    expect(t.logs.filter((l) => l.includes('complaints.entered')).map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ entered: 3, held: 0 }),
    ])

    // Filed after the entry: it waits for tomorrow's, however often the tick runs today.
    await submit(t, bangkok('2026-11-23T09:00'))
    expect(await run('2026-11-23T09:01')).toEqual({ kind: 'already' })
    expect(await run('2026-11-23T23:59')).toEqual({ kind: 'already' })
    expect(await rows(t, 'complaint_filings')).toBe(1)
    expect(await rows(t, 'complaint_cases')).toBe(3)
    expect(await run('2026-11-24T02:00')).toEqual({ kind: 'entered', entered: 1, held: 0 })
    expect(await rows(t, 'complaint_cases')).toBe(4)
    expect(await entries()).toEqual([
      { day: '2026-11-23', entered: 3, held: 0 },
      { day: '2026-11-24', entered: 1, held: 0 },
    ])
  })

  it('a missed entry is caught up at the next tick, the same day or days later', async () => {
    await submit(t, bangkok('2026-11-22T10:00'))
    // Down at 02:00 on the 23rd: the first tick after it enters the waiting filing.
    expect(await run('2026-11-23T07:41')).toEqual({ kind: 'entered', entered: 1, held: 0 })
    await submit(t, bangkok('2026-11-23T10:00'))
    await submit(t, bangkok('2026-11-24T10:00'))
    // No tick at all on the 24th: the 25th's first tick, after 02:00, takes both.
    expect(await run('2026-11-25T01:00')).toEqual({ kind: 'not_due' })
    expect(await run('2026-11-25T13:00')).toEqual({ kind: 'entered', entered: 2, held: 0 })
    const days = await t.deps.db
      .selectFrom('complaint_cases')
      .select('received_on')
      .orderBy('received_on')
      .execute()
    expect(days.map((d) => d.received_on)).toEqual(['2026-11-22', '2026-11-23', '2026-11-24'])
    expect((await entries()).map((e) => e.day)).toEqual(['2026-11-23', '2026-11-25'])
  })

  it('filings of two organizations enter each into its own, even with the same code', async () => {
    const made = await createOrg(t.deps.db, t.deps.keyring, {
      slug: 'north',
      nameTh: 'ภาคเหนือ',
      nameEn: 'North',
    })
    expect(made.ok).toBe(true)
    const a = await submit(t, bangkok('2026-11-22T10:00'), { random: sameRandom, content: { what: 'A' } })
    const b = await submit(t, bangkok('2026-11-22T10:05'), {
      orgId: 'north',
      random: sameRandom,
      content: { what: 'B' },
    })
    expect(b.code).toBe(a.code)
    expect(await run('2026-11-23T02:00')).toEqual({ kind: 'entered', entered: 2, held: 0 })
    for (const [org, what] of [
      ['default', 'A'],
      ['north', 'B'],
    ] as const) {
      const c = await findCaseByCode(t.deps.db, org, a.code)
      const content = await t.deps.keyring.open(c?.key_id ?? '', c?.content ?? new Uint8Array())
      expect(JSON.parse(fromUtf8(content)), org).toEqual({ what })
      const log = await t.deps.db
        .selectFrom('complaint_status_log')
        .select('org_id')
        .where('case_id', '=', c?.id ?? '')
        .execute()
      expect(log, org).toEqual([{ org_id: org }])
    }
  })

  it("replies (text and files) and 'stop notices' enter with the day's filings", async () => {
    const c = await fileCase(
      t.deps.db,
      t.deps.keyring,
      {
        orgId: 'default',
        channel: 'line',
        category: 'bribery',
        content: { what: 'x' },
        identity: null,
        notifyTo: `U${'1f'.repeat(16)}`,
      },
      { now: bangkok('2026-11-20T10:00') },
    )
    const files = await sealFiles(t.deps.keyring, [
      { kind: 'file', mime: 'application/pdf', bytes: utf8('%PDF-1.4\n%%EOF\n') },
    ])
    const opts = { now: bangkok('2026-11-22T15:00'), timeZone: 'Asia/Bangkok' }
    const reply = { orgId: 'default', caseId: c.id, draftKey: null }
    await submitReply(t.deps.db, t.deps.keyring, { ...reply, text: 'สัญญาเลขที่ 12/2569', files }, opts)
    await submitReply(t.deps.db, t.deps.keyring, { ...reply, text: '', files }, opts)
    await submitNotifyOff(t.deps.db, t.deps.keyring, 'default', c.id)
    expect(await rows(t, 'complaint_filings')).toBe(3)
    expect(await rows(t, 'complaint_messages')).toBe(0)
    expect(await rows(t, 'complaint_evidence')).toBe(0)
    const before = await findCaseByCode(t.deps.db, 'default', c.code)
    expect(before?.notify_to).not.toBeNull()

    expect(await run('2026-11-23T02:00')).toEqual({ kind: 'entered', entered: 3, held: 0 })
    const messages = await t.deps.db.selectFrom('complaint_messages').selectAll().execute()
    expect(messages.map((m) => [m.case_id, m.author, m.officer_id, m.sent_on])).toEqual([
      [c.id, 'complainant', null, '2026-11-22'],
    ])
    const text = await t.deps.keyring.open(messages[0]?.key_id ?? '', messages[0]?.body ?? new Uint8Array())
    expect(fromUtf8(text)).toBe('สัญญาเลขที่ 12/2569')
    const evidence = await t.deps.db.selectFrom('complaint_evidence').selectAll().execute()
    expect(evidence.map((e) => [e.case_id, e.kind, e.mime, e.name, e.added_on])).toEqual([
      [c.id, 'file', 'application/pdf', null, '2026-11-22'],
      [c.id, 'file', 'application/pdf', null, '2026-11-22'],
    ])
    expect(
      fromUtf8(
        await t.deps.keyring.open(evidence[0]?.key_id ?? '', evidence[0]?.content ?? new Uint8Array()),
      ),
    ).toBe('%PDF-1.4\n%%EOF\n')
    expect((await findCaseByCode(t.deps.db, 'default', c.code))?.notify_to).toBeNull()
    expect(await rows(t, 'complaint_filing_files')).toBe(0)
  })

  it('a reply or stop notice for a case made a stub (or not of its organization) is dropped', async () => {
    const base = {
      orgId: 'default',
      channel: 'web' as const,
      category: 'bribery',
      content: { what: 'x' },
      identity: null,
      notifyTo: null,
    }
    const stub = await fileCase(t.deps.db, t.deps.keyring, base, { now: bangkok('2026-11-20T10:00') })
    const live = await fileCase(t.deps.db, t.deps.keyring, base, { now: bangkok('2026-11-20T10:00') })
    const opts = { now: bangkok('2026-11-22T15:00'), timeZone: 'Asia/Bangkok' }
    const files = await sealFiles(t.deps.keyring, [{ kind: 'image', mime: 'image/png', bytes: utf8('png') }])
    await submitReply(
      t.deps.db,
      t.deps.keyring,
      { orgId: 'default', caseId: stub.id, text: 'ยังอยู่ไหม', draftKey: null, files },
      opts,
    )
    await submitNotifyOff(t.deps.db, t.deps.keyring, 'default', stub.id)
    // Another organization's filing naming this one's case.
    await submitReply(
      t.deps.db,
      t.deps.keyring,
      { orgId: 'north', caseId: live.id, text: 'ข้ามหน่วยงาน', draftKey: null, files },
      opts,
    )
    expect(await makeStubs(t.deps.db, [stub.id])).toBe(1)

    expect(await run('2026-11-23T02:00')).toEqual({ kind: 'entered', entered: 3, held: 0 })
    expect(await rows(t, 'complaint_messages')).toBe(0)
    expect(await rows(t, 'complaint_evidence')).toBe(0)
    expect(await rows(t, 'complaint_filings')).toBe(0)
    expect(await rows(t, 'complaint_filing_files')).toBe(0)
  })

  it('two filings drawn the same code before the entry: one enters, the other is held back and counted, never overwritten', async () => {
    const first = await submit(t, bangkok('2026-11-22T10:00'), {
      random: sameRandom,
      content: { what: 'first' },
    })
    const second = await submit(t, bangkok('2026-11-22T11:00'), {
      random: sameRandom,
      content: { what: 'second' },
    })
    expect(second.code).toBe(first.code)
    expect(await run('2026-11-23T02:00')).toEqual({ kind: 'entered', entered: 1, held: 1 })
    expect(await entries()).toEqual([{ day: '2026-11-23', entered: 1, held: 1 }])
    expect(await rows(t, 'complaint_cases')).toBe(1)
    expect(await rows(t, 'complaint_filings')).toBe(1)
    const c = await findCaseByCode(t.deps.db, 'default', first.code)
    const content = await t.deps.keyring.open(c?.key_id ?? '', c?.content ?? new Uint8Array())
    expect(['first', 'second']).toContain(JSON.parse(fromUtf8(content)).what)
  })

  it('a code a case already has is drawn again at filing; a random source that keeps repeating is refused', async () => {
    await submit(t, bangkok('2026-11-22T10:00'), { random: sameRandom, content: { what: 'first' } })
    await run('2026-11-23T02:00')
    await expect(
      submit(t, bangkok('2026-11-23T10:00'), { random: sameRandom, content: { what: 'second' } }),
    ).rejects.toThrow(/keep colliding/)
    expect(await rows(t, 'complaint_filings')).toBe(0)
  })

  it('a failure during the entry leaves every filing waiting and the day unclaimed; the next tick retries', async () => {
    // A case entered earlier (fileCase runs an entry of its own), then a reply with a file and
    // a new complaint waiting for today's entry.
    const c = await fileCase(
      t.deps.db,
      t.deps.keyring,
      {
        orgId: 'default',
        channel: 'web',
        category: 'bribery',
        content: { what: 'x' },
        identity: null,
        notifyTo: null,
      },
      { now: bangkok('2026-11-20T10:00') },
    )
    await submitReply(
      t.deps.db,
      t.deps.keyring,
      {
        orgId: 'default',
        caseId: c.id,
        text: 'แนบไฟล์',
        draftKey: null,
        files: await sealFiles(t.deps.keyring, [
          { kind: 'file', mime: 'application/pdf', bytes: utf8('%PDF') },
        ]),
      },
      { now: bangkok('2026-11-22T11:00'), timeZone: 'Asia/Bangkok' },
    )
    await submit(t, bangkok('2026-11-22T10:00'))
    await sql`create function refuse_evidence() returns trigger language plpgsql as $$
      begin raise exception 'disk full'; end $$`.execute(t.deps.db)
    await sql`create trigger refuse_evidence before insert on complaint_evidence
      for each row execute function refuse_evidence()`.execute(t.deps.db)
    const cases = await rows(t, 'complaint_cases')

    await expect(run('2026-11-23T02:00')).rejects.toThrow(/disk full/)
    // The tick's call logs the failure and does not throw.
    await runDailyEntrySafely(entryDeps(t), bangkok('2026-11-23T02:01'))
    expect(t.logs.filter((l) => l.includes('complaints.entry_failed'))).toHaveLength(1)
    expect(await rows(t, 'complaint_filings')).toBe(2)
    expect(await rows(t, 'complaint_filing_files')).toBe(1)
    expect(await rows(t, 'complaint_cases')).toBe(cases)
    expect(await rows(t, 'complaint_messages')).toBe(0)
    expect(await entries()).toEqual([])

    await sql`drop trigger refuse_evidence on complaint_evidence`.execute(t.deps.db)
    expect(await run('2026-11-23T02:02')).toEqual({ kind: 'entered', entered: 2, held: 0 })
    expect(await rows(t, 'complaint_cases')).toBe(cases + 1)
    expect(await rows(t, 'complaint_messages')).toBe(1)
    expect(await rows(t, 'complaint_evidence')).toBe(1)
  })
})

describe('COMPLAINT_ENTRY_TIME', () => {
  it('defaults to 00:30 and takes a local HH:MM', () => {
    const parsed = parseConfig({ NODE_ENV: 'test' })
    expect(parsed.ok && parsed.config.env.COMPLAINT_ENTRY_TIME).toBe('00:30')
    const set = parseConfig({ NODE_ENV: 'test', COMPLAINT_ENTRY_TIME: ' 23:05 ' })
    expect(set.ok && set.config.env.COMPLAINT_ENTRY_TIME).toBe('23:05')
  })

  it('refuses a time that is not HH:MM, naming the variable and the form', () => {
    for (const bad of ['24:00', '7:30', '07:60', 'noon', '07:30:00', '']) {
      const parsed = parseConfig({ NODE_ENV: 'test', COMPLAINT_ENTRY_TIME: bad })
      expect(parsed.ok, bad).toBe(false)
      expect(parsed.ok ? [] : parsed.errors, bad).toEqual([
        'COMPLAINT_ENTRY_TIME: must be a local time HH:MM, e.g. 00:30',
      ])
    }
  })
})
