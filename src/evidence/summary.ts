import { cellText } from '../complaints/suppression.js'
import type { Lang } from '../core/lang.js'
import { defineMessages, type TranslatorOf } from '../core/messages.js'
import { VIEW_KINDS } from './kinds.js'
import { percentText } from './rates.js'
import type { BroadcastDone, Reach, Returned, TargetResult, Text } from './types.js'

// The "ผลการดำเนินงาน" cell: one line per measure, in the words the agencies' own results
// tables use, built only from the figures beside it (nothing said that the table does not show).

const n = (x: number) => x.toLocaleString('en-US')

// English needs "1 group" and "2 groups": a count of exactly one picks the ...One key; Thai
// reads the same in both.
const summaryWords = defineMessages({
  broadcastOne: ['ส่งข้อความ {{n}} ครั้ง{{to}}', '{{n}} broadcast{{to}}'],
  broadcasts: ['ส่งข้อความ {{n}} ครั้ง{{to}}', '{{n}} broadcasts{{to}}'],
  toGroups: [' ถึงกลุ่มไลน์ {{n}} กลุ่ม', ' to {{n}} LINE groups'],
  usedInOne: ['มีการใช้งานใน {{n}} กลุ่มไลน์', 'used in {{n}} LINE group'],
  usedIn: ['มีการใช้งานใน {{n}} กลุ่มไลน์', 'used in {{n}} LINE groups'],
  reachedOne: ['เข้าถึงบุคลากร {{n}} คน', '{{n}} person reached'],
  reached: ['เข้าถึงบุคลากร {{n}} คน', '{{n}} people reached'],
  ackOne: ['กดรับทราบ {{n}} ครั้ง{{rate}}', '{{n}} acknowledgment{{rate}}'],
  acks: ['กดรับทราบ {{n}} ครั้ง{{rate}}', '{{n}} acknowledgments{{rate}}'],
  ackRate: [' (ร้อยละ {{pct}} ของผู้ที่ได้รับ)', ' ({{pct}}% of those reached)'],
  viewOne: ['เปิดดู {{n}} ครั้ง', 'opened {{n}} time'],
  views: ['เปิดดู {{n}} ครั้ง', 'opened {{n}} times'],
  quizOne: ['ทำแบบทดสอบ {{n}} ครั้ง', '{{n}} quiz completed'],
  quizzes: ['ทำแบบทดสอบ {{n}} ครั้ง', '{{n}} quizzes completed'],
  meanScore: [' คะแนนเฉลี่ย {{score}}', ', mean score {{score}}'],
  questionOne: ['สอบถามหรือทักท้วง {{n}} เรื่อง', '{{n}} question or objection'],
  questions: ['สอบถามหรือทักท้วง {{n}} เรื่อง', '{{n}} questions or objections'],
  giftOne: ['รายงานการรับของขวัญ {{n}} รายการ', '{{n}} gift report'],
  gifts: ['รายงานการรับของขวัญ {{n}} รายการ', '{{n}} gift reports'],
  complaintOne: ['รับเรื่องร้องเรียน {{n}} เรื่อง', '{{n}} complaint received'],
  complaints: ['รับเรื่องร้องเรียน {{n}} เรื่อง', '{{n}} complaints received'],
  nothing: ['ยังไม่มีการดำเนินการที่บันทึกไว้ในปีนี้', 'Nothing recorded this year yet'],
  targetsMet: ['บรรลุค่าเป้าหมาย {{met}} จาก {{total}} ตัวชี้วัด', '{{met}} of {{total}} targets met'],
})
type T = TranslatorOf<typeof summaryWords>

function reachParts(t: T, broadcasts: readonly BroadcastDone[], reach: Reach): string[] {
  const parts: string[] = []
  const runs = broadcasts.reduce((a, b) => a + b.sentAt.length, 0)
  if (runs > 0) {
    const to = reach.groups > 0 ? t('toGroups', { n: n(reach.groups) }) : ''
    parts.push(t(runs === 1 ? 'broadcastOne' : 'broadcasts', { n: n(runs), to }))
  } else if (reach.groups > 0) {
    parts.push(t(reach.groups === 1 ? 'usedInOne' : 'usedIn', { n: n(reach.groups) }))
  }
  if (reach.people > 0) parts.push(t(reach.people === 1 ? 'reachedOne' : 'reached', { n: n(reach.people) }))
  if (reach.acknowledgments > 0) {
    const pct = percentText(reach.ackRate)
    const rate = pct === null ? '' : t('ackRate', { pct })
    const acks = reach.acknowledgments
    parts.push(t(acks === 1 ? 'ackOne' : 'acks', { n: n(acks), rate }))
  }
  return parts
}

/** What each returned kind says: its keys for a count of one and for any other. */
type Counted = 'questionOne' | 'questions' | 'giftOne' | 'gifts' | 'complaintOne' | 'complaints'
const SAID: Readonly<Record<string, readonly [Counted, Counted]>> = {
  'question.asked': ['questionOne', 'questions'],
  'gift.reported': ['giftOne', 'gifts'],
  'complaint.filed': ['complaintOne', 'complaints'],
}

function returnedParts(t: T, returned: readonly Returned[]): string[] {
  const parts: string[] = []
  const views = returned
    .filter((r) => VIEW_KINDS.includes(r.kind))
    .reduce((a, r) => a + (r.count.kind === 'count' ? r.count.n : 0), 0)
  if (views > 0) parts.push(t(views === 1 ? 'viewOne' : 'views', { n: n(views) }))
  for (const r of returned) {
    const c = r.count.kind === 'count' ? n(r.count.n) : cellText(r.count)
    const one = r.count.kind === 'count' && r.count.n === 1
    if (r.kind === 'quiz.completed') {
      const mean = r.detail ? t('meanScore', { score: r.detail.value }) : ''
      parts.push(`${t(one ? 'quizOne' : 'quizzes', { n: c })}${mean}`)
      continue
    }
    const keys = Object.hasOwn(SAID, r.kind) ? SAID[r.kind] : undefined
    if (keys) parts.push(t(keys[one ? 0 : 1], { n: c }))
  }
  return parts
}

function summaryIn(
  lang: Lang,
  broadcasts: readonly BroadcastDone[],
  reach: Reach,
  returned: readonly Returned[],
  targets: readonly TargetResult[],
): string {
  const t = summaryWords(lang)
  const parts = [...reachParts(t, broadcasts, reach), ...returnedParts(t, returned)]
  if (parts.length === 0) return t('nothing')
  if (targets.length > 0) {
    const met = targets.filter((x) => x.met === true).length
    parts.push(t('targetsMet', { met, total: targets.length }))
  }
  // Thai runs the parts on as one sentence; English lists them and starts with a capital.
  if (lang === 'th') return parts.join(' ')
  const en = parts.join('; ')
  return en.charAt(0).toUpperCase() + en.slice(1)
}

export function buildSummary(
  broadcasts: readonly BroadcastDone[],
  reach: Reach,
  returned: readonly Returned[],
  targets: readonly TargetResult[],
): Text {
  const said = (lang: Lang) => summaryIn(lang, broadcasts, reach, returned, targets)
  return { th: said('th'), en: said('en') }
}
