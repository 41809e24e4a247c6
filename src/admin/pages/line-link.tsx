import { Csrf, Layout, Msg, type View } from '../../console/layout.js'

export interface LineLinkProps {
  v: View
  linkedAt: Date | null
  /** Shown once, right after it was issued. */
  code?: { code: string; expiresAt: Date }
  localMode: boolean
  message?: string
  error?: boolean
}

/** The admin's own LINE account: link with a one-time code sent to the bot, or unlink. */
export function LineLinkPage(props: LineLinkProps) {
  const { v } = props
  return (
    <Layout v={v} title={v.t('lineLink')}>
      <Msg text={props.message} error={props.error} />
      <p>{v.t('linkWhy')}</p>
      {props.linkedAt ? (
        <>
          <p id="link-status" class="linked">
            {v.t('linkedSince')} {v.date(props.linkedAt)}
          </p>
          <form method="post" action="/admin/line-link/unlink" class="inline">
            <Csrf v={v} />
            <button type="submit" id="unlink" class="secondary">
              {v.t('unlink')}
            </button>
          </form>
        </>
      ) : (
        <p id="link-status">{v.t('notLinkedYet')}</p>
      )}
      {props.code ? (
        <section class="msg" id="link-code">
          {v.t('codeSend')}
          <br />
          <code>ผูกบัญชี {props.code.code}</code> · <code>link {props.code.code}</code>
          <br />
          <small>
            {v.t('validUntil')} {v.date(props.code.expiresAt)}
          </small>
          {props.localMode ? (
            <>
              <br />
              <small>{v.t('codeSim')}</small>
            </>
          ) : null}
          <br />
          <a href="/admin/line-link">{v.t('checkStatus')}</a>
        </section>
      ) : null}
      <form method="post" action="/admin/line-link/code" class="inline">
        <Csrf v={v} />
        <button type="submit" id="get-code">
          {v.t('getCode')}
        </button>
      </form>
    </Layout>
  )
}
