import { cellText } from '../complaints/suppression.js'
import { VIEW_KINDS } from './kinds.js'
import { percentText } from './rates.js'
import type { BroadcastDone, Reach, Returned, TargetResult, Text } from './types.js'

// The "ผลการดำเนินงาน" cell: one line per measure, in the words the agencies' own results
// tables use, built only from the figures beside it (nothing said that the table does not show).

const n = (x: number) => x.toLocaleString('en-US')
/** "1 group", "2 groups": English needs the plural, Thai does not. */
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`

interface Parts {
  th: string[]
  en: string[]
}

function reachParts(p: Parts, broadcasts: readonly BroadcastDone[], reach: Reach): void {
  const runs = broadcasts.reduce((a, b) => a + b.sentAt.length, 0)
  if (runs > 0) {
    const groups = reach.groups > 0
    p.th.push(`ส่งข้อความ ${n(runs)} ครั้ง${groups ? ` ถึงกลุ่มไลน์ ${n(reach.groups)} กลุ่ม` : ''}`)
    p.en.push(
      `${n(runs)} broadcast${runs === 1 ? '' : 's'}${groups ? ` to ${n(reach.groups)} LINE groups` : ''}`,
    )
  } else if (reach.groups > 0) {
    p.th.push(`มีการใช้งานใน ${n(reach.groups)} กลุ่มไลน์`)
    p.en.push(`used in ${plural(reach.groups, 'LINE group')}`)
  }
  if (reach.people > 0) {
    p.th.push(`เข้าถึงบุคลากร ${n(reach.people)} คน`)
    p.en.push(`${plural(reach.people, 'person', 'people')} reached`)
  }
  if (reach.acknowledgments > 0) {
    const pct = percentText(reach.ackRate)
    const rate = pct === null ? '' : ` (ร้อยละ ${pct} ของผู้ที่ได้รับ)`
    const rateEn = pct === null ? '' : ` (${pct}% of those reached)`
    p.th.push(`กดรับทราบ ${n(reach.acknowledgments)} ครั้ง${rate}`)
    p.en.push(`${plural(reach.acknowledgments, 'acknowledgment')}${rateEn}`)
  }
}

/** What each returned kind says; `one` when the count is exactly 1 (English plurals). */
const SAID: Record<string, (c: string, one: boolean, r: Returned) => Text> = {
  'quiz.completed': (c, one, r) => ({
    th: `ทำแบบทดสอบ ${c} ครั้ง${r.detail ? ` คะแนนเฉลี่ย ${r.detail.value}` : ''}`,
    en: `${c} ${one ? 'quiz' : 'quizzes'} completed${r.detail ? `, mean score ${r.detail.value}` : ''}`,
  }),
  'question.asked': (c, one) => ({
    th: `สอบถามหรือทักท้วง ${c} เรื่อง`,
    en: `${c} ${one ? 'question or objection' : 'questions or objections'}`,
  }),
  'gift.reported': (c, one) => ({
    th: `รายงานการรับของขวัญ ${c} รายการ`,
    en: `${c} gift ${one ? 'report' : 'reports'}`,
  }),
  'complaint.filed': (c, one) => ({
    th: `รับเรื่องร้องเรียน ${c} เรื่อง`,
    en: `${c} ${one ? 'complaint' : 'complaints'} received`,
  }),
}

export function buildSummary(
  broadcasts: readonly BroadcastDone[],
  reach: Reach,
  returned: readonly Returned[],
  targets: readonly TargetResult[],
): Text {
  const p: Parts = { th: [], en: [] }
  reachParts(p, broadcasts, reach)
  const views = returned
    .filter((r) => VIEW_KINDS.includes(r.kind))
    .reduce((a, r) => a + (r.count.kind === 'count' ? r.count.n : 0), 0)
  if (views > 0) {
    p.th.push(`เปิดดู ${n(views)} ครั้ง`)
    p.en.push(`opened ${plural(views, 'time')}`)
  }
  for (const r of returned) {
    const say = SAID[r.kind]
    if (!say) continue
    const c = r.count.kind === 'count' ? n(r.count.n) : cellText(r.count)
    const t = say(c, r.count.kind === 'count' && r.count.n === 1, r)
    p.th.push(t.th)
    p.en.push(t.en)
  }
  if (p.th.length === 0) return { th: 'ยังไม่มีการดำเนินการที่บันทึกไว้ในปีนี้', en: 'Nothing recorded this year yet' }
  if (targets.length > 0) {
    const met = targets.filter((t) => t.met === true).length
    p.th.push(`บรรลุค่าเป้าหมาย ${met} จาก ${targets.length} ตัวชี้วัด`)
    p.en.push(`${met} of ${targets.length} targets met`)
  }
  const en = p.en.join('; ')
  return { th: p.th.join(' '), en: en.charAt(0).toUpperCase() + en.slice(1) }
}
