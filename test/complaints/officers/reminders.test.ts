import type { Kysely } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPgDb } from '../../../src/db/pg.js'
import type { Database } from '../../../src/db/schema.js'
import { housekeeping } from '../../../src/jobs/minute.js'
import { DB_KINDS } from '../../helpers/db.js'
import { labelOfficersGroup, OFFICERS_GROUP, officerWorld, SENTINEL, type World } from './helpers.js'

// Deadline reminders with a fake clock: a case filed on 22 Nov 2569 is due to be acknowledged
// by 29 Nov and answered by 20 Feb 2570. Each reminder reaches the officers' group once.

const at = (day: string) => new Date(`${day}T03:00:00Z`) // 10:00 in Bangkok

/** Housekeeping of `w`'s app on `day`, on its database or another connection to it. */
const runIn =
  (w: () => World) =>
  (day: string, db: Kysely<Database> = w().t.deps.db) =>
    housekeeping(
      {
        db,
        flows: w().t.deps.flows,
        log: w().t.deps.log,
        lines: w().t.deps.lines,
        config: w().t.deps.config,
        timeZone: w().t.deps.config.timeZone,
      },
      at(day),
    )
const pushesOf = (w: World) =>
  w.line.calls.flatMap((c) => (c.op === 'push' ? [{ to: c.to, text: JSON.stringify(c.messages) }] : []))

describe.each(DB_KINDS)('complaint deadline reminders (%s)', (kind) => {
  let w: World
  beforeEach(async () => {
    w = await officerWorld(kind)
  })
  afterEach(() => w.t.close())

  const run = runIn(() => w)
  const pushes = () => pushesOf(w)

  it('before and after each deadline, once each, with the code and the deadline only', async () => {
    await labelOfficersGroup(w.t)
    const c = await w.file()
    const closed = await w.file()
    await w.t.deps.db
      .updateTable('complaint_cases')
      .set({ status: 'closed', outcome: 'referred' })
      .where('id', '=', closed.id)
      .execute()
    await run('2026-11-22')
    await run('2026-11-26')
    expect(pushes()).toEqual([])
    await run('2026-11-27')
    await run('2026-11-27')
    await run('2026-11-28')
    expect(pushes()).toHaveLength(1)
    expect(pushes()[0]?.to).toBe(OFFICERS_GROUP)
    expect(pushes()[0]?.text).toContain(`เรื่องร้องเรียน ${c.code} ยังไม่ได้ตอบรับ ครบกำหนดตอบรับ 29 พ.ย. 2569`)
    await run('2026-11-29')
    expect(pushes()).toHaveLength(1)
    await run('2026-11-30')
    await run('2026-12-05')
    expect(pushes()).toHaveLength(2)
    expect(pushes()[1]?.text).toContain(`เลยกำหนด: เรื่องร้องเรียน ${c.code} ยังไม่ได้ตอบรับ (ครบกำหนด 29 พ.ย. 2569)`)

    await w.t.deps.db
      .updateTable('complaint_cases')
      .set({ status: 'acknowledged' })
      .where('id', '=', c.id)
      .execute()
    await run('2027-02-12')
    expect(pushes()).toHaveLength(2)
    await run('2027-02-13')
    await run('2027-02-20')
    await run('2027-02-21')
    await run('2027-03-01')
    expect(
      pushes()
        .slice(2)
        .map((p) => p.text),
    ).toEqual([
      expect.stringContaining(`${c.code} ครบกำหนดแจ้งผลการดำเนินการ 20 ก.พ. 2570`),
      expect.stringContaining(`${c.code} ยังไม่ได้แจ้งผลการดำเนินการ (ครบกำหนด 20 ก.พ. 2570)`),
    ])
    for (const p of pushes()) {
      expect(p.text).not.toContain(SENTINEL)
      expect(p.text).not.toContain(closed.code)
    }
    const kinds = await w.t.deps.db
      .selectFrom('complaint_reminders')
      .select(['case_id', 'kind'])
      .orderBy('sent_at')
      .execute()
    expect(kinds).toEqual(
      ['ack_soon', 'ack_overdue', 'feedback_soon', 'feedback_overdue'].map((k) => ({
        case_id: c.id,
        kind: k,
      })),
    )
    expect(w.t.logs.join('\n')).not.toContain(c.code)
  })

  it('waits for a labelled group; retries under the same key when LINE is unreachable', async () => {
    const c = await w.file()
    await run('2026-11-27')
    expect(pushes()).toEqual([])
    await labelOfficersGroup(w.t)
    w.line.script.push({ kind: 'unavailable', status: 503, detail: 'down' })
    await run('2026-11-27')
    expect(await w.t.deps.db.selectFrom('complaint_reminders').selectAll().execute()).toEqual([])
    await run('2026-11-27')
    const keys = w.line.calls.flatMap((x) => (x.op === 'push' ? [x.opts.retryKey] : []))
    expect(keys).toHaveLength(2)
    expect(keys[0]).toBe(keys[1])
    expect(pushes()[1]?.text).toContain(c.code)
    await run('2026-11-28')
    expect(pushes()).toHaveLength(2)
  })
})

describe.each(DB_KINDS)('complaint deadline reminders from two instances (%s)', (kind) => {
  let w: World
  let second: Kysely<Database> | null = null
  beforeEach(async () => {
    w = await officerWorld(kind, { isolation: 'connections' })
  })
  afterEach(async () => {
    await second?.destroy()
    second = null
    await w.t.close()
  })

  const run = runIn(() => w)
  const pushes = () => pushesOf(w)

  it('two housekeeping runs at once send a reminder once', async () => {
    await labelOfficersGroup(w.t)
    await w.file()
    await w.file()
    // On PostgreSQL the second run has its own connection pool, as a second instance would.
    const other = w.t.testDb.url ? createPgDb(w.t.testDb.url, { max: 3 }) : w.t.deps.db
    if (other !== w.t.deps.db) second = other
    await Promise.all([run('2026-11-27'), run('2026-11-27', other), run('2026-11-27', other)])
    await Promise.all([run('2026-11-27'), run('2026-11-27', other)])
    expect(pushes()).toHaveLength(2)
    expect(new Set(w.line.calls.map((c) => (c.op === 'push' ? c.opts.retryKey : ''))).size).toBe(2)
  })
})
