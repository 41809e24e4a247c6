import { Layout, type View } from '../console/layout.js'
import { num } from './format.js'
import { evidenceWords } from './labels.js'
import type { YearOverview } from './report.js'
import { PAGE_CSS } from './report-page.js'

// /admin/evidence/years?from=&to=: each measure over several fiscal years, so a working group
// can show the trend the next year's analysis asks about.

export function YearsPage(props: {
  v: View
  from: number
  to: number
  years: YearOverview[]
  /** Measure ids in flows/ order with their names in the page's language. */
  names: { id: string; name: string }[]
}) {
  const { v } = props
  const t = evidenceWords(v.lang)
  const ids = [
    ...props.names.map((n) => n.id),
    ...props.years.flatMap((y) => y.measures.map((m) => m.id)),
  ].filter((id, i, all) => all.indexOf(id) === i)
  return (
    <Layout v={v} title={t('yearsTitle')} css={PAGE_CSS}>
      <form method="get" action="/admin/evidence/years" class="inline">
        <label>
          {t('from')} <input name="from" id="from" inputmode="numeric" size={5} value={String(props.from)} />
        </label>
        <label>
          {t('to')} <input name="to" id="to" inputmode="numeric" size={5} value={String(props.to)} />
        </label>
        <button type="submit" class="secondary">
          {t('show')}
        </button>
      </form>
      {ids.map((id) => (
        <section class="measure" data-measure={id}>
          <h2>{props.names.find((n) => n.id === id)?.name ?? id}</h2>
          <div class="table">
            <table class="years">
              <thead>
                <tr>
                  {(['fy', 'deliveries', 'people', 'acks'] as const).map((k) => (
                    <th scope="col">{t(k)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.years.map((y) => {
                  const m = y.measures.find((x) => x.id === id)
                  return (
                    <tr class="year" data-fy={String(y.fiscalYear)}>
                      <th scope="row">
                        <a href={`/admin/evidence/${y.fiscalYear}`}>{String(y.fiscalYear)}</a>
                      </th>
                      <td>{num(m?.deliveries ?? 0)}</td>
                      <td class="people">{num(m?.people ?? 0)}</td>
                      <td>{num(m?.acknowledgments ?? 0)}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Layout>
  )
}

/** A refused request (range over ten years, a malformed year): the message and a way back. */
export function RefusedPage(props: { v: View; title: string; message: string; back: string }) {
  const t = evidenceWords(props.v.lang)
  return (
    <Layout v={props.v} title={props.title}>
      <p class="msg error" role="alert" id="refused">
        {props.message}
      </p>
      <p>
        <a href={props.back}>{t('back')}</a>
      </p>
    </Layout>
  )
}
