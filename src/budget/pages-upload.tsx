import { Csrf, Layout, Msg, type View } from '../console/layout.js'
import { budgetWords } from './i18n.js'
import { formatSize } from './import.js'
import type { Issue } from './types.js'

// The upload form, and the same page with the validation report when a file was refused.

export interface UploadFields {
  fiscalYear: number
  asOf: string
  audience: 'groups' | 'labels' | 'none'
  labels: string[]
  day: number
}

export interface UploadProps {
  v: View
  fields: UploadFields
  years: number[]
  labels: string[]
  maxBytes: number
  message?: string
  issues?: Issue[]
}

function Report(props: { v: View; issues: Issue[] }) {
  const { v } = props
  const b = budgetWords(v.lang)
  const [main, other] = v.lang === 'en' ? (['en', 'th'] as const) : (['th', 'en'] as const)
  return (
    <section id="report" role="alert">
      <p class="msg error">
        {b('rejected')} {props.issues.length} · {b('fixAndRetry')}
      </p>
      <div class="table">
        <table>
          <thead>
            <tr>
              <th>{b('line')}</th>
              <th>{b('column')}</th>
              <th>{b('problem')}</th>
            </tr>
          </thead>
          <tbody>
            {props.issues.map((i) => (
              <tr class="issue">
                <td>{i.line ?? '—'}</td>
                <td>{i.column ?? '—'}</td>
                <td>
                  {i[main]}
                  <br />
                  <small lang={other}>{i[other]}</small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function Choice(props: { value: UploadFields['audience']; current: string; label: string }) {
  return (
    <label class="inline">
      <input type="radio" name="audience" value={props.value} checked={props.current === props.value} />
      {props.label}
    </label>
  )
}

export function UploadPage(props: UploadProps) {
  const { v, fields: f } = props
  const b = budgetWords(v.lang)
  return (
    <Layout v={v} title={b('upload')}>
      <Msg text={props.message} error />
      {props.issues && props.issues.length > 0 ? <Report v={v} issues={props.issues} /> : null}
      <p>{b('columns')}</p>
      <form
        method="post"
        action="/admin/budget/upload"
        enctype="multipart/form-data"
        class="stack"
        id="upload"
      >
        <Csrf v={v} />
        <label>
          {b('file')} · {b('maxSize')} {formatSize(props.maxBytes)}
          <input type="file" name="file" id="file" accept=".csv,.xlsx,text/csv" required />
        </label>
        <label>
          {b('fiscalYear')}
          <select name="fiscalYear" id="fiscalYear">
            {props.years.map((y) => (
              <option value={String(y)} selected={y === f.fiscalYear}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          {b('asOf')}
          <input type="date" name="asOf" id="asOf" value={f.asOf} required />
        </label>
        <fieldset>
          <legend>{b('monthly')}</legend>
          <p>{b('monthlyNote')}</p>
          <Choice value="groups" current={f.audience} label={b('allGroups')} />
          <Choice value="labels" current={f.audience} label={b('byLabels')} />
          {props.labels.map((l) => (
            <label class="inline">
              <input type="checkbox" name="labels" value={l} checked={f.labels.includes(l)} />
              {l}
            </label>
          ))}
          <Choice value="none" current={f.audience} label={b('noMonthly')} />
          <label>
            {b('day')}
            <input type="number" name="day" id="day" min={1} max={28} value={String(f.day)} />
          </label>
        </fieldset>
        <button type="submit" id="submit">
          {b('submit')}
        </button>
      </form>
    </Layout>
  )
}
