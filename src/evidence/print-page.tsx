import type { Lang } from '../core/lang.js'
import { defineMessages } from '../core/messages.js'
import { formatDay, formatMonth } from '../core/time/index.js'
import { AckChart, ReachChart } from './charts.js'
import { cumulative, dateText, num, pct, pick } from './format.js'
import { evidenceWords } from './labels.js'
import { ItemsLine, ReturnedTable, UnitTable } from './measure-detail.js'
import { type Ctx, RESULTS_CSS, ResultsHead, ResultsRow } from './results-table.js'
import type { EvidenceReport, MeasureReport, Reach } from './types.js'

// /admin/evidence/<fy>/print: the year's evidence as an A4 document (Thai, or English with
// ?lang=en for the console's English readers), to print or save as PDF and attach to the OIT answer. No script: charts are SVG from charts.tsx, page numbers
// come from the @page margin boxes (Chromium 131+; other browsers print without them).

/** Thai faces first; the TLWG fonts are what Debian's fonts-thai-tlwg installs. */
export const THAI_FONTS = `"TH Sarabun New","Sarabun","Noto Sans Thai","Loma","Garuda","Waree","Tlwg Typo",sans-serif`

const printCss = (fy: number) => `
@page{size:A4 portrait;margin:16mm 14mm 18mm;
@bottom-center{content:"หน้า " counter(page) " / " counter(pages);font:10pt ${THAI_FONTS};color:#555}
@top-right{content:"รายงานผล ITA ปีงบประมาณ ${fy}";font:9pt ${THAI_FONTS};color:#777}}
*{box-sizing:border-box}html{font:11pt/1.45 ${THAI_FONTS};color:#111;background:#fff}body{margin:0}
h1{font-size:15pt;margin:0 0 .2rem}h2{font-size:13pt;margin:1rem 0 .3rem;break-after:avoid}
h3{font-size:11pt;margin:.6rem 0 .2rem;break-after:avoid}
table{border-collapse:collapse;width:100%;margin:.3rem 0 .6rem;font-size:10pt}thead{display:table-header-group}
th,td{border:1px solid #999;padding:3px 5px;vertical-align:top;text-align:left}thead th{background:#eef1f6}
tr{break-inside:avoid}ul{margin:0;padding-left:1rem}.doc-head{border-bottom:2px solid #1f3b73;margin-bottom:.6rem}
.org{font-size:13pt;font-weight:700;margin:0;display:flex;gap:.4rem;align-items:center}.org .logo{height:14mm;width:auto;max-width:40mm}.meta{margin:.2rem 0 .4rem}
figure{margin:.4rem 0;break-inside:avoid}figcaption{font-weight:700;font-size:10pt}svg.chart{max-width:17cm;display:block}
.fallback{font-size:9pt}.month-strip th,.month-strip td{padding:2px 3px;font-size:8.5pt;text-align:right}
.month-strip th[scope=row]{text-align:left}table.results .targets{font-size:9.5pt}.measure{break-before:page}.reach-line{margin:.2rem 0}
.screen{background:#f5f6f8;padding:.5rem;margin-bottom:.5rem}@media print{.screen{display:none}}
@media screen{body{max-width:210mm;margin:0 auto;padding:8mm}}
${RESULTS_CSS}`

/** The curve's figures as a table, months across (twelve columns fit A4 portrait). */
function MonthStrip(props: { r: Reach; lang: Lang }) {
  const t = evidenceWords(props.lang)
  const totals = cumulative(props.r.byMonth)
  const row = (label: string, cls: string, values: number[]) => (
    <tr class={cls}>
      <th scope="row">{label}</th>
      {values.map((n) => (
        <td>{num(n)}</td>
      ))}
    </tr>
  )
  return (
    <table class="month-strip">
      <thead>
        <tr>
          <th scope="col">{t('month')}</th>
          {props.r.byMonth.map((m) => (
            <th scope="col">{formatMonth(m.month, props.lang, true)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {row(
          t('newlyReached'),
          'newly',
          props.r.byMonth.map((m) => m.newlyReached),
        )}
        {row(
          t('cumulative'),
          'cumulative',
          totals.map((x) => x.total),
        )}
        {row(
          t('delivered'),
          'delivered',
          props.r.byMonth.map((m) => m.delivered),
        )}
        {row(
          t('acks'),
          'acks',
          props.r.byMonth.map((m) => m.acknowledgments),
        )}
      </tbody>
    </table>
  )
}

function MeasurePart(props: { ctx: Ctx; m: MeasureReport }) {
  const { ctx, m } = props
  const t = evidenceWords(ctx.lang)
  const r = m.reach
  return (
    <section class="measure" data-measure={m.id}>
      <h2>{pick(m.name, ctx.lang)}</h2>
      <ItemsLine ctx={ctx} m={m} />
      <h3>{t('done')}</h3>
      {m.broadcasts.length === 0 ? (
        <p>{t('noBroadcasts')}</p>
      ) : (
        <ul class="broadcasts">
          {m.broadcasts.map((b) => (
            <li class="broadcast" data-broadcast={b.broadcastId}>
              {b.title} · {t('audience')} {b.audience} ·{' '}
              {b.sentAt.map((d) => dateText(d, ctx.lang, ctx.tz)).join(', ')} · {t('delivered')}{' '}
              {num(b.delivered)}/{num(b.recipients)}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('reach')}</h3>
      <p class="reach-line">
        {t('people')} <b class="people">{num(r.people)}</b> · {t('groups')} {num(r.groups)} ·{' '}
        {t('deliveries')} {num(r.deliveries)} · {t('acks')} {num(r.acknowledgments)} · {t('ackRate')}{' '}
        <b class="ack-rate">{pct(r.ackRate, t('unknown'))}</b>
      </p>
      <figure>
        <figcaption>
          {t('people')} ({t('cumulative')}) · {t('byMonth')}
        </figcaption>
        <ReachChart lang={ctx.lang} months={r.byMonth} id={`reach-${m.id}`} />
        <div class="fallback">
          <MonthStrip r={r} lang={ctx.lang} />
        </div>
      </figure>
      {r.byUnit.length > 0 ? (
        <figure>
          <figcaption>
            {t('ackRate')} · {t('byUnit')}
          </figcaption>
          <AckChart lang={ctx.lang} units={r.byUnit} id={`ack-${m.id}`} />
          <div class="fallback">
            <UnitTable ctx={ctx} r={r} />
          </div>
        </figure>
      ) : null}
      <h3>{t('returned')}</h3>
      <ReturnedTable ctx={ctx} list={m.returned} />
    </section>
  )
}

/** The document's own words (the labels shared with the console come from labels.ts). */
const printWords = defineMessages({
  title: [
    'รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {{fy}}',
    'Report on the integrity and transparency measures, fiscal year B.E. {{fy}} ({{from}}–{{to}})',
  ],
  howToPrint: [
    'พิมพ์หรือบันทึกเป็น PDF จากเมนูพิมพ์ของเบราว์เซอร์ (Ctrl+P)',
    "Print or save as PDF from the browser's print menu (Ctrl+P)",
  ],
  madeFrom: [
    'จัดทำจากบันทึกการใช้งานแบบนามแฝงของบอต (ไม่มีข้อมูลรายบุคคล) เมื่อ',
    "Compiled from the bot's pseudonymous usage log (no personal data) on",
  ],
})

export function PrintPage(props: {
  report: EvidenceReport
  lang: Lang
  nonce: string
  tz: string
  backHref: string
  /** The agency's logo (orgs/logo-routes.ts), beside its name at the head of the page. */
  logoUrl?: string | null
}) {
  const { report, lang } = props
  const ctx: Ctx = { lang, tz: props.tz }
  const t = evidenceWords(lang)
  const doc = printWords(lang)
  const fy = report.fiscalYear
  // The Gregorian years a Buddhist-era fiscal year spans (October to September).
  const title = doc('title', { fy, from: fy - 544, to: fy - 543 })
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${report.orgName}`}</title>
        <link rel="icon" href="data:," />
        <style nonce={props.nonce} dangerouslySetInnerHTML={{ __html: printCss(report.fiscalYear) }} />
      </head>
      <body>
        <p class="screen">
          <a href={props.backHref}>{t('back')}</a> · {doc('howToPrint')}
        </p>
        <header class="doc-head">
          <p class="org" id="org-name">
            {props.logoUrl ? <img src={props.logoUrl} alt="" class="logo" id="org-logo" /> : null}
            {report.orgName}
          </p>
          <h1>{title}</h1>
          <p class="meta" id="as-of">
            {t('upTo')} {formatDay(report.upTo, lang)} · {t('period')} {formatDay(report.from, lang)} –{' '}
            {formatDay(report.to, lang)} · {t('form')}: {t(report.form === '2566' ? 'form2566' : 'form2568')}
          </p>
        </header>
        {report.empty ? (
          <p id="empty">
            <b>{t('empty')}</b>
          </p>
        ) : (
          <>
            <table class="results" id="results">
              <ResultsHead ctx={ctx} />
              <tbody>
                {report.measures.map((m) => (
                  <ResultsRow ctx={ctx} m={m} />
                ))}
              </tbody>
            </table>
            {report.measures.map((m) => (
              <MeasurePart ctx={ctx} m={m} />
            ))}
          </>
        )}
        <p class="meta">
          <small>
            {doc('madeFrom')} {dateText(report.generatedAt, lang, props.tz)}
          </small>
        </p>
      </body>
    </html>
  )
}
