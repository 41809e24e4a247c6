import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rawFigures } from '../../src/evidence/raw-repository.js'
import { evidenceReport, itemRows, yearsOverview } from '../../src/evidence/report.js'
import type { EvidenceReport, MeasureReport } from '../../src/evidence/types.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { at, ORG, reportDeps, ScriptedLine, type SeededYear, seedYear } from './report-seed.js'

// Every figure of the FY2569 report against numbers worked out by hand from seed-year.ts.

const month = (r: MeasureReport, ym: string) => r.reach.byMonth.find((m) => m.month === ym)

describe.each(DB_KINDS)('evidence report of a seeded year (%s)', (kind) => {
  let t: TestApp
  let seeded: SeededYear
  let report: EvidenceReport
  const line = new ScriptedLine()
  const measure = (id: string) => {
    const m = report.measures.find((x) => x.id === id)
    if (!m) throw new Error(`no measure ${id}`)
    return m
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { line })
    seeded = await seedYear(t, line)
    const r = await evidenceReport(reportDeps(t), ORG, 2569)
    if (r.kind !== 'ok') throw new Error(r.kind)
    report = r.report
  }, 120_000)
  afterAll(() => t.close())

  it('covers 1 Oct 2568 – 30 Sep 2569 on the FY2568+ form, every measure of flows/ in order', () => {
    expect(report).toMatchObject({
      orgId: ORG,
      fiscalYear: 2569,
      form: '2568',
      from: '2025-10-01',
      to: '2026-09-30',
      upTo: '2026-09-30',
      empty: false,
      timeZone: 'Asia/Bangkok',
    })
    expect(report.generatedAt).toEqual(at('2026-11-22T03:00:00Z'))
    expect(report.measures.map((m) => m.id)).toEqual(['budget', 'assets', 'nogift', 'complaints', 'ethics'])
  })

  it('No Gift: two reminders, reach by unit and month, pledges once per person and broadcast', () => {
    const m = measure('nogift')
    expect(m.items.map((i) => i.code)).toEqual(['o21', 'o22', 'o23', 'o24'])
    expect(m.itemsOutsideForm).toEqual([])
    expect(m.period).toBe('ต.ค. 2568 – ก.ย. 2569')
    expect(m.broadcasts).toEqual([
      {
        broadcastId: seeded.nogiftReminder.id,
        title: 'เตือนก่อนปีใหม่',
        audience: 'ทุกกอง',
        sentAt: [at('2025-12-20T02:00:00Z')],
        recipients: 3,
        delivered: 2,
        failed: 1,
      },
      {
        broadcastId: seeded.songkran.id,
        title: 'เตือนก่อนสงกรานต์',
        audience: 'ผู้ติดตามทั้งหมด',
        sentAt: [at('2026-04-06T02:00:00Z')],
        recipients: 1,
        delivered: 1,
        failed: 0,
      },
    ])
    // G1 and G3 reached (G2 refused the push); people: a, b, c, d (pledges), e (declaration),
    // h (gift report); the group pushes are chats, not people; all followers has no key.
    expect(m.reach).toMatchObject({
      groups: 2,
      people: 6,
      deliveries: 3,
      acknowledgments: 5,
      membersReached: 18,
    })
    // One rate over the places (src/evidence/rates.ts): a, b, c of G1's 10, d of G3's 8, and in
    // 1:1 a of the 3 followers the Songkran broadcast went to: (3 + 1 + 1) ÷ (10 + 8 + 3).
    expect(m.reach.ackRate).toBeCloseTo(5 / 21, 10)
    expect(m.reach.byUnit).toEqual([
      { unit: 'กองการเจ้าหน้าที่', groups: 1, delivered: 1, acknowledgments: 1, ackRate: 1 / 8 },
      { unit: 'กองคลัง', groups: 1, delivered: 1, acknowledgments: 3, ackRate: 3 / 10 },
      { unit: 'แชต 1:1 / 1:1 chats', groups: 0, delivered: 1, acknowledgments: 1, ackRate: 1 / 3 },
    ])
    expect(m.reach.byMonth.map((x) => x.month)).toEqual([
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
    ])
    expect(month(m, '2025-12')).toEqual({
      month: '2025-12',
      delivered: 2,
      newlyReached: 4,
      acknowledgments: 4,
    })
    expect(month(m, '2026-01')).toEqual({
      month: '2026-01',
      delivered: 0,
      newlyReached: 1,
      acknowledgments: 0,
    })
    expect(month(m, '2026-04')).toEqual({
      month: '2026-04',
      delivered: 1,
      newlyReached: 0,
      acknowledgments: 1,
    })
    expect(month(m, '2026-05')).toEqual({
      month: '2026-05',
      delivered: 0,
      newlyReached: 1,
      acknowledgments: 0,
    })
    expect(m.reach.byMonth.reduce((a, x) => a + x.newlyReached, 0)).toBe(m.reach.people)
    expect(m.returned.map((r) => [r.kind, r.count, r.people])).toEqual([
      ['declaration.viewed', { kind: 'count', n: 1 }, 1],
      ['pledge', { kind: 'count', n: 5 }, 4],
      ['gift.reported', { kind: 'count', n: 1 }, null],
    ])
    expect(m.targets.map((x) => [x.metric, x.target, x.actual, x.met])).toEqual([
      ['broadcasts', 4, 2, false],
      ['ack_rate', 60, 23.8, false],
    ])
    expect(m.summary.th).toBe(
      'ส่งข้อความ 2 ครั้ง ถึงกลุ่มไลน์ 2 กลุ่ม เข้าถึงบุคลากร 6 คน กดรับทราบ 5 ครั้ง (ร้อยละ 23.8 ของผู้ที่ได้รับ) ' +
        'เปิดดู 1 ครั้ง รายงานการรับของขวัญ 1 รายการ บรรลุค่าเป้าหมาย 0 จาก 2 ตัวชี้วัด',
    )
    expect(m.summary.en).toBe(
      '2 broadcasts to 2 LINE groups; 6 people reached; 5 acknowledgments (23.8% of those reached); ' +
        'opened 1 time; 1 gift report; 0 of 2 targets met',
    )
  })

  it('budget: one monthly broadcast, two runs to กองคลัง, two questions', () => {
    const m = measure('budget')
    expect(m.items.map((i) => i.code)).toEqual(['i4'])
    expect(m.broadcasts).toEqual([
      {
        broadcastId: seeded.budgetMonthly.id,
        title: 'สรุปงบประมาณรายเดือน',
        audience: 'กองคลัง',
        sentAt: [at('2025-10-01T02:00:00Z'), at('2025-11-01T02:00:00Z')],
        recipients: 4,
        delivered: 4,
        failed: 0,
      },
    ])
    expect(m.reach).toMatchObject({ groups: 2, people: 0, deliveries: 4, acknowledgments: 0, ackRate: 0 })
    expect(m.reach.byUnit).toEqual([
      { unit: 'กองคลัง', groups: 2, delivered: 4, acknowledgments: 0, ackRate: 0 },
    ])
    expect(month(m, '2025-10')?.delivered).toBe(2)
    expect(month(m, '2025-11')?.delivered).toBe(2)
    expect(m.returned).toEqual([
      {
        kind: 'question.asked',
        label: { th: 'สอบถามหรือทักท้วง', en: 'Questions and objections' },
        count: { kind: 'count', n: 2 },
        people: null,
        detail: null,
      },
    ])
    expect(m.targets.map((x) => [x.metric, x.actual, x.met])).toEqual([
      ['broadcasts', 2, false],
      ['people_reached', 0, false],
      ['questions', 2, true],
    ])
    expect(m.summary.th).toBe(
      'ส่งข้อความ 2 ครั้ง ถึงกลุ่มไลน์ 2 กลุ่ม สอบถามหรือทักท้วง 2 เรื่อง บรรลุค่าเป้าหมาย 1 จาก 3 ตัวชี้วัด',
    )
  })

  it('assets: views and quizzes, the mean score, and the first minute of the year counted', () => {
    const m = measure('assets')
    // a and y in October (y at 00:00 on 1 Oct Bangkok), b in November, f in February, g in March.
    expect(m.reach).toMatchObject({ groups: 1, people: 5, deliveries: 0, acknowledgments: 0, ackRate: null })
    expect(m.reach.byMonth.filter((x) => x.newlyReached > 0).map((x) => [x.month, x.newlyReached])).toEqual([
      ['2025-10', 2],
      ['2025-11', 1],
      ['2026-02', 1],
      ['2026-03', 1],
    ])
    expect(m.returned.map((r) => [r.kind, r.count, r.people, r.detail?.value ?? null])).toEqual([
      ['guide.viewed', { kind: 'count', n: 3 }, 3, null],
      ['quiz.completed', { kind: 'count', n: 3 }, 3, '66.7%'],
    ])
    // (3 + 2 + 1) of 9 points.
    expect(m.targets.map((x) => [x.metric, x.actual])).toEqual([
      ['views', 3],
      ['quiz_answers', 3],
      ['quiz_mean_score', 66.7],
    ])
  })

  it('complaints: O29 figures with cells under 5 hidden, another agency not counted', () => {
    const m = measure('complaints')
    expect(m.returned.map((r) => [r.kind, r.count])).toEqual([
      ['complaint.filed', { kind: 'count', n: 7 }],
      // 6 by LINE beside 1 on the web: the 1 shows as "<5", and 6 is withheld or 7 − 6 gives it away.
      ['complaint.channel.line', { kind: 'withheld' }],
      ['complaint.channel.web', { kind: 'small' }],
      ['complaint.outcome.open', { kind: 'count', n: 7 }],
      ['complaint.outcome.substantiated', { kind: 'count', n: 0 }],
      ['complaint.outcome.unsubstantiated', { kind: 'count', n: 0 }],
      ['complaint.outcome.referred', { kind: 'count', n: 0 }],
    ])
    expect(m.summary.th).toBe('รับเรื่องร้องเรียน 7 เรื่อง บรรลุค่าเป้าหมาย 0 จาก 2 ตัวชี้วัด')
  })

  it('ethics names no item of the FY2568+ form: a warning, its own months, nothing recorded', () => {
    const m = measure('ethics')
    expect(m.items).toEqual([])
    expect(m.itemsOutsideForm).toEqual(['I27', 'O39', 'O40', 'O41'])
    expect(m.period).toBe('ต.ค. 2568 – มิ.ย. 2569')
    expect(m.summary).toEqual({ th: 'ยังไม่มีการดำเนินการที่บันทึกไว้ในปีนี้', en: 'Nothing recorded this year yet' })
    expect(m.targets.map((x) => [x.metric, x.actual, x.met])).toEqual([
      ['views', 0, false],
      ['quiz_answers', 0, false],
      ['quiz_mean_score', null, false],
    ])
  })

  it('per ITA item: the items of the year answered, in the order of the form', () => {
    const rows = itemRows(report)
    expect(rows.map((r) => [r.item.code, r.measures.map((m) => m.id)])).toEqual([
      ['i4', ['budget']],
      ['i10', ['assets']],
      ['i11', ['assets']],
      ['i12', ['assets']],
      ['i15', ['complaints']],
      ['o21', ['nogift']],
      ['o22', ['nogift']],
      ['o23', ['nogift']],
      ['o24', ['nogift']],
    ])
    expect(rows[0]?.item.text.th).toBe('หน่วยงานของท่าน ใช้จ่ายงบประมาณเป็นไปตามวัตถุประสงค์')
    expect(rows[0]?.measures[0]?.summary).toEqual(measure('budget').summary)
  })

  it('FY2568 holds only the view of 23:59:59 on 30 September; FY2567 is empty; years side by side', async () => {
    const r68 = await evidenceReport(reportDeps(t), ORG, 2568)
    if (r68.kind !== 'ok') throw new Error(r68.kind)
    expect(r68.report.form).toBe('2568')
    const assets = r68.report.measures.find((m) => m.id === 'assets')
    expect(assets?.reach.people).toBe(1)
    expect(assets?.reach.byMonth.at(-1)).toEqual({
      month: '2025-09',
      delivered: 0,
      newlyReached: 1,
      acknowledgments: 0,
    })
    expect(r68.report.empty).toBe(false)
    const r67 = await evidenceReport(reportDeps(t), ORG, 2567)
    if (r67.kind !== 'ok') throw new Error(r67.kind)
    expect(r67.report.empty).toBe(true)
    expect(r67.report.form).toBe('2566')
    expect(r67.report.measures.find((m) => m.id === 'ethics')?.items.map((i) => i.code)).toEqual([
      'I27',
      'O39',
      'O40',
      'O41',
    ])

    const years = await yearsOverview(reportDeps(t), ORG, 2568, 2569)
    expect(years).toEqual({
      kind: 'ok',
      years: [
        {
          fiscalYear: 2568,
          measures: [
            { id: 'budget', deliveries: 0, people: 0, acknowledgments: 0 },
            { id: 'assets', deliveries: 0, people: 1, acknowledgments: 0 },
            { id: 'nogift', deliveries: 0, people: 0, acknowledgments: 0 },
            { id: 'complaints', deliveries: 0, people: 0, acknowledgments: 0 },
            { id: 'ethics', deliveries: 0, people: 0, acknowledgments: 0 },
          ],
        },
        {
          fiscalYear: 2569,
          measures: [
            { id: 'budget', deliveries: 4, people: 0, acknowledgments: 0 },
            { id: 'assets', deliveries: 0, people: 5, acknowledgments: 0 },
            { id: 'nogift', deliveries: 3, people: 6, acknowledgments: 5 },
            { id: 'complaints', deliveries: 0, people: 0, acknowledgments: 0 },
            { id: 'ethics', deliveries: 0, people: 0, acknowledgments: 0 },
          ],
        },
      ],
    })
  })

  it('the rollups give exactly what the raw log gives', async () => {
    const raw = await evidenceReport({ ...reportDeps(t), figures: rawFigures }, ORG, 2569)
    expect(raw).toEqual({ kind: 'ok', report })
    const rawYears = await yearsOverview({ ...reportDeps(t), figures: rawFigures }, ORG, 2568, 2569)
    expect(rawYears).toEqual(await yearsOverview(reportDeps(t), ORG, 2568, 2569))
  })
})
