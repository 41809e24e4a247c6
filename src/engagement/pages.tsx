import { Layout, type View } from '../admin/pages/layout.js'
import { th } from '../flows/flex.js'
import type { MeasureDef } from '../flows/schema-dialogues.js'
import type { KindCount } from './summary.js'

const L = {
  title: ['การมีส่วนร่วมตามมาตรการ', 'Engagement by measure'],
  fy: ['ปีงบประมาณ', 'Fiscal year'],
  kind: ['กิจกรรม', 'Activity'],
  events: ['จำนวนครั้ง', 'Times'],
  people: ['จำนวนคน/กลุ่ม', 'People or groups'],
  items: ['ข้อคำถาม ITA', 'ITA items'],
  none: ['ยังไม่มีการบันทึกในปีงบประมาณนี้', 'Nothing recorded in this fiscal year yet.'],
  other: ['ไม่ระบุมาตรการ', 'No measure'],
  note: [
    'นับจากบันทึกแบบนามแฝง (ไม่เก็บ LINE ID) รายงานฉบับเต็มตามแบบ OIT อยู่ระหว่างจัดทำ',
    'Counted from the pseudonymous log (no LINE IDs). Full OIT reports are being built.',
  ],
} as const
const tr = (v: View) => (k: keyof typeof L) => L[k][v.lang === 'th' ? 0 : 1]

/** Thai names of the event kinds officers read; unknown kinds show as recorded. */
const KINDS: Record<string, [string, string]> = {
  'guide.viewed': ['เปิดดูคู่มือ', 'Guide viewed'],
  'faq.answered': ['ตอบคำถามที่พบบ่อย', 'FAQ answered'],
  'quiz.started': ['เริ่มแบบทดสอบ', 'Quiz started'],
  'quiz.answered': ['ตอบแบบทดสอบ (ข้อ)', 'Quiz answers'],
  'quiz.completed': ['ทำแบบทดสอบครบ', 'Quiz completed'],
  pledge: ['กดรับทราบและร่วมปฏิบัติ', 'Pledges'],
  'declaration.viewed': ['เปิดดูประกาศเจตนารมณ์', 'Declaration viewed'],
  'gift.reported': ['รายงานการรับของขวัญ', 'Gift reports'],
  'question.asked': ['สอบถาม/ทักท้วงงบประมาณ', 'Budget questions'],
  'budget.viewed': ['เปิดดูสรุปงบประมาณ', 'Budget summary viewed'],
  'message.sent': ['ส่งข้อความถึงผู้รับ', 'Messages delivered'],
  'message.failed': ['ส่งข้อความไม่สำเร็จ', 'Messages failed'],
}

export function EngagementPage(props: {
  v: View
  fy: number
  counts: KindCount[]
  measures: readonly MeasureDef[]
}) {
  const { v } = props
  const t = tr(v)
  const ids = [...props.measures.map((m) => m.id), ...new Set(props.counts.map((c) => c.measure ?? ''))]
  const groups = [...new Set(ids)].filter((id) => props.counts.some((c) => (c.measure ?? '') === id))
  return (
    <Layout v={v} title={`${t('title')} · ${t('fy')} ${props.fy}`}>
      <p>
        <small>{t('note')}</small>
      </p>
      {groups.length === 0 ? <p>{t('none')}</p> : null}
      {groups.map((id) => {
        const m = props.measures.find((x) => x.id === id)
        return (
          <section class="measure" data-measure={id}>
            <h2>{m ? th(m.name) : id || t('other')}</h2>
            {m ? (
              <p>
                <small>
                  {t('items')}: {m.items.join(', ')}
                </small>
              </p>
            ) : null}
            <div class="table">
              <table>
                <thead>
                  <tr>
                    <th>{t('kind')}</th>
                    <th>{t('events')}</th>
                    <th>{t('people')}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.counts
                    .filter((c) => (c.measure ?? '') === id)
                    .map((c) => (
                      <tr class="kind" data-kind={c.kind}>
                        <td>{KINDS[c.kind]?.[v.lang === 'th' ? 0 : 1] ?? c.kind}</td>
                        <td class="events">{c.events}</td>
                        <td class="people">{c.people}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </section>
        )
      })}
    </Layout>
  )
}
