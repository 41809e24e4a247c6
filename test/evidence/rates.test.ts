import readXlsxFile from 'read-excel-file/universal'
import { describe, expect, it } from 'vitest'
import { consoleWords } from '../../src/console/i18n.js'
import type { View } from '../../src/console/layout.js'
import { reportCsv } from '../../src/evidence/export-csv.js'
import { detailRows, resultRows } from '../../src/evidence/export-rows.js'
import { reportXlsx } from '../../src/evidence/export-xlsx.js'
import type { YearFigures } from '../../src/evidence/gather.js'
import { buildMeasure } from '../../src/evidence/measure-report.js'
import { noGiftRows } from '../../src/evidence/nogift-csv.js'
import { NoGiftPage } from '../../src/evidence/nogift-page.js'
import { PrintPage } from '../../src/evidence/print-page.js'
import { ackRate, percent, quizScore } from '../../src/evidence/rates.js'
import { DIRECT_CHATS } from '../../src/evidence/reach.js'
import type { EvidenceReport } from '../../src/evidence/types.js'
import { shippedFlows } from '../helpers/flows.js'

describe('rates: one definition', () => {
  it('acknowledged ÷ reached over the places given, each capped at its reach, unknown reach left out', () => {
    expect(ackRate([{ acked: 2, reached: 3 }])).toBeCloseTo(2 / 3, 12)
    expect(
      ackRate([
        { acked: 2, reached: 3 },
        { acked: 1, reached: 1 },
      ]),
    ).toBe(0.75)
    // A stale member count (5 acknowledged in a group LINE counted at 4) is that group's 100 %.
    expect(
      ackRate([
        { acked: 5, reached: 4 },
        { acked: 0, reached: 4 },
      ]),
    ).toBe(0.5)
    expect(
      ackRate([
        { acked: 3, reached: null },
        { acked: 1, reached: 2 },
      ]),
    ).toBe(0.5)
    expect(ackRate([{ acked: 3, reached: 0 }])).toBeNull()
    expect(ackRate([])).toBeNull()
  })

  it('a percentage has one decimal everywhere; a quiz score is points over points available', () => {
    expect(percent(2 / 3)).toBe(66.7)
    expect(percent(null)).toBeNull()
    expect(percent(quizScore(6, 9))).toBe(66.7)
    expect(quizScore(0, 0)).toBeNull()
  })
})

// The No Gift year of the report that once showed two rates on one page: one group of three
// (กองคลัง) got the reminder and two of its members pledged; one more person pledged in 1:1
// from the policy card before any broadcast. The unit table said 66.7 %, the outcome "100 … บรรลุ".
const G = 'group-key'
const figures: YearFigures = {
  kinds: [
    { measure: 'nogift', kind: 'message.sent', events: 1, score_sum: '0', score_total: '0' },
    { measure: 'nogift', kind: 'pledge', events: 3, score_sum: '0', score_total: '0' },
  ],
  months: [
    { measure: 'nogift', kind: 'message.sent', month: '2025-12', events: 1 },
    { measure: 'nogift', kind: 'pledge', month: '2025-12', events: 3 },
  ],
  places: [
    { measure: 'nogift', kind: 'message.sent', place_key: G, events: 1 },
    { measure: 'nogift', kind: 'pledge', place_key: G, events: 2 },
  ],
  people: [{ measure: 'nogift', people: 3 }],
  newly: [{ measure: 'nogift', month: '2025-12', people: 3 }],
  kindPeople: [{ measure: 'nogift', kind: 'pledge', people: 3 }],
  placePeople: [{ measure: 'nogift', kind: 'pledge', place_key: G, people: 2 }],
  direct: [{ measure: 'nogift', people: 1, acked: 1 }],
  groups: new Map([[G, { members: 3, labels: ['กองคลัง'] }]]),
  broadcasts: new Map([
    [
      'nogift',
      [
        {
          broadcastId: 'b1',
          title: 'เตือนก่อนปีใหม่',
          audience: 'กองคลัง',
          sentAt: [new Date('2025-12-20T02:00:00Z')],
          recipients: 1,
          delivered: 1,
          failed: 0,
        },
      ],
    ],
  ]),
  toAllFollowers: new Set(),
  followers: 0,
  complaints: null,
}

const flows = shippedFlows()
const def = flows.measures.find((m) => m.id === 'nogift')
if (!def) throw new Error('flows has no nogift measure')
const measure = buildMeasure(def, figures, {
  fy: 2569,
  form: '2568',
  catalogue: flows.itaItems,
  complaintsMeasure: 'complaints',
  yearOver: true,
})
const report: EvidenceReport = {
  orgId: 'default',
  orgName: 'กรมตัวอย่าง',
  fiscalYear: 2569,
  form: '2568',
  from: '2025-10-01',
  to: '2026-09-30',
  upTo: '2026-09-30',
  generatedAt: new Date('2026-10-01T03:00:00Z'),
  timeZone: 'Asia/Bangkok',
  measures: [measure],
  empty: false,
}
const view: View = {
  t: consoleWords('th'),
  lang: 'th',
  nonce: 'n',
  csrf: 'c',
  admin: null,
  orgName: 'กรมตัวอย่าง',
  path: '/admin/evidence/2569/nogift',
  date: (d) => d.toISOString(),
}
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

describe('the No Gift acknowledgment rate is one number on every page and file', () => {
  it('the units add up to the measure: 2 of 3 in the group, 1 of 1 in 1:1, 3 of 4 in all', () => {
    expect(measure.reach.byUnit.map((u) => [u.unit, u.ackRate])).toEqual([
      ['กองคลัง', 2 / 3],
      [DIRECT_CHATS, 1],
    ])
    expect(measure.reach.ackRate).toBe(0.75)
    const target = measure.targets.find((x) => x.metric === 'ack_rate')
    expect(target).toMatchObject({ actual: 75, met: true })
    expect(measure.summary.th).toContain('ร้อยละ 75.0')
  })

  it('page, print page, CSV and XLSX all state 75', async () => {
    const gifts = { total: 0, byBand: [], byHandling: [], byGiver: [], bandByHandling: [] }
    const page = String(
      NoGiftPage({
        v: view,
        ctx: { lang: 'th', tz: 'Asia/Bangkok' },
        r: { report, measure, declaration: null, gifts },
      }),
    )
    const print = String(PrintPage({ report, lang: 'th', nonce: 'n', tz: 'Asia/Bangkok', backHref: '/' }))
    for (const html of [page, print]) {
      expect(text(html)).toMatch(/รวมทุกหน่วยงาน 1 1 3 75\.0%/)
      expect(html).toMatch(/<td class="rate">66\.7%<\/td>/)
      expect(text(html)).not.toMatch(/ร้อยละ 100|ผล 100/)
    }
    // The outcome line beside the unit table: the same 75.
    expect(text(page)).toMatch(/เป้าหมาย 60 · ผล 75 — บรรลุ/)
    expect(print).toMatch(/<b class="ack-rate">75\.0%<\/b>/)

    const csv = noGiftRows({ report, measure, declaration: null, gifts }, 'th', 'Asia/Bangkok')
    expect(csv).toContainEqual(['2569', 'pledge.unit.rate', 'รวมทุกหน่วยงาน', '75.0%'])
    expect(csv.filter((r) => r[1] === 'target' && r[2]?.startsWith('ร้อยละ'))).toEqual([
      ['2569', 'target', expect.any(String), '75 / 60'],
    ])

    const detail = detailRows(report, 'th')
    const rates = detail.filter((r) => r.length === 6 && typeof r[5] === 'number').map((r) => [r[1], r[5]])
    expect(rates).toEqual([
      [1, 75], // the reach row: groups, people, deliveries, acknowledgments, rate
      ['กองคลัง', 66.7],
      [DIRECT_CHATS, 100],
      ['รวมทุกหน่วยงาน', 75],
    ])
    expect(resultRows(report, 'th').flat().join('\n')).toMatch(/: 60 \/ 75 \(บรรลุ\)/)
    expect(reportCsv(report, 'th')).toContain('รวมทุกหน่วยงาน,1,1,3,75')
    const bytes = await reportXlsx(report)
    const sheets = await readXlsxFile(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    )
    const total = sheets[1]?.data.find((r) => r[1] === 'รวมทุกหน่วยงาน')
    expect(total?.[5]).toBe(75)
  })
})
