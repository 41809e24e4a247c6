import { Csrf, Layout, Msg, type View } from '../../console/layout.js'
import type { ComposeFields } from './form.js'

/** The compose and edit form: plain radios and fields, usable without JavaScript. */
export interface ComposeProps {
  v: View
  action: string
  fields: ComposeFields
  audiences: { id: string; name: string }[]
  labels: string[]
  /** The measures of flows/ a broadcast can serve. */
  measures: { id: string; name: string }[]
  /** The zone the date and time fields are read in (config.timeZone; see toSchedule). */
  timeZone: string
  message?: string
  problems?: string[]
}

function Radio(props: { name: string; value: string; checked: boolean; label: string }) {
  return (
    <label class="inline">
      <input type="radio" name={props.name} value={props.value} checked={props.checked} />
      {props.label}
    </label>
  )
}

export function ComposePage(props: ComposeProps) {
  const { v, fields: f } = props
  const editing = props.action !== '/admin/broadcasts'
  return (
    <Layout v={v} title={v.t(editing ? 'editBroadcast' : 'newBroadcast')}>
      <Msg text={props.message} error />
      {props.problems && props.problems.length > 0 ? (
        <ul class="problems">
          {props.problems.map((p) => (
            <li>
              <code>{p}</code>
            </li>
          ))}
        </ul>
      ) : null}
      <form method="post" action={props.action} class="stack" id="compose">
        <Csrf v={v} />
        <label>
          {v.t('bTitle')}
          <input name="title" id="title" value={f.title} maxlength={200} required />
        </label>
        <fieldset>
          <legend>{v.t('bContent')}</legend>
          <Radio name="content" value="text" checked={f.content === 'text'} label={v.t('cText')} />
          <textarea name="text" id="text" rows={4} aria-label={v.t('cText')}>
            {f.text}
          </textarea>
          <Radio name="content" value="nogift" checked={f.content === 'nogift'} label={v.t('cNogift')} />
          <Radio name="content" value="budget" checked={f.content === 'budget'} label={v.t('cBudget')} />
          <Radio name="content" value="flex" checked={f.content === 'flex'} label={v.t('cFlex')} />
          <textarea name="flex" id="flex" rows={6} aria-label={v.t('cFlex')}>
            {f.flex}
          </textarea>
        </fieldset>
        <label>
          {v.t('bMeasure')}
          <select name="measure" id="measure">
            <option value="">{v.t('mTemplate')}</option>
            {props.measures.map((m) => (
              <option value={m.id} selected={m.id === f.measure}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{v.t('bAudience')}</legend>
          <Radio
            name="audienceKind"
            value="saved"
            checked={f.audienceKind === 'saved'}
            label={v.t('aSaved')}
          />
          <select name="audience" id="audience" aria-label={v.t('aSaved')}>
            <option value="">—</option>
            {props.audiences.map((a) => (
              <option value={a.id} selected={a.id === f.audience}>
                {a.name}
              </option>
            ))}
          </select>
          <Radio
            name="audienceKind"
            value="labels"
            checked={f.audienceKind === 'labels'}
            label={v.t('aLabels')}
          />
          {props.labels.map((l) => (
            <label class="inline">
              <input type="checkbox" name="labels" value={l} checked={f.labels.includes(l)} />
              {l}
            </label>
          ))}
          <Radio name="audienceKind" value="all" checked={f.audienceKind === 'all'} label={v.t('aAll')} />
        </fieldset>
        <fieldset>
          <legend>
            {v.t('bSchedule')} ({props.timeZone})
          </legend>
          <Radio name="mode" value="now" checked={f.mode === 'now'} label={v.t('sNow')} />
          <Radio name="mode" value="at" checked={f.mode === 'at'} label={v.t('sAt')} />
          <label>
            {v.t('bDate')}
            <input type="date" name="date" id="date" value={f.date} />
          </label>
          <label>
            {v.t('bTime')}
            <input type="time" name="time" id="time" value={f.time} />
          </label>
          <Radio name="mode" value="monthly" checked={f.mode === 'monthly'} label={v.t('sMonthly')} />
          <input type="number" name="day" id="day" min={1} max={28} value={f.day} aria-label={v.t('bDate')} />
          <Radio name="mode" value="weekdays" checked={f.mode === 'weekdays'} label={v.t('sWeekdays')} />
          <Radio name="mode" value="cron" checked={f.mode === 'cron'} label={v.t('sCron')} />
          <input name="cron" id="cron" value={f.cron} placeholder="0 9 * * 1" aria-label={v.t('sCron')} />
        </fieldset>
        <button type="submit" id="save">
          {v.t('saveDraft')}
        </button>
      </form>
    </Layout>
  )
}
