import { Csrf, Layout, Msg, type View } from '../../console/layout.js'

export interface TokenView {
  id: string
  name: string
  prefix: string
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}

export interface ApiTokensProps {
  v: View
  tokens: TokenView[]
  /** The whole token, in the answer that created it only. */
  created?: { name: string; token: string }
  message?: string
  error?: boolean
}

/** Bearer tokens for /api/v1 of this organization: owners only. */
export function ApiTokensPage(props: ApiTokensProps) {
  const { v } = props
  return (
    <Layout v={v} title={v.t('apiTokens')}>
      <Msg text={props.message} error={props.error} />
      {props.created ? (
        <p class="msg" id="new-token">
          {props.created.name} — {v.t('tokenOnce')} <code>{props.created.token}</code>
        </p>
      ) : null}
      {props.tokens.length === 0 ? <p>{v.t('noTokens')}</p> : null}
      <div class="table">
        <table>
          <thead>
            <tr>
              <th>{v.t('tokenName')}</th>
              <th>{v.t('created')}</th>
              <th>{v.t('lastUsed')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((t) => (
              <tr class="token" data-id={t.id}>
                <td>
                  {t.name} <code>{t.prefix}</code>
                </td>
                <td>{v.date(t.createdAt)}</td>
                <td>{t.lastUsedAt ? v.date(t.lastUsedAt) : v.t('never')}</td>
                <td>
                  {t.revokedAt ? (
                    `${v.t('revoked')} ${v.date(t.revokedAt)}`
                  ) : (
                    <form method="post" action="/admin/api-tokens/revoke" class="inline">
                      <Csrf v={v} />
                      <input type="hidden" name="id" value={t.id} />
                      <button type="submit" class="secondary">
                        {v.t('revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{v.t('createToken')}</h2>
      <form method="post" action="/admin/api-tokens" class="stack">
        <Csrf v={v} />
        <label>
          {v.t('tokenName')}
          <input name="name" required maxlength={100} />
        </label>
        <button type="submit" id="create-token">
          {v.t('createToken')}
        </button>
      </form>
    </Layout>
  )
}
