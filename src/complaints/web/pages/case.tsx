import { formatDay } from '../../../core/time/index.js'
import type { ComplainantView } from '../../service.js'
import { statusLabel } from '../i18n.js'
import { Layout, Lines, Msg, type Page, withLang } from './layout.js'
import { ACCEPT, type Limits } from './report.js'

export interface CaseProps {
  p: Page
  view: ComplainantView
  /** The short-lived access token: in hidden fields only, never in a URL. */
  access: string
  minutesLeft: number
  limits: Limits
  notice?: string
  error?: string
  problems?: string[]
  message?: string
}

/** Status, dates (Buddhist era), the thread, and the reply form of one case. */
export function CasePage(props: CaseProps) {
  const { p, view } = props
  const day = (d: string) => formatDay(d, p.lang)
  const other = p.lang === 'en' ? 'th' : 'en'
  return (
    <Layout p={p} title={`${p.t('code')} ${view.code}`}>
      <form method="post" action={`${p.base}/follow/case?lang=${other}`} class="lang">
        <input type="hidden" name="access" value={props.access} />
        <button type="submit" class="secondary" id="switch-lang">
          {p.t('switchLang')}
        </button>
      </form>
      <Msg text={props.notice} id="notice" />
      <Msg text={props.error} error id="case-error" />
      {props.problems?.map((m) => (
        <p class="msg error problem" role="alert">
          {m}
        </p>
      ))}
      <dl>
        <dt>{p.t('status')}</dt>
        <dd id="case-status">{statusLabel(p.lang, view.status, view.outcome)}</dd>
        <dt>{p.t('received')}</dt>
        <dd id="received-on">{day(view.receivedOn)}</dd>
        <dt>{p.t('ackDue')}</dt>
        <dd>{day(view.ackDue)}</dd>
        <dt>{p.t('feedbackDue')}</dt>
        <dd>{day(view.feedbackDue)}</dd>
        <dt>{p.t('evidenceCount')}</dt>
        <dd id="evidence-count">{view.evidence}</dd>
      </dl>
      <h2>{p.t('thread')}</h2>
      <section class="thread" id="thread">
        {view.messages.length === 0 ? <p>{p.t('noMessages')}</p> : null}
        {view.messages.map((m) => (
          <div class={`entry ${m.author}`}>
            <p class="hint">{`${m.author === 'officer' ? p.t('fromOfficer') : p.t('fromYou')} · ${day(m.sentOn)}`}</p>
            <Lines text={m.text} />
          </div>
        ))}
      </section>
      {view.status === 'closed' ? (
        <p class="msg">{p.t('closed')}</p>
      ) : (
        <>
          <h2>{p.t('reply')}</h2>
          <form
            method="post"
            action={withLang(`${p.base}/follow/reply`, p.lang)}
            enctype="multipart/form-data"
          >
            <input type="hidden" name="access" value={props.access} />
            <textarea name="message" id="message" rows={5}>
              {props.message ?? ''}
            </textarea>
            <input type="file" name="evidence" id="evidence" multiple accept={ACCEPT} />
            <span class="hint">
              {p.t('filesHint', {
                n: props.limits.maxFiles,
                each: props.limits.eachMb,
                total: props.limits.totalMb,
              })}
            </span>
            <button type="submit" id="send-reply">
              {p.t('send')}
            </button>
          </form>
        </>
      )}
      <p class="hint">{p.t('accessNote', { min: props.minutesLeft })}</p>
      <p>
        <a href={withLang(p.base, p.lang)}>{p.t('newReport')}</a>
      </p>
    </Layout>
  )
}
