import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addDraftFile, sealFile } from '../../../src/complaints/drafts.js'
import { complaintStats } from '../../../src/complaints/stats.js'
import { utf8 } from '../../../src/core/bytes.js'
import { housekeeping } from '../../../src/jobs/minute.js'
import { DB_KINDS } from '../../helpers/db.js'
import { addEvidence, officerWorld, SENTINEL, type World } from './helpers.js'

// Retention: a closed case past expires_on keeps only a statistics stub; statistics still count it.

describe.each(DB_KINDS)('complaint retention (%s)', (kind) => {
  let w: World
  beforeEach(async () => {
    w = await officerWorld(kind)
  })
  afterEach(() => w.t.close())

  const run = (now: Date) =>
    housekeeping(
      {
        db: w.t.deps.db,
        flows: w.t.deps.flows,
        log: w.t.deps.log,
        config: w.t.deps.config,
        timeZone: w.t.deps.config.timeZone,
      },
      now,
    )

  it('turns an expired closed case into a stub and statistics still count it', async () => {
    const c = await w.file({ named: true, notify: true, category: 'bribery' })
    const open = await w.file()
    for (let i = 0; i < 4; i++) await w.file()
    await addEvidence(w.t, c.id, utf8('evidence'), 'text/plain', 'note.txt')
    const a = await w.as('a')
    await a.get(`/admin/complaints/${c.id}`)
    await a.post(`/admin/complaints/${c.id}/status`, { to: 'acknowledged', outcome: '', message: 'รับเรื่อง' })
    await a.get(`/admin/complaints/${c.id}`)
    await a.post(`/admin/complaints/${c.id}/reveal`, { reason: 'สอบถ้อยคำ' })
    await a.post(`/admin/complaints/${c.id}/exclusions`, { admin: w.officerB })
    await a.post(`/admin/complaints/${c.id}/status`, {
      to: 'closed',
      outcome: 'substantiated',
      message: 'มีมูล',
    })
    const closed = await w.t.deps.db
      .selectFrom('complaint_cases')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow()
    expect(closed.expires_on).toBe('2031-11-21')

    await run(new Date('2031-11-21T16:59:00Z')) // 21 Nov 2031, 23:59 in Bangkok: content still kept
    expect((await w.follow(c)).kind).toBe('ok')
    await run(new Date('2031-11-21T17:01:00Z')) // 22 Nov, 00:01 in Bangkok
    const stubbed = await w.t.deps.db
      .selectFrom('complaint_cases')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow()
    expect(stubbed).toMatchObject({
      stub: true,
      content: null,
      identity_sealed: null,
      notify_to: null,
      category: 'bribery',
      channel: 'line',
      status: 'closed',
      outcome: 'substantiated',
      received_on: '2026-11-22',
      acknowledged_on: '2026-11-22',
      closed_on: '2026-11-22',
    })
    for (const table of [
      'complaint_messages',
      'complaint_evidence',
      'complaint_reveal_requests',
      'complaint_exclusions',
    ] as const) {
      const rows = await w.t.deps.db.selectFrom(table).select('case_id').where('case_id', '=', c.id).execute()
      expect(rows, table).toEqual([])
    }
    const untouched = await w.t.deps.db
      .selectFrom('complaint_cases')
      .selectAll()
      .where('id', '=', open.id)
      .executeTakeFirstOrThrow()
    expect(untouched.stub).toBe(false)
    expect(untouched.content).not.toBeNull()
    expect((await w.follow(c)).kind).toBe('wrong')

    const stats = await complaintStats(w.t.deps.db, 'default', 2570, ['bribery', 'procurement'])
    expect(stats.total).toBe('6')
    // 1 bribery beside 5 procurement in a published total of 6 cannot be protected: withheld.
    expect(stats.categories.rows.map((r) => r.cell.kind)).toEqual(['hidden', 'hidden'])
    expect(stats.channels.rows.map((r) => r.cell)).toEqual([
      { kind: 'count', n: 6 },
      { kind: 'count', n: 0 },
    ])

    w.t.clock.set(new Date('2031-11-22T03:00:00Z'))
    const b = await w.as('b')
    const page = await (await b.get(`/admin/complaints/${c.id}`)).text()
    expect(page).toContain('เหลือเพียงข้อมูลสำหรับสถิติ')
    expect(page).not.toContain(SENTINEL)
    expect(page).not.toContain('id="status-form"')
  })

  it('keeps content through expires_on, and purges expired draft evidence', async () => {
    const c = await w.file()
    await w.t.deps.db
      .updateTable('complaint_cases')
      .set({ status: 'closed', outcome: 'referred', closed_on: '2026-11-22', expires_on: '2026-12-01' })
      .where('id', '=', c.id)
      .execute()
    await addDraftFile(
      w.t.deps.db,
      w.t.deps.keyring,
      { orgId: 'default', draftKey: 'draft-1', messageId: 'm1', expiresAt: new Date('2026-11-22T04:00:00Z') },
      await sealFile(w.t.deps.keyring, { kind: 'file', mime: 'text/plain', bytes: utf8('x') }),
    )
    expect(await w.t.deps.db.selectFrom('complaint_draft_files').selectAll().execute()).toHaveLength(1)
    await run(new Date('2026-12-01T10:00:00Z'))
    const kept = await w.t.deps.db
      .selectFrom('complaint_cases')
      .select(['stub'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow()
    expect(kept.stub).toBe(false)
    expect(await w.t.deps.db.selectFrom('complaint_draft_files').selectAll().execute()).toEqual([])
    await run(new Date('2026-12-02T01:00:00Z'))
    const gone = await w.t.deps.db
      .selectFrom('complaint_cases')
      .select(['stub'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow()
    expect(gone.stub).toBe(true)
  })
})
