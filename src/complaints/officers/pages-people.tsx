import { Csrf, Layout, type View } from '../../console/layout.js'
import type { CaseDetail } from './case-view.js'
import { officerWords } from './i18n.js'
import { peopleWords } from './i18n-people.js'

// Conflict of interest and identity reveal on a case page, and the identity page itself.

export function ExclusionSection(props: { v: View; c: CaseDetail }) {
  const { v, c } = props
  const t = peopleWords(v.lang)
  const excluded = new Set(c.exclusions.map((x) => x.adminId))
  const candidates = c.handlers.filter((h) => !excluded.has(h.id))
  return (
    <section id="exclusions">
      <h2>{t('exclusions')}</h2>
      <p>
        <small>{t('excludeNote')}</small>
      </p>
      {c.exclusions.length === 0 ? <p>{t('noExclusions')}</p> : null}
      <ul>
        {c.exclusions.map((x) => (
          <li class="exclusion">
            {x.email ?? x.adminId} — {t('excludedBy')} {x.by ?? '—'}, {v.date(x.at)}
          </li>
        ))}
      </ul>
      {candidates.length > 0 ? (
        <form method="post" action={`/admin/complaints/${c.row.id}/exclusions`} class="inline">
          <Csrf v={v} />
          <select name="admin" aria-label={t('excludeWho')}>
            {candidates.map((h) => (
              <option value={h.id}>{h.email}</option>
            ))}
          </select>
          <button type="submit" class="secondary" id="exclude">
            {t('exclude')}
          </button>
        </form>
      ) : null}
    </section>
  )
}

export function RevealSection(props: { v: View; c: CaseDetail; me: string; tooNew: string | null }) {
  const { v, c, me } = props
  const t = peopleWords(v.lang)
  const base = `/admin/complaints/${c.row.id}/reveal`
  const pending = c.reveals.some((r) => r.status === 'pending')
  const mayView = c.reveals.some(
    (r) => r.status === 'approved' && (r.requestedBy === me || r.decidedBy === me),
  )
  return (
    <section id="reveal">
      <h2>{t('reveal')}</h2>
      <p>
        <small>{t('revealNote')}</small>
      </p>
      <ul>
        {c.reveals.map((r) => (
          <li class="reveal-request" data-status={r.status}>
            {t(r.status)} · {t('requestedBy')} {r.requesterEmail ?? '—'} ({v.date(r.requestedAt)}):{' '}
            <q>{r.reason}</q>
            {r.decidedAt ? ` · ${t('decidedBy')} ${r.deciderEmail ?? '—'} (${v.date(r.decidedAt)})` : ''}
            {r.status === 'pending' && r.requestedBy !== me && props.tooNew ? (
              <p class="too-new">{props.tooNew}</p>
            ) : null}
            {r.status === 'pending' && r.requestedBy !== me ? (
              <form method="post" action={`${base}/${r.id}`} class="inline">
                <Csrf v={v} />
                {props.tooNew ? null : (
                  <button type="submit" name="decision" value="approve" id="approve-reveal">
                    {t('approve')}
                  </button>
                )}
                <button type="submit" name="decision" value="reject" class="secondary" id="reject-reveal">
                  {t('reject')}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {mayView ? (
        <p>
          <a href={`/admin/complaints/${c.row.id}/identity`} id="view-identity">
            {t('viewIdentity')}
          </a>
        </p>
      ) : null}
      {pending ? null : (
        <form method="post" action={base} class="stack">
          <Csrf v={v} />
          <label>
            {t('reason')}
            <textarea name="reason" maxlength={500} required />
          </label>
          <button type="submit" id="request-reveal">
            {t('requestReveal')}
          </button>
        </form>
      )}
    </section>
  )
}

export function IdentityPage(props: {
  v: View
  code: string
  caseId: string
  identity: Record<string, string>
}) {
  const { v } = props
  const t = peopleWords(v.lang)
  const known = { name: t('name'), contact: t('contact') } as Record<string, string>
  return (
    <Layout v={v} title={`${t('identityTitle')}: ${props.code}`}>
      <p>
        <small>{officerWords(v.lang)('auditedRead')}</small>
      </p>
      <dl class="case" id="identity">
        {Object.entries(props.identity).map(([k, value]) => (
          <>
            <dt>{known[k] ?? k}</dt>
            <dd>{value}</dd>
          </>
        ))}
      </dl>
      <p>
        <a href={`/admin/complaints/${props.caseId}`}>{props.code}</a>
      </p>
    </Layout>
  )
}
