import type { Grant } from '../../admin/officer-grants.js'
import { Csrf, Layout, Msg, type View } from '../../console/layout.js'
import { formatDay } from '../../core/time/index.js'
import type { CategoryLabels } from '../labels.js'
import { OUTCOMES } from '../tables.js'
import type { CaseDetail } from './case-view.js'
import { officerWords } from './i18n.js'
import { GrantsBanner } from './pages-grants.js'
import { caseCss, statusKey } from './pages-list.js'
import { ExclusionSection, RevealSection } from './pages-people.js'
import { NEXT } from './status.js'

// One case, opened by an officer (the read is audited before this renders).

export interface CasePageProps {
  v: View
  c: CaseDetail
  categories: CategoryLabels
  me: string
  /** The grants of the officer role on the banner, and why this officer may not approve yet. */
  grants: readonly Grant[]
  tooNew: string | null
  message?: string
  error?: boolean
  draft?: { to?: string; outcome?: string; message?: string }
}

const CONTENT_FIELDS = ['what', 'when', 'where', 'who'] as const

function Facts(props: CasePageProps) {
  const { v, c } = props
  const t = officerWords(v.lang)
  const r = c.row
  const day = (d: string | null) => (d ? formatDay(d, v.lang) : '—')
  return (
    <dl class="case">
      <dt>{t('status')}</dt>
      <dd id="case-status">
        {t(statusKey(r.status))}
        {r.outcome ? ` (${t(r.outcome)})` : ''}
      </dd>
      <dt>{t('category')}</dt>
      <dd>{props.categories.label(r.category)}</dd>
      <dt>{t('channel')}</dt>
      <dd>{t(r.channel)}</dd>
      <dt>{t('identity')}</dt>
      <dd>{t(r.identity)}</dd>
      <dt>{t('received')}</dt>
      <dd>{day(r.received_on)}</dd>
      <dt>{t('ackDue')}</dt>
      <dd>{day(r.ack_due)}</dd>
      <dt>{t('feedbackDue')}</dt>
      <dd>{day(r.feedback_due)}</dd>
      <dt>{t('acknowledgedOn')}</dt>
      <dd>{day(r.acknowledged_on)}</dd>
      <dt>{t('closedOn')}</dt>
      <dd>{day(r.closed_on)}</dd>
      {r.expires_on ? (
        <>
          <dt>{t('expiresOn')}</dt>
          <dd>{day(r.expires_on)}</dd>
        </>
      ) : null}
    </dl>
  )
}

function Content(props: CasePageProps) {
  const { v, c } = props
  const t = officerWords(v.lang)
  const extra = Object.keys(c.content).filter((k) => !(CONTENT_FIELDS as readonly string[]).includes(k))
  return (
    <section id="content">
      <h2>{t('content')}</h2>
      <dl class="case">
        {CONTENT_FIELDS.filter((k) => c.content[k] !== undefined).map((k) => (
          <>
            <dt>{t(k)}</dt>
            <dd class={`content-${k}`}>{c.content[k]}</dd>
          </>
        ))}
        {extra.map((k) => (
          <>
            <dt>{k}</dt>
            <dd>{c.content[k]}</dd>
          </>
        ))}
      </dl>
      <h2>{t('thread')}</h2>
      {c.messages.length === 0 ? <p>{t('noMessages')}</p> : null}
      <div class="thread" id="thread">
        {c.messages.map((m) => (
          <div class={`m ${m.author}`}>
            <small>
              {formatDay(m.sentOn, v.lang)} ·{' '}
              {m.author === 'officer' ? (m.officer ?? t('officer')) : t('complainant')}
            </small>
            <div>{m.text}</div>
          </div>
        ))}
      </div>
      <h2>{t('evidence')}</h2>
      {c.evidence.length === 0 ? <p>{t('noEvidence')}</p> : null}
      <ul id="evidence">
        {c.evidence.map((e) => (
          <li>
            <a href={`/admin/complaints/${c.row.id}/evidence/${e.id}`} class="evidence">
              {t('download')}: {e.name ?? e.kind}
            </a>{' '}
            ({e.mime}, {Math.ceil(e.sizeBytes / 1024)} KB, {formatDay(e.addedOn, v.lang)})
          </li>
        ))}
      </ul>
    </section>
  )
}

function Actions(props: CasePageProps) {
  const { v, c, draft } = props
  const t = officerWords(v.lang)
  const next = NEXT[c.row.status]
  const base = `/admin/complaints/${c.row.id}`
  return (
    <>
      {next.length > 0 ? (
        <section>
          <h2>{t('changeStatus')}</h2>
          <form method="post" action={`${base}/status`} class="stack" id="status-form">
            <Csrf v={v} />
            <input type="hidden" name="from" value={c.row.status} />
            <label>
              {t('newStatus')}
              <select name="to" id="to">
                {next.map((s) => (
                  <option value={s} selected={draft?.to === s}>
                    {t(statusKey(s))}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('outcome')}
              <select name="outcome" id="outcome">
                <option value="">{t('noOutcome')}</option>
                {OUTCOMES.map((o) => (
                  <option value={o} selected={draft?.outcome === o}>
                    {t(o)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('messageToComplainant')}
              <textarea name="message" id="status-message" maxlength={2000} required>
                {draft?.to !== undefined ? (draft.message ?? '') : ''}
              </textarea>
            </label>
            <button type="submit" id="save-status">
              {t('saveStatus')}
            </button>
          </form>
        </section>
      ) : null}
      {c.row.status !== 'closed' ? (
        <section>
          <h2>{t('postMessage')}</h2>
          <form method="post" action={`${base}/messages`} class="stack" id="message-form">
            <Csrf v={v} />
            <label>
              {t('messageToComplainant')}
              <textarea name="message" id="plain-message" maxlength={2000} required>
                {draft?.to === undefined ? (draft?.message ?? '') : ''}
              </textarea>
            </label>
            <button type="submit" id="send-message">
              {t('send')}
            </button>
          </form>
        </section>
      ) : null}
    </>
  )
}

function History(props: CasePageProps) {
  const { v, c } = props
  const t = officerWords(v.lang)
  return (
    <section>
      <h2>{t('history')}</h2>
      <table id="history">
        <tbody>
          {c.history.map((h) => (
            <tr>
              <td>{h.day ? formatDay(h.day, v.lang) : v.date(h.at)}</td>
              <td>
                {t(statusKey(h.status))}
                {h.outcome ? ` (${t(h.outcome)})` : ''}
              </td>
              <td>{h.by ?? t('system')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

export function CasePage(props: CasePageProps) {
  const { v, c } = props
  const t = officerWords(v.lang)
  const stub = c.row.stub
  return (
    <Layout v={v} title={`${t('code')} ${c.row.code}`}>
      <style nonce={v.nonce} dangerouslySetInnerHTML={{ __html: caseCss }} />
      <GrantsBanner v={v} grants={props.grants} />
      <Msg text={props.message} error={props.error ?? false} />
      <p>
        <small>{t('auditedRead')}</small>
      </p>
      <Facts {...props} />
      {stub ? <p id="stub-note">{t('stubNote')}</p> : <Content {...props} />}
      {stub ? null : <Actions {...props} />}
      <History {...props} />
      {stub ? null : <ExclusionSection v={v} c={c} />}
      {stub || c.row.identity !== 'named' ? null : (
        <RevealSection v={v} c={c} me={props.me} tooNew={props.tooNew} />
      )}
      <p>
        <a href="/admin/complaints">{t('back')}</a>
      </p>
    </Layout>
  )
}
