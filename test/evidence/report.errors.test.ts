import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rawFigures } from '../../src/evidence/raw-repository.js'
import { evidenceReport, yearsOverview } from '../../src/evidence/report.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { appendAs, at, ev, G, groups, ORG, reportDeps, U } from './report-seed.js'

// Bad input comes back as a value with a Thai and an English message, never as a 500; odd data
// (no members known, a score that is not a number, an event under no measure) never breaks a sum.

describe.each(DB_KINDS)('evidence report: bad input and odd data (%s)', (kind) => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp(kind, { now: at('2026-11-22T03:00:00Z') })
  })
  afterEach(() => t.close())

  it('a fiscal year outside 2560 … next year is refused with a message in both languages', async () => {
    // 22 Nov 2026 is in FY2570, so 2571 is the last year that may be asked for.
    for (const fy of [2559, 2572, 2569.5, Number.NaN, 25690]) {
      const r = await evidenceReport(reportDeps(t), ORG, fy)
      expect(r.kind).toBe('invalid_year')
      if (r.kind !== 'invalid_year') continue
      expect(r.message.th).toMatch(/ปีงบประมาณ .* ไม่อยู่ในช่วงที่ออกรายงานได้ \(พ\.ศ\. 2560–2571\)/)
      expect(r.message.en).toMatch(/outside the years a report can cover \(2560–2571 BE\)/)
    }
    expect((await evidenceReport(reportDeps(t), ORG, 2560)).kind).toBe('ok')
    expect((await evidenceReport(reportDeps(t), ORG, 2571)).kind).toBe('ok')
  })

  it('a year with nothing in it: empty, every measure listed with zeros, targets not yet judged', async () => {
    const r = await evidenceReport(reportDeps(t), ORG, 2571)
    if (r.kind !== 'ok') throw new Error(r.kind)
    expect(r.report.empty).toBe(true)
    expect(r.report.upTo).toBe('2026-11-22')
    expect(r.report.measures).toHaveLength(5)
    for (const m of r.report.measures) {
      expect(m.broadcasts).toEqual([])
      expect(m.reach).toMatchObject({
        groups: 0,
        people: 0,
        deliveries: 0,
        acknowledgments: 0,
        ackRate: null,
      })
      expect(m.reach.byMonth).toHaveLength(12)
      // The year has not begun: nothing is "not met" yet.
      expect(m.targets.every((x) => x.met === null)).toBe(true)
    }
    // Complaint statistics are still shown: no complaints is itself a finding.
    expect(r.report.measures.find((m) => m.id === 'complaints')?.returned[0]).toMatchObject({
      kind: 'complaint.filed',
      count: { kind: 'count', n: 0 },
    })
  })

  it('a measure whose items are all of the other form: listed as outside the form, no item rows', async () => {
    const flows = t.deps.flows
    const changed = {
      ...flows,
      measures: flows.measures.map((m) => (m.id === 'budget' ? { ...m, items: ['i4'] } : m)),
    }
    const r = await evidenceReport({ ...reportDeps(t), flows: changed }, ORG, 2567)
    if (r.kind !== 'ok') throw new Error(r.kind)
    const budget = r.report.measures.find((m) => m.id === 'budget')
    expect(r.report.form).toBe('2566')
    expect(budget?.items).toEqual([])
    expect(budget?.itemsOutsideForm).toEqual(['i4'])
  })

  it('ranges of years: over ten, backwards, or out of bounds are refused', async () => {
    const d = reportDeps(t)
    const long = await yearsOverview(d, ORG, 2560, 2570)
    expect(long).toEqual({
      kind: 'range_too_long',
      message: {
        th: 'ขอได้ครั้งละไม่เกิน 10 ปีงบประมาณ (ขอมา 11 ปี)',
        en: 'At most 10 fiscal years at a time (asked for 11)',
      },
    })
    expect((await yearsOverview(d, ORG, 2569, 2568)).kind).toBe('invalid_year')
    expect((await yearsOverview(d, ORG, 2559, 2565)).kind).toBe('invalid_year')
    const ten = await yearsOverview(d, ORG, 2561, 2570)
    expect(ten.kind === 'ok' && ten.years.map((y) => y.fiscalYear)).toEqual([
      2561, 2562, 2563, 2564, 2565, 2566, 2567, 2568, 2569, 2570,
    ])
  })

  it('unknown member counts, a score that is not a number, events under no measure', async () => {
    await groups(t, ORG, [[G.g1, null, 'กองคลัง']])
    await appendAs(t, [
      ev('pledge', 'nogift', '2026-01-10T03:00:00Z', U.a, G.g1),
      ev('quiz.completed', 'assets', '2026-01-10T03:00:00Z', U.a, null, { score: 'three', total: 3 }),
      ev('quiz.completed', 'assets', '2026-01-11T03:00:00Z', U.b, null, { score: 1, total: 2 }),
      ev('friend.followed', null, '2026-01-10T03:00:00Z', U.c),
      ev('pledge', 'retired-measure', '2026-01-10T03:00:00Z', U.d, G.g1),
    ])
    const r = await evidenceReport(reportDeps(t), ORG, 2569)
    if (r.kind !== 'ok') throw new Error(r.kind)
    const nogift = r.report.measures.find((m) => m.id === 'nogift')
    // LINE never said how many are in the group: the rate is unknown, not 0% or 100%.
    expect(nogift?.reach).toMatchObject({
      groups: 1,
      acknowledgments: 1,
      ackRate: null,
      membersReached: null,
    })
    expect(nogift?.reach.byUnit).toEqual([
      { unit: 'กองคลัง', groups: 1, delivered: 0, acknowledgments: 1, ackRate: null },
    ])
    const assets = r.report.measures.find((m) => m.id === 'assets')
    // Two quizzes completed; only the scored one (1 of 2) makes the mean.
    expect(assets?.returned.find((x) => x.kind === 'quiz.completed')).toMatchObject({
      count: { kind: 'count', n: 2 },
      detail: { value: '50.0%' },
    })
    const raw = await evidenceReport({ ...reportDeps(t), figures: rawFigures }, ORG, 2569)
    expect(raw).toEqual(r)
  })
})
