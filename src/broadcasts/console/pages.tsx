import { raw } from 'hono/html'
import type { MessageKey } from '../../console/i18n.js'
import { Csrf, Layout, Msg, type View } from '../../console/layout.js'
import type { LineHealth } from '../../line/status.js'
import type { QuotaEstimate } from '../quota.js'
import { ALL_FOLLOWERS, type BroadcastRow, type DeliveryRow, type RunRow } from '../tables.js'
import { deliveryWords, LineBanner, runPause } from './line-state.js'
import { TestSend, type TestSendOptions } from './pages-test.js'
import { progressSentence, quotaSentence, type RunCounts } from './words.js'

// Broadcast list, detail (preview, quota, actions, runs) and a run's delivery log.

const statusKey = (s: string): MessageKey => `st_${s}` as MessageKey

function Status(props: { v: View; status: string }) {
  return <span class={`status status-${props.status}`}>{props.v.t(statusKey(props.status))}</span>
}

export function BroadcastListPage(props: {
  v: View
  rows: BroadcastRow[]
  audienceName: (id: string) => string
  canCompose: boolean
}) {
  const { v } = props
  return (
    <Layout v={v} title={v.t('broadcasts')}>
      {props.canCompose ? (
        <p>
          <a href="/admin/broadcasts/new" id="new-broadcast">
            {v.t('newBroadcast')}
          </a>
        </p>
      ) : null}
      {props.rows.length === 0 ? <p>{v.t('noBroadcasts')}</p> : null}
      <div class="table">
        <table>
          <thead>
            <tr>
              <th>{v.t('bTitle')}</th>
              <th>{v.t('bStatus')}</th>
              <th>{v.t('bNextRun')}</th>
              <th>{v.t('bAudience')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((b) => (
              <tr class="broadcast">
                <td>
                  <a href={`/admin/broadcasts/${b.id}`}>{b.title}</a>
                </td>
                <td>
                  <Status v={v} status={b.status} />
                </td>
                <td>{b.next_run_at ? v.date(b.next_run_at) : '—'}</td>
                <td>{props.audienceName(b.audience)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  )
}

const QUOTA_KEY = { ok: 'quotaOk', warn: 'quotaWarn', block: 'quotaBlock' } as const

function Quota(props: { v: View; q: QuotaEstimate; known: boolean; allFollowers: boolean }) {
  const { v, q } = props
  return (
    <section id="quota" class={`msg${q.level === 'ok' ? '' : ' error'}`}>
      <strong>{v.t('quota')}: </strong>
      {props.known ? v.t(QUOTA_KEY[q.level]) : v.t('quotaUnknown')}
      <br />
      <span id="quota-sentence">{quotaSentence(v.lang, q, props.allFollowers)}</span>
    </section>
  )
}

/** Seconds between reloads of a broadcast page while it is sending (no script: meta refresh). */
export const PROGRESS_REFRESH_SECONDS = 3

export interface Progress {
  /** A run is open, or the broadcast is due and about to start one. */
  running: boolean
  /** The open runs, or else the latest one, with their deliveries counted by status. */
  runs: { run: RunRow; counts: RunCounts }[]
}

/** How far sending has got: sent / total and failures, per run; refreshed while running. */
function ProgressBox(props: { v: View; p: Progress }) {
  const { v, p } = props
  if (!p.running && p.runs.length === 0) return null
  return (
    <section id="progress" class="msg" aria-live="polite" data-running={p.running ? 'yes' : 'no'}>
      <strong>{v.t(p.running ? 'sendingProgress' : 'lastRun')}</strong>
      {p.runs.length === 0 ? <p>{v.t('startingSend')}</p> : null}
      {p.runs.map(({ run, counts }) => {
        const total = counts.pending + counts.sending + counts.sent + counts.failed
        return (
          <p class="run-progress" data-run={run.id}>
            {total > 0 ? <progress max={total} value={counts.sent + counts.failed} /> : null}{' '}
            {total > 0 ? progressSentence(v.lang, counts) : v.t('startingSend')}
          </p>
        )
      })}
      {p.running ? <small>{v.t('autoRefresh')}</small> : null}
    </section>
  )
}

function Action(props: { v: View; action: string; id: string; label: string; disabled?: boolean }) {
  return (
    <form method="post" action={props.action} class="inline">
      <Csrf v={props.v} />
      <button type="submit" id={props.id} disabled={props.disabled}>
        {props.label}
      </button>
    </form>
  )
}

export function BroadcastPage(props: {
  v: View
  b: BroadcastRow
  audienceName: string
  preview: string
  previewCss: string
  quota: QuotaEstimate
  quotaKnown: boolean
  runs: RunRow[]
  canCompose: boolean
  /** Absent for roles that may not compose. */
  testSend?: TestSendOptions
  message?: string
  error?: boolean
  problems?: string[]
  /** The organization's LINE channel as its recent answers tell (src/line/status.ts). */
  line?: LineHealth
  progress?: Progress
}) {
  const { v, b } = props
  const base = `/admin/broadcasts/${b.id}`
  const editable = props.canCompose && (b.status === 'draft' || b.status === 'scheduled')
  const blocked = props.quota.level === 'block'
  const running = props.progress?.running === true
  return (
    <Layout v={v} title={b.title} {...(running ? { refresh: PROGRESS_REFRESH_SECONDS } : {})}>
      <style nonce={v.nonce} dangerouslySetInnerHTML={{ __html: props.previewCss }} />
      <LineBanner v={v} line={props.line} />
      <Msg text={props.message} error={props.error} />
      {props.problems?.map((p) => (
        <p>
          <code>{p}</code>
        </p>
      ))}
      {props.progress ? <ProgressBox v={v} p={props.progress} /> : null}
      <p>
        {v.t('bStatus')}: <Status v={v} status={b.status} /> · {v.t('bAudience')}: {props.audienceName}
        <br />
        {v.t('bNextRun')}: {b.next_run_at ? v.date(b.next_run_at) : v.date(b.run_at)}
        {b.recurrence ? (
          <>
            {' '}
            · <code>{b.recurrence}</code>
          </>
        ) : null}
      </p>
      <h2>{v.t('preview')}</h2>
      <div class="preview" id="preview">
        {raw(props.preview)}
      </div>
      <Quota v={v} q={props.quota} known={props.quotaKnown} allFollowers={b.audience === ALL_FOLLOWERS} />
      {props.canCompose ? (
        <div class="actions inline">
          {editable ? <a href={`${base}/edit`}>{v.t('edit')}</a> : null}
          {b.status === 'draft' ? (
            <>
              <Action
                v={v}
                action={`${base}/schedule`}
                id="schedule"
                label={v.t('scheduleIt')}
                disabled={blocked}
              />
              {b.recurrence === null ? (
                <Action
                  v={v}
                  action={`${base}/send-now`}
                  id="send-now"
                  label={v.t('sendNow')}
                  disabled={blocked}
                />
              ) : null}
            </>
          ) : null}
          {b.status === 'scheduled' ? (
            <Action v={v} action={`${base}/cancel`} id="cancel" label={v.t('cancelToDraft')} />
          ) : null}
        </div>
      ) : null}
      {props.canCompose && props.testSend ? (
        <TestSend v={v} action={`${base}/test`} opts={props.testSend} />
      ) : null}
      <h2>{v.t('runs')}</h2>
      <ul id="runs">
        {props.runs.map((r) => (
          <li>
            <a href={`${base}/runs/${r.id}`}>{v.date(r.scheduled_for)}</a> <Status v={v} status={r.status} />
          </li>
        ))}
      </ul>
    </Layout>
  )
}

/** LINE's status code and request id, and the stored detail in words ("paused by a rate limit"). */
function Answer(props: { v: View; d: DeliveryRow }) {
  const { d } = props
  const words = deliveryWords(props.v, d)
  return (
    <>
      {d.answer_status ?? (words ? null : '—')}
      {d.request_id ? <small> {d.request_id}</small> : null}
      {words ? <span class="detail"> {words}</span> : null}
    </>
  )
}

export interface DeliveryView extends DeliveryRow {
  name: string
  labels: string[]
}

export function DeliveriesPage(props: {
  v: View
  b: BroadcastRow
  run: RunRow
  rows: DeliveryView[]
  canRetry: boolean
  message?: string
  error?: boolean
  line?: LineHealth
  /** For a run paused by a rate limit: whether its pause is still on. */
  now: Date
}) {
  const { v, run } = props
  const failed = props.rows.some((d) => d.status === 'failed')
  const paused = runPause(v, run, props.now)
  const reason = run.reason ? deliveryWords(v, { detail: run.reason, answer_status: null }) : null
  // While the run is open its rows change: the log reloads itself like the broadcast's page.
  const open = run.status === 'pending' || run.status === 'sending'
  return (
    <Layout
      v={v}
      title={`${v.t('deliveryLog')}: ${props.b.title}`}
      {...(open ? { refresh: PROGRESS_REFRESH_SECONDS } : {})}
    >
      <LineBanner v={v} line={props.line} />
      <Msg text={props.message} error={props.error} />
      <p id="run-state">
        {v.date(run.scheduled_for)} · <Status v={v} status={run.status} />
        {paused ? <> · {paused}</> : null}
        {reason ? <> · {reason}</> : null}
      </p>
      {props.canRetry && failed ? (
        <Action
          v={v}
          action={`/admin/broadcasts/${props.b.id}/runs/${run.id}/retry`}
          id="retry"
          label={v.t('retryFailed')}
        />
      ) : null}
      <div class="table">
        <table id="deliveries">
          <thead>
            <tr>
              <th>{v.t('recipients')}</th>
              <th>{v.t('bStatus')}</th>
              <th>{v.t('attempts')}</th>
              <th>{v.t('lineAnswer')}</th>
              <th>{v.t('sentAt')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((d) => (
              <tr class="delivery">
                <td>
                  {d.name}
                  {d.labels.length > 0 ? <small> ({d.labels.join(', ')})</small> : null}
                </td>
                <td>
                  <Status v={v} status={d.status} />
                </td>
                <td>{d.attempts}</td>
                <td>
                  <Answer v={v} d={d} />
                </td>
                <td>{d.sent_at ? v.date(d.sent_at) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  )
}
