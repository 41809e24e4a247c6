import { Csrf, Layout, Msg, type View } from '../console/layout.js'
import { defineMessages } from '../core/messages.js'
import { formatDay } from '../core/time/index.js'
import type { QuestionView } from './service.js'
import type { QuestionIdentity, QuestionKind, QuestionStatus } from './tables.js'

export const questionWords = defineMessages({
  title: ['คำถามและข้อทักท้วงเรื่องงบประมาณ', 'Budget questions and concerns'],
  none: ['ยังไม่มีคำถาม', 'No questions yet.'],
  code: ['เลขที่', 'Code'],
  kind: ['ประเภท', 'Type'],
  ask: ['สอบถาม', 'Question'],
  concern: ['ทักท้วง', 'Concern'],
  identity: ['ผู้ถาม', 'Asker'],
  named: ['ระบุตัวตน', 'Named'],
  anonymous: ['ไม่ระบุตัวตน', 'Anonymous'],
  asked: ['วันที่ถาม', 'Asked on'],
  status: ['สถานะ', 'Status'],
  open: ['รอตอบ', 'Open'],
  answered: ['ตอบแล้ว', 'Answered'],
  text: ['ข้อความ (การเปิดอ่านถูกบันทึกในบันทึกการใช้งาน)', 'Text (this read is recorded in the audit log)'],
  name: ['ชื่อที่ผู้ถามให้ไว้', 'Name given'],
  answer: ['คำตอบ', 'Answer'],
  send: ['ส่งคำตอบ', 'Send the answer'],
  viaLine: ['คำตอบจะส่งถึงผู้ถามทาง LINE', 'The answer is sent to the asker in LINE.'],
  viaCode: [
    'ผู้ถามไม่ระบุตัวตน: คำตอบจะแสดงเมื่อผู้ถามตรวจด้วยเลขที่และรหัสลับ',
    'Anonymous: the asker reads the answer with their code and secret.',
  ],
  sent: ['บันทึกคำตอบและส่งถึงผู้ถามทาง LINE แล้ว', 'Answer saved and sent in LINE.'],
  saved: ['บันทึกคำตอบแล้ว', 'Answer saved.'],
  notSent: ['บันทึกคำตอบแล้ว แต่ส่งทาง LINE ไม่สำเร็จ', 'Answer saved, but LINE did not take the message'],
  empty: ['กรุณาพิมพ์คำตอบ', 'Please write an answer.'],
  too_long: ['คำตอบยาวเกิน 2,000 ตัวอักษร', 'The answer is over 2,000 characters.'],
  back: ['กลับไปรายการ', 'Back to the list'],
})

export interface QuestionListRow {
  id: string
  code: string
  kind: QuestionKind
  identity: QuestionIdentity
  asked_on: string
  status: QuestionStatus
}

export function QuestionListPage(props: { v: View; rows: QuestionListRow[] }) {
  const t = questionWords(props.v.lang)
  return (
    <Layout v={props.v} title={t('title')}>
      {props.rows.length === 0 ? <p>{t('none')}</p> : null}
      <div class="table">
        <table>
          <thead>
            <tr>
              {(['code', 'kind', 'identity', 'asked', 'status'] as const).map((k) => (
                <th>{t(k)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr class="question">
                <td>
                  <a href={`/admin/questions/${r.id}`}>{r.code}</a>
                </td>
                <td>{t(r.kind)}</td>
                <td>{t(r.identity)}</td>
                <td>{formatDay(r.asked_on, 'th')}</td>
                <td>{t(r.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  )
}

export function QuestionPage(props: {
  v: View
  q: QuestionView
  message?: string
  error?: boolean
  draft?: string
}) {
  const { v, q } = props
  const t = questionWords(v.lang)
  return (
    <Layout v={v} title={`${t(q.kind)} ${q.code}`}>
      <Msg text={props.message} error={props.error} />
      <dl>
        <dt>{t('asked')}</dt>
        <dd>{formatDay(q.askedOn, 'th')}</dd>
        <dt>{t('identity')}</dt>
        <dd>{t(q.identity)}</dd>
        {q.name ? (
          <>
            <dt>{t('name')}</dt>
            <dd id="question-name">{q.name}</dd>
          </>
        ) : null}
        <dt>{t('text')}</dt>
        <dd id="question-text">{q.text}</dd>
        <dt>{t('status')}</dt>
        <dd id="question-status">{t(q.status)}</dd>
      </dl>
      <form method="post" action={`/admin/questions/${q.id}/answer`} class="stack">
        <Csrf v={v} />
        <label>
          {t('answer')}
          <textarea name="answer" rows={6} maxlength={2000} required>
            {props.draft ?? q.answer ?? ''}
          </textarea>
        </label>
        <small>{q.identity === 'named' && q.canReplyInLine ? t('viaLine') : t('viaCode')}</small>
        <button type="submit">{t('send')}</button>
      </form>
      <p>
        <a href="/admin/questions">{t('back')}</a>
      </p>
    </Layout>
  )
}
