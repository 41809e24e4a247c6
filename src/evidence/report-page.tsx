import type { Flash } from '../console/flash.js'
import { Csrf, Layout, Msg, type View } from '../console/layout.js'
import { formatDay } from '../core/time/index.js'
import { pick } from './format.js'
import { evidenceWords } from './labels.js'
import { ItemsLine, MeasureDetail } from './measure-detail.js'
import { type Ctx, RESULTS_CSS, ResultsTable } from './results-table.js'
import type { EvidenceReport } from './types.js'

// /admin/evidence/<fy>: the year's evidence per measure, in the agencies' layout, with the
// figures behind each row and every way out of the console (CSV, XLSX, print, O33, O29).

export interface PublicState {
  enabled: boolean
  /** Where the page is (or would be) published. */
  url: string
}

export const PAGE_CSS = `${RESULTS_CSS}
.links{display:flex;flex-wrap:wrap;gap:.4rem 1rem;margin:.5rem 0}section.measure{background:#fff;border-radius:8px;padding:.6rem 1rem;margin:1rem 0}
section.measure h2{font-size:1.1rem}section.measure .card{background:#f0f3f7}.card.ack-rate b{font-size:1.5rem}details{margin:.5rem 0}.detail h3{font-size:1rem;margin:.8rem 0 .3rem}
.empty{padding:1rem;background:#fff;border-radius:8px}
`

export function YearPicker(props: { v: View; fy: number; years: number[]; action: string }) {
  const t = evidenceWords(props.v.lang)
  return (
    <form method="get" action={props.action} class="inline">
      <label>
        {t('fy')}{' '}
        <select name="fy" id="fy">
          {props.years.map((y) => (
            <option value={String(y)} selected={y === props.fy}>
              {String(y)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="secondary">
        {t('show')}
      </button>
    </form>
  )
}

export function ReportLinks(props: { v: View; fy: number }) {
  const t = evidenceWords(props.v.lang)
  const base = `/admin/evidence/${props.fy}`
  return (
    <nav class="links" aria-label={t('downloads')}>
      <a href={base}>{t('byMeasure')}</a>
      <a href={`${base}/items`}>{t('byItem')}</a>
      <a href={`/admin/evidence/years?to=${props.fy}`}>{t('years')}</a>
      <a href={`${base}/print`} id="print-link">
        {t('print')}
      </a>
      <a href={`${base}/export.csv`} id="csv-link">
        {t('csv')}
      </a>
      <a href={`${base}/export.xlsx`} id="xlsx-link">
        {t('xlsx')}
      </a>
      <a href={`${base}/nogift`}>{t('o33')}</a>
      <a href={`/admin/complaints/stats?fy=${props.fy}`} id="o29-link">
        {t('o29')}
      </a>
    </nav>
  )
}

function PublicToggle(props: { v: View; state: PublicState }) {
  const t = evidenceWords(props.v.lang)
  const on = props.state.enabled
  return (
    <section id="public">
      <h2>{t('publicTitle')}</h2>
      <p>
        {on ? (
          <>
            {t('publicOnNow')} <a href={props.state.url}>{props.state.url}</a>
          </>
        ) : (
          t('publicOffNow')
        )}
      </p>
      <form method="post" action="/admin/evidence/public">
        <Csrf v={props.v} />
        <input type="hidden" name="enabled" value={on ? '0' : '1'} />
        <button type="submit" class={on ? 'secondary' : ''} id="public-toggle">
          {on ? t('publicOff') : t('publicOn')}
        </button>
      </form>
    </section>
  )
}

export function ReportPage(props: {
  v: View
  ctx: Ctx
  report: EvidenceReport
  years: number[]
  publicState: PublicState | null
  flash: Flash | null
}) {
  const { v, ctx, report } = props
  const t = evidenceWords(v.lang)
  return (
    <Layout v={v} title={`${t('title')} · ${t('fy')} ${report.fiscalYear}`} css={PAGE_CSS}>
      <Msg text={props.flash?.message} error={props.flash?.error ?? false} />
      <YearPicker v={v} fy={report.fiscalYear} years={props.years} action="/admin/evidence" />
      <p id="as-of">
        {t('period')} {formatDay(report.from, v.lang)} – {formatDay(report.to, v.lang)} · {t('upTo')}{' '}
        {formatDay(report.upTo, v.lang)} · {t('form')}: {t(report.form === '2566' ? 'form2566' : 'form2568')}
      </p>
      <ReportLinks v={v} fy={report.fiscalYear} />
      {report.empty ? (
        <div class="empty" id="empty" role="status">
          <p>
            <b>{t('empty')}</b>
          </p>
          <p>{t('emptyHint')}</p>
          {report.measures
            .filter((m) => m.itemsOutsideForm.length > 0)
            .map((m) => (
              <section data-measure={m.id}>
                <h2>{pick(m.name, v.lang)}</h2>
                <ItemsLine ctx={ctx} m={m} />
              </section>
            ))}
        </div>
      ) : (
        report.measures.map((m) => (
          <section class="measure" data-measure={m.id}>
            <h2>{pick(m.name, v.lang)}</h2>
            <ItemsLine ctx={ctx} m={m} />
            <div class="table">
              <ResultsTable ctx={ctx} m={m} />
            </div>
            <MeasureDetail ctx={ctx} m={m} />
          </section>
        ))
      )}
      {props.publicState ? <PublicToggle v={v} state={props.publicState} /> : null}
    </Layout>
  )
}
