import { afterEach, describe, expect, test } from 'vitest'
import { budgetRunRenderer } from '../../src/budget/schedule.js'
import type { MemoryLine } from '../fakes/memory-line.js'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import {
  budgetApp,
  fixture,
  GROUP_ALL,
  GROUP_FINANCE,
  loggedIn,
  runTick,
  seedBudget,
  upload,
} from './helpers.js'

const pushedTo = (line: MemoryLine) =>
  line.calls.flatMap((c) => (c.op === 'push' ? [{ to: c.to, card: JSON.stringify(c.messages) }] : []))

describe.each(DB_KINDS)('the monthly budget broadcast (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('each run sends the summary current when the run is created, not the one frozen at upload', async () => {
    const made = await budgetApp(kind)
    t = made.t
    const owner = await loggedIn(t, 'owner')
    // Upload on 22 Nov 2569 (Bangkok): the broadcast runs on the 1st at 09:00.
    await upload(t, owner, { bytes: fixture('budget-2569.csv'), name: 'v1.csv' })
    const [b] = await t.deps.db.selectFrom('broadcasts').selectAll().execute()
    expect(b?.next_run_at?.toISOString()).toBe('2026-12-01T02:00:00.000Z')
    expect(JSON.stringify(b?.messages)).toContain('31 มี.ค. 2569')

    // A newer version arrives before the run: only Q1 figures, as of 15 Nov.
    const q1 = new TextDecoder().decode(fixture('budget-2569.csv')).replace(/^.*ไตรมาส 2.*$\r?\n/gm, '')
    await seedBudget(t, new TextEncoder().encode(q1), 'v2.csv', '2026-11-15')

    t.clock.set(new Date('2026-12-01T02:00:30Z'))
    await runTick(t)
    await runTick(t)
    const sent = pushedTo(made.line)
    expect(sent.map((s) => s.to).sort()).toEqual([GROUP_ALL, GROUP_FINANCE].sort())
    for (const s of sent) {
      expect(s.card).toContain('ข้อมูล ณ วันที่ 15 พ.ย. 2569')
      expect(s.card).toContain('ไตรมาส 1 (ต.ค.–ธ.ค. 2568)')
      expect(s.card).not.toContain('31 มี.ค. 2569')
    }
    const [run] = await t.deps.db.selectFrom('broadcast_runs').selectAll().execute()
    expect(JSON.stringify(run?.messages)).toContain('15 พ.ย. 2569')
    // The broadcast keeps recurring: next month's run is scheduled.
    const [after] = await t.deps.db.selectFrom('broadcasts').selectAll().execute()
    expect(after).toMatchObject({ status: 'scheduled' })
    expect(after?.next_run_at?.toISOString()).toBe('2027-01-01T02:00:00.000Z')
  })

  test('the hook leaves other broadcasts alone, and a budget one without data keeps its own messages', async () => {
    const made = await budgetApp(kind)
    t = made.t
    const render = budgetRunRenderer({ flows: t.deps.flows, timeZone: 'Asia/Bangkok' })
    const base = {
      id: 'b',
      org_id: 'default',
      title: 'x',
      messages: [],
      audience: 'a',
      measure: null,
      run_at: t.clock.now(),
      recurrence: null,
      time_zone: 'Asia/Bangkok',
      status: 'scheduled' as const,
      next_run_at: null,
      created_by: 'x',
      created_at: t.clock.now(),
      updated_at: t.clock.now(),
    }
    expect(await render(t.deps.db, { ...base, template: 'budget' }, t.clock.now())).toBeNull()
    await seedBudget(t, fixture('budget-2569.csv'))
    expect(await render(t.deps.db, { ...base, template: 'text' }, t.clock.now())).toBeNull()
    const budget = await render(t.deps.db, { ...base, template: 'budget' }, t.clock.now())
    expect(budget?.[0]?.type).toBe('flex')
    expect(
      await render(t.deps.db, { ...base, template: 'budget', org_id: 'north' }, t.clock.now()),
    ).toBeNull()
  })
})
