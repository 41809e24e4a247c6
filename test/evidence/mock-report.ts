import type { ReportDeps, YearsOverview } from '../../src/evidence/report.js'
import type { EvidenceReport, ItemRow, ReportRequest } from '../../src/evidence/types.js'
import { emptyFixture, fixtureReport } from './fixture.js'

// Stands in for report.ts in the console tests (vi.mock), so that they check the routes —
// scoping, roles, audit, headers, refusals — on their own. Years: 2569 has figures, 2567 is
// empty, anything outside 2560–2570 is refused as the service would.

export const calls: { orgId: string; fy: number }[] = []

export async function evidenceReport(_deps: ReportDeps, orgId: string, fy: number): Promise<ReportRequest> {
  calls.push({ orgId, fy })
  if (fy < 2560 || fy > 2570) {
    return {
      kind: 'invalid_year',
      message: { th: `ไม่มีปีงบประมาณ ${fy} ในระบบ`, en: `No fiscal year ${fy} here` },
    }
  }
  if (fy === 2567) return { kind: 'ok', report: { ...emptyFixture(2567), orgId } }
  const base = fixtureReport({ orgId, fiscalYear: fy })
  if (orgId === 'default') return { kind: 'ok', report: base }
  const north: EvidenceReport = {
    ...base,
    orgName: 'สำนักงานภาคเหนือ',
    measures: base.measures.map((m) => ({ ...m, summary: { th: `ภาคเหนือ ${m.id}`, en: `north ${m.id}` } })),
  }
  return { kind: 'ok', report: north }
}

export function itemRows(report: EvidenceReport): ItemRow[] {
  const codes = [...new Set(report.measures.flatMap((m) => m.items.map((i) => i.code)))]
  return codes.map((code) => {
    const ms = report.measures.filter((m) => m.items.some((i) => i.code === code))
    const item = ms[0]?.items.find((i) => i.code === code) ?? { code, text: { th: code, en: code } }
    return { item, measures: ms.map((m) => ({ id: m.id, name: m.name, summary: m.summary })) }
  })
}

export async function yearsOverview(
  _d: ReportDeps,
  _o: string,
  from: number,
  to: number,
): Promise<YearsOverview> {
  if (to - from + 1 > 10) {
    return {
      kind: 'range_too_long',
      message: { th: 'ช่วงปีงบประมาณยาวเกิน 10 ปี', en: 'The range is longer than ten fiscal years' },
    }
  }
  const years = []
  for (let fy = from; fy <= to; fy++) {
    years.push({
      fiscalYear: fy,
      measures: [{ id: 'nogift', deliveries: fy - 2500, people: 100 + fy - 2560, acknowledgments: 50 }],
    })
  }
  return { kind: 'ok', years }
}
