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
import { defineMessages, type KeyOf } from '../core/messages.js'

const exportWords = defineMessages({
  measure: ['มาตรการ', 'Measure'],
  activities: ['กิจกรรม', 'Activities'],
  results: ['ผลการดำเนินงาน', 'Results'],
  unit: ['หน่วยงานรับผิดชอบ', 'Responsible unit'],
  period: ['ระยะเวลา', 'Period'],
  outcome: ['ผลลัพธ์ (เป้าหมาย / ผล)', 'Outcome (target / actual)'],
  items: ['ข้อคำถาม ITA', 'ITA items'],
  outside: ['ข้อคำถามที่ไม่มีในแบบประเมินของปีนี้', "Items not in this year's form"],
  broadcasts: ['การส่งข้อความ', 'Broadcasts'],
  broadcastHead: [
    'เรื่อง|ผู้รับ|วันที่ส่ง|ผู้รับ (แชต)|ส่งสำเร็จ|ส่งไม่สำเร็จ',
    'Title|Audience|Sent on|Recipients (chats)|Delivered|Failed',
  ],
  reach: ['การเข้าถึง', 'Reach'],
  reachHead: [
    'กลุ่มไลน์|บุคลากร (คน)|การส่งถึงแชต|การกดรับทราบ|ร้อยละผู้กดรับทราบ',
    'Groups|People|Deliveries|Acknowledgments|Acknowledgment rate (%)',
  ],
  units: ['ตามหน่วยงาน', 'By unit'],
  unitsTotal: ['รวมทุกหน่วยงาน', 'All units'],
  unitHead: [
    'หน่วยงาน|กลุ่มไลน์|การส่งถึงแชต|การกดรับทราบ|ร้อยละผู้กดรับทราบ',
    'Unit|Groups|Deliveries|Acknowledgments|Acknowledgment rate (%)',
  ],
  months: ['รายเดือน', 'By month'],
  monthHead: ['เดือน|การส่งถึงแชต|เข้าถึงใหม่ (คน)|การกดรับทราบ', 'Month|Deliveries|Newly reached|Acknowledgments'],
  returned: ['สิ่งที่ได้รับกลับมา', 'What came back'],
  returnedHead: ['รายการ|จำนวน|คน|รายละเอียด', 'Item|Count|People|Detail'],
  targets: ['ค่าเป้าหมาย', 'Targets'],
  targetHead: ['ตัวชี้วัด|เป้าหมาย|ผล|บรรลุ', 'Metric|Target|Actual|Met'],
  met: ['บรรลุ', 'met'],
  notMet: ['ไม่บรรลุ', 'not met'],
  notYet: ['ยังไม่บรรลุ', 'not yet'],
  unknown: ['ไม่ทราบ', 'unknown'],
  fy: ['ปีงบประมาณ', 'Fiscal year'],
  upTo: ['ข้อมูล ณ วันที่', 'Figures as of'],
  empty: ['ยังไม่มีข้อมูลการดำเนินงานในปีงบประมาณนี้', 'Nothing recorded for this fiscal year'],
})

const pick = (x: Text, lang: Lang) => (lang === 'th' ? x.th : x.en || x.th)
/** A header row written as one message, its cells parted by "|". */
const head = (k: KeyOf<typeof exportWords>, lang: Lang): ExportRow => ['', ...exportWords(lang)(k).split('|')]
const rate = (r: number | null, lang: Lang): ExportCell => percent(r) ?? exportWords(lang)('unknown')

const metText = (x: TargetResult, lang: Lang) =>
  exportWords(lang)(x.met === true ? 'met' : x.met === false ? 'notMet' : 'notYet')

export function outcomeText(m: MeasureReport, lang: Lang): string {
  const t = exportWords(lang)
  return m.targets
    .map((x) => `${pick(x.label, lang)}: ${x.target} / ${x.actual ?? t('unknown')} (${metText(x, lang)})`)
    .join('\n')
}

/** The results table: one row per measure, in the agencies' column order. */
export function resultRows(r: EvidenceReport, lang: Lang): ExportRow[] {
  const t = exportWords(lang)
  const rows: ExportRow[] = [
    [`${t('fy')} ${r.fiscalYear}`, r.orgName, `${t('upTo')} ${formatDay(r.upTo, lang)}`],
    (['measure', 'activities', 'results', 'unit', 'period', 'outcome'] as const).map((k) => t(k)),
  ]
  for (const m of r.measures) {
    const activities = m.activities.map((a, i) => `${i + 1}. ${pick(a, lang)}`).join('\n')
    rows.push([pick(m.name, lang), activities, pick(m.summary, lang), m.unit, m.period, outcomeText(m, lang)])
  }
  if (r.empty) rows.push([t('empty')])
  return rows
}

function measureDetail(m: MeasureReport, lang: Lang, tz: string): ExportRow[] {
  const t = exportWords(lang)
  const rows: ExportRow[] = [[pick(m.name, lang)]]
  rows.push([t('items'), m.items.map((i) => `${i.code} ${pick(i.text, lang)}`).join('\n')])
  if (m.itemsOutsideForm.length > 0) rows.push([t('outside'), m.itemsOutsideForm.join(', ')])
  rows.push([t('broadcasts')], head('broadcastHead', lang))
  for (const b of m.broadcasts) {
    const days = b.sentAt.map((d) => formatDay(localDay(d, tz), lang)).join(', ')
    rows.push(['', b.title, b.audience, days, b.recipients, b.delivered, b.failed])
  }
  const x = m.reach
  rows.push([t('reach')], head('reachHead', lang))
  rows.push(['', x.groups, x.people, x.deliveries, x.acknowledgments, rate(x.ackRate, lang)])
  rows.push([t('units')], head('unitHead', lang))
  for (const u of x.byUnit)
    rows.push(['', u.unit, u.groups, u.delivered, u.acknowledgments, rate(u.ackRate, lang)])
  if (x.byUnit.length > 0)
    rows.push(['', t('unitsTotal'), x.groups, x.deliveries, x.acknowledgments, rate(x.ackRate, lang)])
  rows.push([t('months')], head('monthHead', lang))
  for (const mo of x.byMonth)
    rows.push(['', formatMonth(mo.month, lang), mo.delivered, mo.newlyReached, mo.acknowledgments])
  rows.push([t('returned')], head('returnedHead', lang))
  for (const ret of m.returned) {
    const count = ret.count.kind === 'count' ? ret.count.n : cellText(ret.count)
    const detail = ret.detail ? `${pick(ret.detail.label, lang)} ${ret.detail.value}` : ''
    rows.push(['', pick(ret.label, lang), count, ret.people ?? '', detail])
  }
  rows.push([t('targets')], head('targetHead', lang))
  for (const g of m.targets)
    rows.push(['', pick(g.label, lang), g.target, g.actual ?? t('unknown'), metText(g, lang)])
  return rows
}

/** The figures behind every measure, section by section. */
export function detailRows(r: EvidenceReport, lang: Lang): ExportRow[] {
  return r.measures.flatMap((m) => [...measureDetail(m, lang, r.timeZone), []])
}
