import { Csrf, Layout, Msg, type View } from '../../console/layout.js'
import type { Org } from '../../orgs/service.js'

export interface OrgsProps {
  v: View
  orgs: Org[]
  /** `/webhook/<slug>` as LINE must call it (PUBLIC_BASE_URL, else this site). */
  webhookUrl: (slug: string) => string
  message?: string
  error?: boolean
  owner?: { email: string; password: string }
  /** What the create form held when it was refused, secrets excepted. */
  form?: { slug: string; nameTh: string; nameEn: string; ownerEmail: string }
}

function ChannelFields(props: { v: View }) {
  const { v } = props
  return (
    <>
      <label>
        {v.t('channelSecret')}
        <input type="password" name="channelSecret" autocomplete="off" required maxlength={200} />
      </label>
      <label>
        {v.t('accessToken')}
        <input type="password" name="accessToken" autocomplete="off" required maxlength={2000} />
      </label>
    </>
  )
}

function channelState(v: View, o: Org) {
  if (o.slug === 'default') return v.t('channelEnv')
  return v.t(o.hasChannel ? 'channelSet' : 'channelNone')
}

/** Organizations of this deployment; the owner of the default organization only. */
export function OrgsPage(props: OrgsProps) {
  const { v } = props
  const f = props.form
  return (
    <Layout v={v} title={v.t('orgs')}>
      <Msg text={props.message} error={props.error} />
      {props.owner ? (
        <p class="msg" id="one-time">
          {props.owner.email} — {v.t('oneTime')} <code>{props.owner.password}</code>
        </p>
      ) : null}
      <div class="table">
        <table>
          <tbody>
            {props.orgs.map((o) => (
              <tr class="org" data-slug={o.slug}>
                <td>
                  <strong>{v.lang === 'en' ? o.nameEn : o.nameTh}</strong> <code>{o.slug}</code>
                  <br />
                  <small>
                    {v.t('webhookUrl')}: <code class="webhook">{props.webhookUrl(o.slug)}</code>
                  </small>
                  <br />
                  <small>
                    {channelState(v, o)} · {v.t('created')} {v.date(o.createdAt)}
                  </small>
                </td>
                <td>
                  {o.slug === 'default' ? null : (
                    <details>
                      <summary>{v.t('rotate')}</summary>
                      <form method="post" action={`/admin/orgs/${o.slug}/channel`} class="stack">
                        <Csrf v={v} />
                        <ChannelFields v={v} />
                        <button type="submit">{v.t('rotate')}</button>
                      </form>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{v.t('createOrg')}</h2>
      <form method="post" action="/admin/orgs" class="stack" id="create-org">
        <Csrf v={v} />
        <label>
          {v.t('orgId')}
          <input name="slug" required maxlength={40} pattern="[a-z0-9-]{1,40}" value={f?.slug} />
        </label>
        <label>
          {v.t('orgNameTh')}
          <input name="nameTh" required maxlength={200} value={f?.nameTh} />
        </label>
        <label>
          {v.t('orgNameEn')}
          <input name="nameEn" maxlength={200} value={f?.nameEn} />
        </label>
        <ChannelFields v={v} />
        <label>
          {v.t('firstOwner')}
          <input type="email" name="ownerEmail" value={f?.ownerEmail} />
        </label>
        <button type="submit">{v.t('createOrg')}</button>
      </form>
    </Layout>
  )
}
