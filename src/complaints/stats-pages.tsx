import { Layout, type View } from '../console/layout.js'
import { defineMessages, type KeyOf } from '../core/messages.js'
import { formatMonth } from '../core/time/index.js'
import type { CategoryLabels } from './labels.js'
import type { Breakdown, ComplaintStats, Timing } from './stats.js'
import { cellText } from './suppression.js'

// /admin/complaints/stats: what the agency publishes for OIT O29, small cells protected.

export const statsWords = defineMessages({
  title: ['สถิติเรื่องร้องเรียน (OIT O29)', 'Complaint statistics (OIT O29)'],
  fy: ['ปีงบประมาณ', 'Fiscal year'],
  show: ['แสดง', 'Show'],
  csv: ['ดาวน์โหลด CSV', 'Download CSV'],
  total: ['รวมทั้งปี', 'Year total'],
  count: ['จำนวนเรื่อง', 'Cases'],
  byMonth: ['จำแนกตามเดือนที่รับเรื่อง', 'By month received'],
  byCategory: ['จำแนกตามประเภท', 'By category'],
  byChannel: ['จำแนกตามช่องทาง', 'By channel'],
  byOutcome: ['จำแนกตามผลการดำเนินการ', 'By outcome'],
  open: ['อยู่ระหว่างดำเนินการ', 'In progress'],
  substantiated: ['มีมูล', 'Substantiated'],
  unsubstantiated: ['ไม่มีมูล', 'Unsubstantiated'],
  referred: ['ส่งต่อหน่วยงานที่เกี่ยวข้อง', 'Referred'],
  line: ['LINE', 'LINE'],
  web: ['แบบฟอร์มเว็บ', 'Web form'],
  timing: ['ระยะเวลาดำเนินการ (วัน นับจากวันรับเรื่อง)', 'Time taken (days from receipt)'],
  ack: ['ตอบรับเรื่อง', 'To acknowledge'],
  close: ['ปิดเรื่อง', 'To close'],
  median: ['มัธยฐาน', 'Median'],
  average: ['ค่าเฉลี่ย', 'Average'],
  fewer: ['น้อยกว่า 5 เรื่อง ไม่แสดง', 'fewer than 5 cases: not shown'],
  years: ['จำนวนเรื่องรายปีงบประมาณ', 'Cases by fiscal year'],
  yearsTotal: ['รวม 5 ปี', '5-year total'],
  legend: [
    '"<5" = 1–4 เรื่อง · "*" = ปกปิดเพิ่ม (5 เรื่องขึ้นไป) เพื่อไม่ให้คำนวณช่องที่น้อยกว่า 5 ย้อนกลับได้ · "—" = มีเรื่องน้อยเกินกว่าจะแจกแจง · ยอดรวมที่เป็นช่วง = ปรับให้หยาบเพื่อไม่ให้คำนวณช่องที่ปกปิดได้',
    '"<5" = 1–4 cases · "*" = also withheld (5 or more) so that a cell under 5 cannot be worked out · "—" = too few cases to break down · a total shown as a range is coarsened so that it does not reveal a hidden cell',
  ],
})
type Key = KeyOf<typeof statsWords>

/** The label of a breakdown row, by table. */
export function rowLabel(
  v: Pick<View, 'lang'>,
  table: string,
  key: string,
  categories: CategoryLabels,
): string {
  if (table === 'month') return formatMonth(key, v.lang)
  if (table === 'category') return categories.label(key)
  return statsWords.has(key) ? statsWords(v.lang)(key) : key
}

function Table(props: { v: View; id: string; title: Key; b: Breakdown; categories: CategoryLabels }) {
  const t = statsWords(props.v.lang)
  return (
    <section>
      <h2>{t(props.title)}</h2>
      <table id={props.id}>
        <tbody>
          {props.b.rows.map((r) => (
            <tr data-key={r.key}>
              <td>{rowLabel(props.v, props.id, r.key, props.categories)}</td>
              <td class="n">{cellText(r.cell)}</td>
            </tr>
          ))}
          <tr class="total">
            <th>{t('total')}</th>
            <th class="n">{props.b.total}</th>
          </tr>
        </tbody>
      </table>
    </section>
  )
}

const days = (v: View, n: number | null) => (n === null ? statsWords(v.lang)('fewer') : String(n))

function Times(props: { v: View; ack: Timing; close: Timing }) {
  const t = statsWords(props.v.lang)
  return (
    <section>
      <h2>{t('timing')}</h2>
      <table id="timing">
        <thead>
          <tr>
            <th />
            <th>{t('median')}</th>
            <th>{t('average')}</th>
          </tr>
        </thead>
        <tbody>
          {(['ack', 'close'] as const).map((k) => (
            <tr data-key={k}>
              <td>{t(k)}</td>
              <td>{days(props.v, props[k].median)}</td>
              <td>{days(props.v, props[k].average)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

export function StatsPage(props: {
  v: View
  s: ComplaintStats
  years: number[]
  categories: CategoryLabels
}) {
  const { v, s, categories } = props
  const t = statsWords(v.lang)
  return (
    <Layout v={v} title={`${t('title')} · ${t('fy')} ${s.fy}`}>
      <form method="get" action="/admin/complaints/stats" class="inline">
        <select name="fy" aria-label={t('fy')}>
          {props.years.map((y) => (
            <option value={String(y)} selected={y === s.fy}>
              {String(y)}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          {t('show')}
        </button>
        <a href={`/admin/complaints/stats.csv?fy=${s.fy}`} id="csv">
          {t('csv')}
        </a>
      </form>
      <p>
        <small id="legend">{t('legend')}</small>
      </p>
      <div class="cards">
        <div class="card" id="year-total">
          <b>{s.total}</b>
          {t('total')}
        </div>
      </div>
      <Table v={v} id="month" title="byMonth" b={s.months} categories={categories} />
      <Table v={v} id="category" title="byCategory" b={s.categories} categories={categories} />
      <Table v={v} id="channel" title="byChannel" b={s.channels} categories={categories} />
      <Table v={v} id="outcome" title="byOutcome" b={s.outcomes} categories={categories} />
      <Times v={v} ack={s.ack} close={s.close} />
      <section>
        <h2>{t('years')}</h2>
        <table id="years">
          <tbody>
            {s.years.rows.map((r) => (
              <tr data-key={String(r.fy)}>
                <td>{String(r.fy)}</td>
                <td class="n">{cellText(r.cell)}</td>
              </tr>
            ))}
            <tr class="total">
              <th>{t('yearsTotal')}</th>
              <th class="n">{s.years.total}</th>
            </tr>
          </tbody>
        </table>
      </section>
    </Layout>
  )
}
