import type { Grant } from '../../admin/officer-grants.js'
import { Layout, type View } from '../../console/layout.js'
import { formatDay } from '../../core/time/index.js'
import type { CategoryLabels } from '../labels.js'
import type { CaseSummary } from './cases.js'
import { type OfficerKey, officerWords } from './i18n.js'
import { GrantsBanner } from './pages-grants.js'
import type { CaseFilter } from './repository.js'

// /admin/complaints: the officer's cases by deadline, without any content.

export const caseCss = `
tr.overdue td{background:#fdecea}tr.soon td{background:#fff8e1}
.flag{font-weight:600}.overdue .flag{color:#8a1c1c}.soon .flag{color:#8a5a00}
.thread{display:grid;gap:.5rem;max-width:48rem}.thread .m{background:#fff;border-radius:8px;padding:.5rem .8rem;white-space:pre-wrap}
.thread .m.officer{border-left:4px solid #06c755}.thread .m.complainant{border-left:4px solid #888}
dl.case{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.case dd{margin:0;white-space:pre-wrap}
textarea{font:inherit;width:100%;max-width:40rem;min-height:6rem;padding:.45rem .6rem;border:1px solid #bbb;border-radius:6px}
section{margin:1.5rem 0}
`

export const statusKey = (s: CaseSummary['status']): OfficerKey => `${s}_s`

export function CaseListPage(props: {
  v: View
  filter: CaseFilter
  cases: CaseSummary[]
  categories: CategoryLabels
  grants: readonly Grant[]
}) {
  const { v, categories } = props
  const t = officerWords(v.lang)
  const filters: [CaseFilter, OfficerKey][] = [
    ['open', 'open'],
    ['closed', 'closedCases'],
    ['all', 'all'],
  ]
  return (
    <Layout v={v} title={t('title')}>
      <style nonce={v.nonce} dangerouslySetInnerHTML={{ __html: caseCss }} />
      <GrantsBanner v={v} grants={props.grants} />
      <p>{t('listNote')}</p>
      <form method="get" action="/admin/complaints" class="inline">
        <select name="filter" aria-label={t('status')}>
          {filters.map(([f, k]) => (
            <option value={f} selected={f === props.filter}>
              {t(k)}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          {t('show')}
        </button>
        <a href="/admin/complaints/stats">{t('stats')}</a>
      </form>
      {props.cases.length === 0 ? <p id="no-cases">{t('none')}</p> : null}
      <div class="table">
        <table>
          <thead>
            <tr>
              {(['code', 'status', 'deadline', 'category', 'channel', 'received'] as const).map((k) => (
                <th>{t(k)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.cases.map((c) => (
              <tr
                class={`case${c.deadline?.endsWith('overdue') ? ' overdue' : c.deadline ? ' soon' : ''}`}
                data-code={c.code}
              >
                <td>
                  <a href={`/admin/complaints/${c.id}`}>{c.code}</a>
                </td>
                <td>
                  {t(statusKey(c.status))}
                  {c.outcome ? ` (${t(c.outcome)})` : ''}
                </td>
                <td>
                  {c.due ? formatDay(c.due, v.lang) : '—'}
                  {c.deadline ? <div class="flag">{t(c.deadline)}</div> : null}
                </td>
                <td>{categories.label(c.category)}</td>
                <td>{t(c.channel)}</td>
                <td>{formatDay(c.receivedOn, v.lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  )
}
