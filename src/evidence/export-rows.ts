import { cellText } from '../complaints/suppression.js'
import { formatDay, formatMonth, localDay } from '../core/time/index.js'
import { percent } from './rates.js'
import type { EvidenceReport, MeasureReport, TargetResult, Text } from './types.js'

// The report as rows of cells, shared by the CSV and the XLSX: first the agencies' results
// table (มาตรการ / กิจกรรม / ผลการดำเนินงาน / หน่วยงานรับผิดชอบ / ระยะเวลา / ผลลัพธ์), then the
// figures behind each measure. Numbers stay numbers, so a spreadsheet can add them up.

export type ExportCell = string | number
export type ExportRow = ExportCell[]

import type { Lang } from '../core/lang.js'

const W: Record<string, Text> = {
  measure: { th: 'มาตรการ', en: 'Measure' },
  activities: { th: 'กิจกรรม', en: 'Activities' },
  results: { th: 'ผลการดำเนินงาน', en: 'Results' },
  unit: { th: 'หน่วยงานรับผิดชอบ', en: 'Responsible unit' },
  period: { th: 'ระยะเวลา', en: 'Period' },
  outcome: { th: 'ผลลัพธ์ (เป้าหมาย / ผล)', en: 'Outcome (target / actual)' },
  items: { th: 'ข้อคำถาม ITA', en: 'ITA items' },
  outside: { th: 'ข้อคำถามที่ไม่มีในแบบประเมินของปีนี้', en: "Items not in this year's form" },
  broadcasts: { th: 'การส่งข้อความ', en: 'Broadcasts' },
  broadcastHead: {
    th: 'เรื่อง|ผู้รับ|วันที่ส่ง|ผู้รับ (แชต)|ส่งสำเร็จ|ส่งไม่สำเร็จ',
    en: 'Title|Audience|Sent on|Recipients (chats)|Delivered|Failed',
  },
  reach: { th: 'การเข้าถึง', en: 'Reach' },
  reachHead: {
    th: 'กลุ่มไลน์|บุคลากร (คน)|การส่งถึงแชต|การกดรับทราบ|ร้อยละผู้กดรับทราบ',
    en: 'Groups|People|Deliveries|Acknowledgments|Acknowledgment rate (%)',
  },
  units: { th: 'ตามหน่วยงาน', en: 'By unit' },
  unitsTotal: { th: 'รวมทุกหน่วยงาน', en: 'All units' },
  unitHead: {
    th: 'หน่วยงาน|กลุ่มไลน์|การส่งถึงแชต|การกดรับทราบ|ร้อยละผู้กดรับทราบ',
    en: 'Unit|Groups|Deliveries|Acknowledgments|Acknowledgment rate (%)',
  },
  months: { th: 'รายเดือน', en: 'By month' },
  monthHead: {
    th: 'เดือน|การส่งถึงแชต|เข้าถึงใหม่ (คน)|การกดรับทราบ',
    en: 'Month|Deliveries|Newly reached|Acknowledgments',
  },
  returned: { th: 'สิ่งที่ได้รับกลับมา', en: 'What came back' },
  returnedHead: { th: 'รายการ|จำนวน|คน|รายละเอียด', en: 'Item|Count|People|Detail' },
  targets: { th: 'ค่าเป้าหมาย', en: 'Targets' },
  targetHead: { th: 'ตัวชี้วัด|เป้าหมาย|ผล|บรรลุ', en: 'Metric|Target|Actual|Met' },
  met: { th: 'บรรลุ', en: 'met' },
  notMet: { th: 'ไม่บรรลุ', en: 'not met' },
  notYet: { th: 'ยังไม่บรรลุ', en: 'not yet' },
  unknown: { th: 'ไม่ทราบ', en: 'unknown' },
  fy: { th: 'ปีงบประมาณ', en: 'Fiscal year' },
  upTo: { th: 'ข้อมูล ณ วันที่', en: 'Figures as of' },
  empty: { th: 'ยังไม่มีข้อมูลการดำเนินงานในปีงบประมาณนี้', en: 'Nothing recorded for this fiscal year' },
}

const t = (k: keyof typeof W, lang: Lang) => W[k]?.[lang] ?? ''
const pick = (x: Text, lang: Lang) => (lang === 'th' ? x.th : x.en || x.th)
const head = (k: keyof typeof W, lang: Lang): ExportRow => ['', ...t(k, lang).split('|')]
const rate = (r: number | null, lang: Lang): ExportCell => percent(r) ?? t('unknown', lang)

const metText = (x: TargetResult, lang: Lang) =>
  t(x.met === true ? 'met' : x.met === false ? 'notMet' : 'notYet', lang)

export function outcomeText(m: MeasureReport, lang: Lang): string {
  return m.targets
    .map(
      (x) => `${pick(x.label, lang)}: ${x.target} / ${x.actual ?? t('unknown', lang)} (${metText(x, lang)})`,
    )
    .join('\n')
}

/** The results table: one row per measure, in the agencies' column order. */
export function resultRows(r: EvidenceReport, lang: Lang): ExportRow[] {
  const rows: ExportRow[] = [
    [`${t('fy', lang)} ${r.fiscalYear}`, r.orgName, `${t('upTo', lang)} ${formatDay(r.upTo, lang)}`],
    (['measure', 'activities', 'results', 'unit', 'period', 'outcome'] as const).map((k) => t(k, lang)),
  ]
  for (const m of r.measures) {
    const activities = m.activities.map((a, i) => `${i + 1}. ${pick(a, lang)}`).join('\n')
    rows.push([pick(m.name, lang), activities, pick(m.summary, lang), m.unit, m.period, outcomeText(m, lang)])
  }
  if (r.empty) rows.push([t('empty', lang)])
  return rows
}

function measureDetail(m: MeasureReport, lang: Lang, tz: string): ExportRow[] {
  const rows: ExportRow[] = [[pick(m.name, lang)]]
  rows.push([t('items', lang), m.items.map((i) => `${i.code} ${pick(i.text, lang)}`).join('\n')])
  if (m.itemsOutsideForm.length > 0) rows.push([t('outside', lang), m.itemsOutsideForm.join(', ')])
  rows.push([t('broadcasts', lang)], head('broadcastHead', lang))
  for (const b of m.broadcasts) {
    const days = b.sentAt.map((d) => formatDay(localDay(d, tz), lang)).join(', ')
    rows.push(['', b.title, b.audience, days, b.recipients, b.delivered, b.failed])
  }
  const x = m.reach
  rows.push([t('reach', lang)], head('reachHead', lang))
  rows.push(['', x.groups, x.people, x.deliveries, x.acknowledgments, rate(x.ackRate, lang)])
  rows.push([t('units', lang)], head('unitHead', lang))
  for (const u of x.byUnit)
    rows.push(['', u.unit, u.groups, u.delivered, u.acknowledgments, rate(u.ackRate, lang)])
  if (x.byUnit.length > 0)
    rows.push(['', t('unitsTotal', lang), x.groups, x.deliveries, x.acknowledgments, rate(x.ackRate, lang)])
  rows.push([t('months', lang)], head('monthHead', lang))
  for (const mo of x.byMonth)
    rows.push(['', formatMonth(mo.month, lang), mo.delivered, mo.newlyReached, mo.acknowledgments])
  rows.push([t('returned', lang)], head('returnedHead', lang))
  for (const ret of m.returned) {
    const count = ret.count.kind === 'count' ? ret.count.n : cellText(ret.count)
    const detail = ret.detail ? `${pick(ret.detail.label, lang)} ${ret.detail.value}` : ''
    rows.push(['', pick(ret.label, lang), count, ret.people ?? '', detail])
  }
  rows.push([t('targets', lang)], head('targetHead', lang))
  for (const g of m.targets)
    rows.push(['', pick(g.label, lang), g.target, g.actual ?? t('unknown', lang), metText(g, lang)])
  return rows
}

/** The figures behind every measure, section by section. */
export function detailRows(r: EvidenceReport, lang: Lang): ExportRow[] {
  return r.measures.flatMap((m) => [...measureDetail(m, lang, r.timeZone), []])
}
