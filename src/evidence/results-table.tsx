import type { Lang } from '../core/lang.js'
import { num, pick, targetState } from './format.js'
import { evidenceWords } from './labels.js'
import type { MeasureReport, TargetResult } from './types.js'

// One measure in the agencies' own results-table layout (มาตรการ / กิจกรรม / ผลการดำเนินงาน /
// หน่วยงานรับผิดชอบ / ระยะเวลา / ผลลัพธ์): the console, the print page and the public page
// all show this same row, so what is printed is what was reviewed.

export interface Ctx {
  lang: Lang
  /** The agency's time zone: dates of sends are its calendar days. */
  tz: string
}

export const COLUMNS = [
  'colMeasure',
  'colActivities',
  'colResults',
  'colUnit',
  'colPeriod',
  'colOutcome',
] as const

function Outcome(props: { ctx: Ctx; targets: TargetResult[] }) {
  const t = evidenceWords(props.ctx.lang)
  if (props.targets.length === 0) return <span class="no-targets">{t('noTargets')}</span>
  return (
    <ul class="targets">
      {props.targets.map((x) => {
        const state = targetState(x)
        return (
          <li data-metric={x.metric} data-state={state}>
            {pick(x.label, props.ctx.lang)}: {t('target')} {num(x.target)} · {t('actual')}{' '}
            {x.actual === null ? t('unknown') : num(x.actual)} — <b class={`state ${state}`}>{t(state)}</b>
          </li>
        )
      })}
    </ul>
  )
}

export function ResultsHead(props: { ctx: Ctx }) {
  const t = evidenceWords(props.ctx.lang)
  return (
    <thead>
      <tr>
        {COLUMNS.map((k) => (
          <th scope="col">{t(k)}</th>
        ))}
      </tr>
    </thead>
  )
}

/** The row; each cell carries its column name so a narrow screen can stack them labelled. */
export function ResultsRow(props: { ctx: Ctx; m: MeasureReport }) {
  const { ctx, m } = props
  const t = evidenceWords(ctx.lang)
  return (
    <tr class="measure-row" data-measure={m.id}>
      <th scope="row" data-label={t('colMeasure')}>
        {pick(m.name, ctx.lang)}
      </th>
      <td data-label={t('colActivities')}>
        <ul>
          {m.activities.map((a) => (
            <li>{pick(a, ctx.lang)}</li>
          ))}
        </ul>
      </td>
      <td class="summary" data-label={t('colResults')}>
        {pick(m.summary, ctx.lang)}
      </td>
      <td data-label={t('colUnit')}>{m.unit}</td>
      <td data-label={t('colPeriod')}>{m.period}</td>
      <td class="outcome" data-label={t('colOutcome')}>
        <Outcome ctx={ctx} targets={m.targets} />
      </td>
    </tr>
  )
}

/** One measure's table, as the seeds print one table per measure. */
export function ResultsTable(props: { ctx: Ctx; m: MeasureReport }) {
  return (
    <table class="results" data-measure={props.m.id}>
      <ResultsHead ctx={props.ctx} />
      <tbody>
        <ResultsRow ctx={props.ctx} m={props.m} />
      </tbody>
    </table>
  )
}

/** Narrow screens: the six columns become labelled lines of one card. */
export const RESULTS_CSS = `
table.results{margin:.5rem 0 1rem}table.results ul{margin:0;padding-left:1.1rem}table.results .targets{padding-left:.8rem}
table.results th:nth-child(1){width:16%}table.results th:nth-child(2){width:21%}table.results th:nth-child(3){width:20%}
table.results th:nth-child(4){width:11%}table.results th:nth-child(5){width:8%}
.state.met{color:#1b7a35}.state.notMet{color:#a0281e}.state.notYet{color:#8a5a00}
.warn{padding:.6rem .8rem;border-radius:6px;background:#fff4e5;color:#6b3d00;margin:.5rem 0}
@media screen and (max-width:640px){table.results thead{display:none}table.results tr,table.results th,table.results td{display:block;width:100%}
table.results [data-label]::before{content:attr(data-label);display:block;font-size:.8rem;color:#666;font-weight:600}}
`
