import { Csrf, Layout, Msg, type View } from '../console/layout.js'
import { defineMessages } from '../core/messages.js'
import { formatDay } from '../core/time/index.js'
import { YearPicker } from '../evidence/report-page.js'
import { bandWords, VALUE_BANDS } from './gifts.js'
import type { GiftRow } from './register.js'

// The gift register (No Gift Policy, O33) for the responsible officer. Labels of giver types
// and handling come from flows/ (the words staff chose from), passed in as `labels`.

const giftWords = defineMessages({
  title: ['ทะเบียนรายงานการรับของขวัญ', 'Gift register'],
  none: ['ยังไม่มีรายงานในปีงบประมาณนี้', 'No reports in this fiscal year.'],
  reference: ['เลขที่', 'Reference'],
  received: ['วันที่ได้รับ', 'Received'],
  giver: ['ผู้ให้', 'Giver'],
  value: ['มูลค่า (บาท)', 'Value (baht)'],
  band: ['ช่วงมูลค่า', 'Band'],
  handling: ['การดำเนินการ', 'Handling'],
  status: ['สถานะ', 'Status'],
  new: ['ใหม่', 'New'],
  reviewed: ['ตรวจแล้ว', 'Reviewed'],
  open: ['เปิดดู', 'Open'],
  details: ['รายละเอียด (บันทึกการเปิดอ่านในบันทึกการใช้งาน)', 'Details (this read is recorded in the audit log)'],
  markReviewed: ['บันทึกว่าตรวจแล้ว', 'Mark reviewed'],
  total: ['รวม', 'Total'],
  back: ['กลับไปทะเบียน', 'Back to the register'],
})

export type Labels = { giver: (value: string) => string; handling: (value: string) => string }

function Summary(props: { v: View; gifts: GiftRow[] }) {
  const t = giftWords(props.v.lang)
  return (
    <div class="cards">
      {VALUE_BANDS.map((b) => (
        <div class="card band" data-band={b.id}>
          <b>{props.gifts.filter((g) => g.band.id === b.id).length}</b>
          {bandWords(props.v.lang)(b.id)}
        </div>
      ))}
      <div class="card" id="gift-total">
        <b>{props.gifts.length}</b>
        {t('total')}
      </div>
    </div>
  )
}

export function GiftRegisterPage(props: {
  v: View
  fy: number
  years: number[]
  gifts: GiftRow[]
  labels: Labels
}) {
  const { v, labels } = props
  const t = giftWords(v.lang)
  return (
    <Layout v={v} title={t('title')}>
      <YearPicker v={v} fy={props.fy} years={props.years} action="/admin/gifts" />
      <Summary v={v} gifts={props.gifts} />
      {props.gifts.length === 0 ? <p>{t('none')}</p> : null}
      <div class="table">
        <table>
          <thead>
            <tr>
              {(['reference', 'received', 'giver', 'value', 'handling', 'status'] as const).map((k) => (
                <th>{t(k)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.gifts.map((g) => (
              <tr class="gift">
                <td>
                  <a href={`/admin/gifts/${g.id}`}>{g.reference}</a>
                </td>
                <td>{formatDay(g.receivedOn, 'th')}</td>
                <td>{labels.giver(g.giverType)}</td>
                <td class="value">{Number(g.valueBaht).toLocaleString('en-US')}</td>
                <td>{labels.handling(g.handling)}</td>
                <td>{t(g.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  )
}

export function GiftPage(props: {
  v: View
  gift: GiftRow
  details: string
  labels: Labels
  canReview: boolean
  message?: string
}) {
  const { v, gift, labels } = props
  const t = giftWords(v.lang)
  return (
    <Layout v={v} title={`${t('title')}: ${gift.reference}`}>
      <Msg text={props.message} />
      <dl>
        <dt>{t('received')}</dt>
        <dd>{formatDay(gift.receivedOn, 'th')}</dd>
        <dt>{t('giver')}</dt>
        <dd>{labels.giver(gift.giverType)}</dd>
        <dt>{t('value')}</dt>
        <dd>
          {Number(gift.valueBaht).toLocaleString('en-US')} ({bandWords(v.lang)(gift.band.id)})
        </dd>
        <dt>{t('handling')}</dt>
        <dd>{labels.handling(gift.handling)}</dd>
        <dt>{t('details')}</dt>
        <dd id="gift-details">{props.details}</dd>
        <dt>{t('status')}</dt>
        <dd id="gift-status">{t(gift.status)}</dd>
      </dl>
      {props.canReview && gift.status === 'new' ? (
        <form method="post" action={`/admin/gifts/${gift.id}/reviewed`}>
          <Csrf v={v} />
          <button type="submit">{t('markReviewed')}</button>
        </form>
      ) : null}
      <p>
        <a href="/admin/gifts">{t('back')}</a>
      </p>
    </Layout>
  )
}
