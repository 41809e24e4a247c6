import { cellText } from '../complaints/suppression.js'
import { formatMonth } from '../core/time/index.js'
import { cumulative, dateText, num, pct, pick } from './format.js'
import { evidenceWords } from './labels.js'
import type { Ctx } from './results-table.js'
import type { BroadcastDone, MeasureReport, Reach, Returned } from './types.js'

// Behind each results row: what was sent, whom it reached, what came back. These are the
// figures the summary line is built from, for an assessor who asks "how do you know".

export function ItemsLine(props: { ctx: Ctx; m: MeasureReport }) {
  const t = evidenceWords(props.ctx.lang)
  const { m } = props
  return (
    <>
      <p class="items">
        <small>
          {t('items')}: {m.items.length === 0 ? '—' : m.items.map((i) => i.code).join(', ')}
        </small>
      </p>
      {m.itemsOutsideForm.length > 0 ? (
        <p class="warn outside-form" role="alert">
          {t('outsideForm')}: <b>{m.itemsOutsideForm.join(', ')}</b>. {t('outsideHint')}
        </p>
      ) : null}
    </>
  )
}

function Broadcasts(props: { ctx: Ctx; list: BroadcastDone[] }) {
  const { ctx } = props
  const t = evidenceWords(ctx.lang)
  if (props.list.length === 0) return <p class="no-broadcasts">{t('noBroadcasts')}</p>
  return (
    <div class="table">
      <table class="broadcasts">
        <thead>
          <tr>
            {(['bTitle', 'audience', 'sentAt', 'recipients', 'delivered', 'failed'] as const).map((k) => (
              <th scope="col">{t(k)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.list.map((b) => (
            <tr class="broadcast" data-broadcast={b.broadcastId}>
              <td>{b.title}</td>
              <td>{b.audience}</td>
              <td class="dates">{b.sentAt.map((d) => dateText(d, ctx.lang, ctx.tz)).join(', ')}</td>
              <td>{num(b.recipients)}</td>
              <td class="delivered">{num(b.delivered)}</td>
              <td>{num(b.failed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function ReachCards(props: { ctx: Ctx; r: Reach }) {
  const t = evidenceWords(props.ctx.lang)
  const { r } = props
  const card = (cls: string, value: string, label: string) => (
    <div class={`card ${cls}`}>
      <b>{value}</b>
      {label}
    </div>
  )
  return (
    <div class="cards">
      {card('people', num(r.people), t('people'))}
      {card('groups', num(r.groups), t('groups'))}
      {card('deliveries', num(r.deliveries), t('deliveries'))}
      {card('acks', num(r.acknowledgments), t('acks'))}
      {card('ack-rate', pct(r.ackRate, t('unknown')), t('ackRate'))}
    </div>
  )
}

export function UnitTable(props: { ctx: Ctx; r: Reach }) {
  const t = evidenceWords(props.ctx.lang)
  if (props.r.byUnit.length === 0) return null
  return (
    <table class="by-unit">
      <thead>
        <tr>
          {(['unit', 'groups', 'delivered', 'acks', 'ackRate'] as const).map((k) => (
            <th scope="col">{t(k)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.r.byUnit.map((u) => (
          <tr class="unit" data-unit={u.unit}>
            <td>{u.unit}</td>
            <td>{num(u.groups)}</td>
            <td>{num(u.delivered)}</td>
            <td>{num(u.acknowledgments)}</td>
            <td class="rate">{pct(u.ackRate, t('unknown'))}</td>
          </tr>
        ))}
      </tbody>
      {/* The measure's rate is these rows added up (rates.ts): the same figure as its outcome. */}
      <tfoot>
        <tr class="unit-total">
          <th scope="row">{t('unitsTotal')}</th>
          <td>{num(props.r.groups)}</td>
          <td>{num(props.r.deliveries)}</td>
          <td>{num(props.r.acknowledgments)}</td>
          <td class="rate">{pct(props.r.ackRate, t('unknown'))}</td>
        </tr>
      </tfoot>
    </table>
  )
}

export function MonthTable(props: { ctx: Ctx; r: Reach }) {
  const { lang } = props.ctx
  const t = evidenceWords(lang)
  const totals = cumulative(props.r.byMonth)
  return (
    <table class="by-month">
      <thead>
        <tr>
          {(['month', 'delivered', 'newlyReached', 'cumulative', 'acks'] as const).map((k) => (
            <th scope="col">{t(k)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.r.byMonth.map((m, i) => (
          <tr class="month" data-month={m.month}>
            <td>{formatMonth(m.month, lang)}</td>
            <td>{num(m.delivered)}</td>
            <td>{num(m.newlyReached)}</td>
            <td class="cumulative">{num(totals[i]?.total ?? 0)}</td>
            <td>{num(m.acknowledgments)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function ReturnedTable(props: { ctx: Ctx; list: Returned[] }) {
  const { lang } = props.ctx
  const t = evidenceWords(lang)
  if (props.list.length === 0) return <p class="nothing-back">{t('nothingBack')}</p>
  const complaintFigures = props.list.some((r) => r.count.kind !== 'count' || r.kind.startsWith('complaint.'))
  return (
    <>
      <table class="returned">
        <thead>
          <tr>
            {(['what', 'count', 'persons'] as const).map((k) => (
              <th scope="col">{t(k)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.list.map((r) => (
            <tr class="returned-row" data-kind={r.kind}>
              <td>{pick(r.label, lang)}</td>
              <td class="count">{cellText(r.count)}</td>
              <td class="people">
                {r.people === null ? '—' : num(r.people)}
                {r.detail ? ` · ${pick(r.detail.label, lang)} ${r.detail.value}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {complaintFigures ? (
        <p>
          <small>{t('cellLegend')}</small>
        </p>
      ) : null}
    </>
  )
}

/** Everything under a measure's results row, in the console. */
export function MeasureDetail(props: { ctx: Ctx; m: MeasureReport }) {
  const { ctx, m } = props
  const t = evidenceWords(ctx.lang)
  return (
    <div class="detail">
      <h3>{t('done')}</h3>
      <Broadcasts ctx={ctx} list={m.broadcasts} />
      <h3>{t('reach')}</h3>
      <ReachCards ctx={ctx} r={m.reach} />
      <div class="table">
        <UnitTable ctx={ctx} r={m.reach} />
      </div>
      <details>
        <summary>{t('byMonth')}</summary>
        <div class="table">
          <MonthTable ctx={ctx} r={m.reach} />
        </div>
      </details>
      <h3>{t('returned')}</h3>
      <div class="table">
        <ReturnedTable ctx={ctx} list={m.returned} />
      </div>
    </div>
  )
}
