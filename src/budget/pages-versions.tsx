import { raw } from 'hono/html'
import { Layout, Msg, type View } from '../console/layout.js'
import { formatDay } from '../core/time/index.js'
import { periodLabel } from './calendar.js'
import { type BT, budgetWords } from './i18n.js'
import { formatBaht, formatTenths } from './money.js'
import type { BudgetVersion } from './service.js'
import type { BudgetSummary, Standing } from './summary.js'
import type { BudgetRow } from './types.js'

// The list of uploaded versions, and one version: its figures, its units and the card preview.

const pct = (t: number | null) => (t === null ? '—' : formatTenths(t))
const day = (v: View, iso: string) => formatDay(iso, v.lang)

export function VersionListPage(props: {
  v: View
  versions: (BudgetVersion & { current: boolean })[]
  canUpload: boolean
}) {
  const { v } = props
  const b = budgetWords(v.lang)
  return (
    <Layout v={v} title={b('budget')}>
      {props.canUpload ? (
        <p>
          <a href="/admin/budget/upload" id="upload-link">
            {b('upload')}
          </a>
        </p>
      ) : null}
      <h2>{b('versions')}</h2>
      {props.versions.length === 0 ? <p>{b('noVersions')}</p> : null}
      <div class="table">
        <table>
          <thead>
            <tr>
              <th>{b('fiscalYear')}</th>
              <th>{b('version')}</th>
              <th>{b('fileName')}</th>
              <th>{b('rows')}</th>
              <th>{b('asOf')}</th>
              <th>{b('uploadedBy')}</th>
              <th>{b('uploadedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {props.versions.map((x) => (
              <tr class={x.current ? 'version current' : 'version'}>
                <td>{x.fiscalYear}</td>
                <td>
                  <a href={`/admin/budget/versions/${x.id}`}>{x.versionNo}</a>
                  {x.current ? ` (${b('current')})` : ''}
                </td>
                <td>{x.fileName}</td>
                <td>{x.rowCount}</td>
                <td>{day(v, x.asOf)}</td>
                <td>{x.uploadedByEmail}</td>
                <td>{v.date(x.uploadedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  )
}

function StandingRow(props: { s: Standing; name: string; id?: string }) {
  const { s } = props
  return (
    <tr class="standing" id={props.id}>
      <td>{props.name}</td>
      <td class="num">{formatBaht(s.allocation)}</td>
      <td class="num">{formatBaht(s.commitment)}</td>
      <td class="num">{formatBaht(s.disbursement)}</td>
      <td class="num">{formatBaht(s.target)}</td>
      <td class="num">{formatBaht(s.remaining)}</td>
      <td class="num">{pct(s.disbursedPct)}</td>
      <td class="num">{pct(s.targetPct)}</td>
      <td class="num">{s.gapPct === null ? '—' : formatTenths(s.gapPct, '')}</td>
    </tr>
  )
}

function Head(props: { b: BT; first: string }) {
  const { b } = props
  return (
    <tr>
      <th>{props.first}</th>
      {(
        [
          'allocation',
          'commitment',
          'disbursement',
          'target',
          'remaining',
          'disbursedPct',
          'targetPct',
          'gap',
        ] as const
      ).map((k) => (
        <th>{b(k)}</th>
      ))}
    </tr>
  )
}

export interface VersionProps {
  v: View
  version: BudgetVersion
  summary: BudgetSummary
  rows: BudgetRow[]
  rowLimit: number
  units: string[]
  unit: string | null
  preview: string
  previewCss: string
  message?: string
}

export function VersionPage(props: VersionProps) {
  const { v, version: x, summary: s } = props
  const b = budgetWords(v.lang)
  const base = `/admin/budget/versions/${x.id}`
  return (
    <Layout v={v} title={`${b('budget')} ${x.fiscalYear} · ${b('version')} ${x.versionNo}`}>
      <style
        nonce={v.nonce}
        dangerouslySetInnerHTML={{
          __html: `${props.previewCss} td.num{text-align:right;white-space:nowrap}`,
        }}
      />
      <Msg text={props.message} />
      <p>
        {b('period')}: {periodLabel(s.period, s.fiscalYear, v.lang)} · {b('asOf')}: {day(v, x.asOf)}
        <br />
        {b('fileName')}: {x.fileName} · {b('rows')}: {x.rowCount} · {b('uploadedBy')}: {x.uploadedByEmail} ·{' '}
        {v.date(x.uploadedAt)}
        <br />
        {b('checksum')}: <code>{x.checksum}</code>
      </p>
      <h2>
        {b('unit')} ({b('baht')})
      </h2>
      <div class="table">
        <table id="units">
          <thead>
            <Head b={b} first={b('unit')} />
          </thead>
          <tbody>
            <StandingRow s={s.overall} name={b('total')} id="total" />
            {s.lines.map((l) => (
              <StandingRow s={l} name={l.name} />
            ))}
          </tbody>
        </table>
      </div>
      <h2>{b('preview')}</h2>
      <p>
        {b('previewUnit')}: <a href={base}>{b('previewOrg')}</a>
        {props.units.map((u) => (
          <>
            {' · '}
            <a href={`${base}?unit=${encodeURIComponent(u)}`}>{u}</a>
          </>
        ))}
      </p>
      <div id="preview">{raw(props.preview)}</div>
      <h2>
        {b('rows')} (
        {props.rows.length > props.rowLimit ? `${b('rowsShown')} ${props.rowLimit}` : props.rows.length})
      </h2>
      <div class="table">
        <table id="rows">
          <thead>
            <tr>
              <th>{b('line')}</th>
              <th>{b('period')}</th>
              <th>{b('unit')}</th>
              <th>{b('plan')}</th>
              <th>{b('allocation')}</th>
              <th>{b('commitment')}</th>
              <th>{b('disbursement')}</th>
              <th>{b('target')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.slice(0, props.rowLimit).map((r) => (
              <tr>
                <td>{r.line}</td>
                <td>{periodLabel(r.period, x.fiscalYear, v.lang)}</td>
                <td>{r.unit}</td>
                <td>{r.plan}</td>
                <td class="num">{formatBaht(r.allocation)}</td>
                <td class="num">{formatBaht(r.commitment)}</td>
                <td class="num">{formatBaht(r.disbursement)}</td>
                <td class="num">
                  {formatBaht(r.target)}
                  {r.targetPct !== null ? ` (${formatTenths(Math.round(r.targetPct / 10))})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  )
}
