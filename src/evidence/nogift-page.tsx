import { Layout, type View } from '../console/layout.js'
import type { Lang } from '../core/lang.js'
import { defineMessages } from '../core/messages.js'
import { formatDay } from '../core/time/index.js'
import { dateText, num, pick } from './format.js'
import { evidenceWords } from './labels.js'
import { UnitTable } from './measure-detail.js'
import type { NoGiftReport, Tally } from './nogift-report.js'
import { PAGE_CSS, ReportLinks } from './report-page.js'
import { type Ctx, ResultsTable } from './results-table.js'

// /admin/evidence/<fy>/nogift: "รายงานผลการดำเนินการตามนโยบาย No Gift Policy" (O33 / o23),
// in the order agencies write it: the declaration, the culture-building activities, the
// staff's pledges, the gifts reported, and the outcome against the targets.

export const noGiftWords = defineMessages({
  title: ['รายงานผลการดำเนินการตามนโยบาย No Gift Policy', 'No Gift Policy: report of results'],
  s1: ['1. การประกาศเจตนารมณ์ No Gift Policy ของผู้บริหาร', "1. The head of agency's declaration"],
  views: ['บุคลากรที่เปิดอ่านประกาศในไลน์', 'Staff who opened it in LINE'],
  noDeclaration: ['ยังไม่มีข้อความประกาศเจตนารมณ์ใน flows/nogift.yaml', 'No declaration in flows/nogift.yaml'],
  s2: ['2. กิจกรรมสร้างวัฒนธรรม No Gift Policy', '2. Building the No Gift culture'],
  reminders: ['การแจ้งเตือนบุคลากร', 'Reminders to staff'],
  s3: ['3. การร่วมแสดงเจตนารมณ์ของบุคลากร', '3. Staff pledges'],
  pledged: ['บุคลากรที่กด "รับทราบและร่วมปฏิบัติ"', 'Staff who pressed "acknowledge and comply"'],
  persons: ['คน', 'people'],
  s4: ['4. การรายงานการรับของขวัญ', '4. Gifts reported'],
  totalGifts: ['รายงานทั้งหมด', 'Reports in all'],
  items: ['รายการ', 'reports'],
  band: ['ช่วงมูลค่า', 'Value band'],
  handling: ['การดำเนินการ', 'What was done'],
  giver: ['ประเภทผู้ให้', 'Kind of giver'],
  total: ['รวม', 'Total'],
  totalsOnly: [
    'แสดงเป็นตัวเลขรวมเท่านั้น ตามที่แจ้งบุคลากรในแบบรายงาน (ไม่แสดงเลขที่ วันที่ หรือรายละเอียดของขวัญ)',
    'Totals only, as the report form promises staff (no reference, date or description).',
  ],
  s5: ['5. ผลการดำเนินงานตามมาตรการ', '5. Results of the measure'],
  noMeasure: ['flows/measures.yaml ไม่มีมาตรการ "nogift"', 'flows/measures.yaml has no "nogift" measure'],
  csv: ['ดาวน์โหลด CSV', 'Download CSV'],
})

function TallyTable(props: { id: string; head: string; rows: Tally[]; lang: Lang }) {
  const n = noGiftWords(props.lang)
  return (
    <table id={props.id} class="tally">
      <thead>
        <tr>
          <th scope="col">{props.head}</th>
          <th scope="col">{n('items')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr data-key={r.id}>
            <td>{r.label}</td>
            <td class="n">{num(r.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function NoGiftPage(props: { v: View; ctx: Ctx; r: NoGiftReport }) {
  const { v, ctx } = props
  const { report, measure, gifts } = props.r
  const n = noGiftWords(v.lang)
  const t = evidenceWords(v.lang)
  const count = (kind: string) => measure?.returned.find((x) => x.kind === kind)
  const pledges = count('pledge')
  const views = count('declaration.viewed')
  return (
    <Layout
      v={v}
      title={`${n('title')} · ${t('fy')} ${report.fiscalYear}`}
      css={`${PAGE_CSS}#declaration{white-space:pre-line}`}
    >
      <ReportLinks v={v} fy={report.fiscalYear} />
      <p>
        {report.orgName} · {t('upTo')} {formatDay(report.upTo, v.lang)} ·{' '}
        <a href={`/admin/evidence/${report.fiscalYear}/nogift.csv`} id="nogift-csv">
          {n('csv')}
        </a>
      </p>
      {measure ? null : <p class="warn">{n('noMeasure')}</p>}
      <h2>{n('s1')}</h2>
      {props.r.declaration ? (
        <blockquote id="declaration">{props.r.declaration}</blockquote>
      ) : (
        <p>{n('noDeclaration')}</p>
      )}
      <p>
        {n('views')}: <b id="declaration-views">{views ? num(views.people ?? 0) : '0'}</b> {n('persons')}
      </p>
      <h2>{n('s2')}</h2>
      <ul>
        {measure?.activities.map((a) => (
          <li>{pick(a, v.lang)}</li>
        ))}
      </ul>
      <h3>{n('reminders')}</h3>
      <ul id="reminders">
        {measure?.broadcasts.map((b) => (
          <li class="reminder" data-broadcast={b.broadcastId}>
            {b.sentAt.map((d) => dateText(d, v.lang, ctx.tz)).join(', ')}: {b.title} · {t('audience')}{' '}
            {b.audience} · {t('delivered')} {num(b.delivered)}
          </li>
        ))}
      </ul>
      <h2>{n('s3')}</h2>
      <p>
        {n('pledged')}: <b id="pledged">{num(pledges?.people ?? 0)}</b> {n('persons')}
      </p>
      {measure ? <UnitTable ctx={ctx} r={measure.reach} /> : null}
      <h2>{n('s4')}</h2>
      <p>
        {n('totalGifts')}: <b id="gift-total">{num(gifts.total)}</b> {n('items')}
      </p>
      <p>
        <small>{n('totalsOnly')}</small>
      </p>
      <div class="table">
        <TallyTable id="by-band" head={n('band')} rows={gifts.byBand} lang={v.lang} />
        <TallyTable id="by-handling" head={n('handling')} rows={gifts.byHandling} lang={v.lang} />
        <TallyTable id="by-giver" head={n('giver')} rows={gifts.byGiver} lang={v.lang} />
      </div>
      <h2>{n('s5')}</h2>
      {measure ? (
        <div class="table">
          <ResultsTable ctx={ctx} m={measure} />
        </div>
      ) : null}
    </Layout>
  )
}
