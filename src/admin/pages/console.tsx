import type { AuditEntry } from '../../audit/service.js'
import { Csrf, Layout, Msg, type View } from '../../console/layout.js'
import { ROLES } from '../../console/session.js'
import type { AccountView } from '../accounts.js'
import { auditWords } from '../audit-words.js'
import type { GroupView } from '../groups.js'

export function HomePage(props: {
  v: View
  counts: { groups: number; followers: number }
  unnamed?: boolean
}) {
  const { v, counts } = props
  return (
    <Layout v={v} title={v.t('home')}>
      {props.unnamed ? (
        <p class="msg" id="unnamed">
          <a href="/admin/org">{v.t('orgUnnamed')}</a>
        </p>
      ) : null}
      <div class="cards">
        <a class="card" href="/admin/groups" id="count-groups">
          <b>{counts.groups}</b>
          {v.t('groups')}
        </a>
        <div class="card" id="count-followers">
          <b>{counts.followers}</b>
          {v.t('followers')}
        </div>
      </div>
    </Layout>
  )
}

export function GroupsPage(props: {
  v: View
  groups: GroupView[]
  canLabel: boolean
  message?: string
  error?: boolean
}) {
  const { v } = props
  return (
    <Layout v={v} title={v.t('groups')}>
      <Msg text={props.message} error={props.error} />
      {props.groups.length === 0 ? <p>{v.t('noGroups')}</p> : null}
      <div class="table">
        <table>
          <tbody>
            {props.groups.map((g) => (
              <tr class="group">
                <td>
                  <strong class="group-name">{g.name ?? '—'}</strong>
                  <br />
                  <small>
                    {g.memberCount ?? '?'} {v.t('members')}
                  </small>
                </td>
                <td>
                  {props.canLabel ? (
                    <form method="post" action="/admin/groups/labels" class="inline">
                      <Csrf v={v} />
                      <input type="hidden" name="chat" value={g.chatId} />
                      <input
                        name="labels"
                        value={g.labels.join(', ')}
                        aria-label={v.t('labels')}
                        placeholder={v.t('labels')}
                        maxlength={600}
                      />
                      <button type="submit">{v.t('save')}</button>
                    </form>
                  ) : (
                    <span class="labels">{g.labels.join(', ')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  )
}

export function AccountsPage(props: {
  v: View
  accounts: AccountView[]
  message?: string
  error?: boolean
  oneTime?: { email: string; password: string }
}) {
  const { v } = props
  return (
    <Layout v={v} title={v.t('accounts')}>
      <Msg text={props.message} error={props.error} />
      {props.oneTime ? (
        <p class="msg" id="one-time">
          {props.oneTime.email} — {v.t('oneTime')} <code>{props.oneTime.password}</code>
        </p>
      ) : null}
      <div class="table">
        <table>
          <tbody>
            {props.accounts.map((a) => (
              <tr class="account">
                <td>{a.email}</td>
                <td>{v.t(a.role)}</td>
                <td>{v.date(a.createdAt)}</td>
                <td>
                  {a.disabled ? (
                    v.t('disabled')
                  ) : a.id === v.admin?.id ? null : (
                    <form method="post" action="/admin/accounts/disable">
                      <Csrf v={v} />
                      <input type="hidden" name="id" value={a.id} />
                      <button type="submit" class="secondary">
                        {v.t('disable')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{v.t('create')}</h2>
      <form method="post" action="/admin/accounts" class="stack">
        <Csrf v={v} />
        <label>
          {v.t('email')}
          <input type="email" name="email" required />
        </label>
        <label>
          {v.t('role')}
          <select name="role">
            {ROLES.map((r) => (
              <option value={r}>{v.t(r)}</option>
            ))}
          </select>
        </label>
        <button type="submit">{v.t('create')}</button>
      </form>
    </Layout>
  )
}

export function AuditPage(props: { v: View; entries: AuditEntry[] }) {
  const { v } = props
  return (
    <Layout v={v} title={v.t('audit')}>
      <div class="table">
        <table>
          <thead>
            <tr>
              <th>{v.t('when')}</th>
              <th>{v.t('who')}</th>
              <th>{v.t('what')}</th>
              <th>{v.t('target')}</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => (
              <tr class="audit" data-action={e.action}>
                <td>{v.date(e.at)}</td>
                <td>{e.actorEmail ?? '—'}</td>
                <td class="action" title={e.action}>
                  {auditWords(e.action, v.lang)}
                </td>
                <td>
                  {e.target ?? ''}
                  {e.detail ? ` (${e.detail})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  )
}
