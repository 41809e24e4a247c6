import { Layout, type View } from '../console/layout.js'
import { pick } from './format.js'
import { evidenceWords } from './labels.js'
import { ItemsLine } from './measure-detail.js'
import { PAGE_CSS, ReportLinks } from './report-page.js'
import type { Ctx } from './results-table.js'
import type { EvidenceReport, ItemRow } from './types.js'

// /admin/evidence/<fy>/items: the same year read item by item, the way an assessor checks
// the form (o25 "which measure answers this item, and what did it do").

export function ItemsPage(props: { v: View; ctx: Ctx; report: EvidenceReport; rows: ItemRow[] }) {
  const { v, report } = props
  const t = evidenceWords(v.lang)
  const warned = report.measures.filter((m) => m.itemsOutsideForm.length > 0)
  return (
    <Layout v={v} title={`${t('byItem')} · ${t('fy')} ${report.fiscalYear}`} css={PAGE_CSS}>
      <ReportLinks v={v} fy={report.fiscalYear} />
      {report.empty ? (
        <p class="empty" id="empty" role="status">
          {t('empty')}
        </p>
      ) : null}
      {props.rows.length === 0 ? <p>{t('noItems')}</p> : null}
      <div class="table">
        <table id="items">
          <thead>
            <tr>
              <th scope="col">{t('item')}</th>
              <th scope="col">{t('itemText')}</th>
              <th scope="col">{t('answeredBy')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr class="item" data-item={r.item.code}>
                <th scope="row">{r.item.code}</th>
                <td>{pick(r.item.text, v.lang)}</td>
                <td>
                  <ul>
                    {r.measures.map((m) => (
                      <li data-measure={m.id}>
                        <b>{pick(m.name, v.lang)}</b>
                        {report.empty ? null : <>: {pick(m.summary, v.lang)}</>}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {warned.map((m) => (
        <section data-measure={m.id}>
          <h2>{pick(m.name, v.lang)}</h2>
          <ItemsLine ctx={props.ctx} m={m} />
        </section>
      ))}
    </Layout>
  )
}
