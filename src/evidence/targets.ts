import type { TargetDef, TargetMetric } from '../flows/schema-measures.js'
import type { YearFigures } from './gather.js'
import { GIFT, PLEDGE, QUESTION, QUIZ_DONE, VIEW_KINDS } from './kinds.js'
import { percent } from './rates.js'
import { eventsOf, meanScore } from './returned.js'
import type { BroadcastDone, Reach, TargetResult, Text } from './types.js'

// The measure's targets (flows measures[].targets) against what the year shows. Rates and
// scores are percentages, as the targets state them.

const LABELS: Record<TargetMetric, Text> = {
  broadcasts: { th: 'จำนวนครั้งที่ส่งข้อความ', en: 'Broadcasts sent' },
  deliveries: { th: 'จำนวนการส่งถึงแชต', en: 'Deliveries' },
  groups_reached: { th: 'กลุ่มไลน์ที่ได้รับ', en: 'Groups reached' },
  people_reached: { th: 'บุคลากรที่เข้าถึง (คน)', en: 'People reached' },
  acknowledgments: { th: 'จำนวนการกดรับทราบ', en: 'Acknowledgments' },
  ack_rate: { th: 'ร้อยละผู้กดรับทราบ', en: 'Acknowledgment rate (%)' },
  pledges: { th: 'จำนวนผู้ร่วมแสดงเจตนารมณ์', en: 'Pledges' },
  views: { th: 'จำนวนการเปิดดู', en: 'Views' },
  quiz_answers: { th: 'จำนวนแบบทดสอบที่ทำครบ', en: 'Quizzes completed' },
  quiz_mean_score: { th: 'คะแนนเฉลี่ยแบบทดสอบ (ร้อยละ)', en: 'Mean quiz score (%)' },
  questions: { th: 'คำถามหรือข้อทักท้วง', en: 'Questions and objections' },
  gift_reports: { th: 'รายงานการรับของขวัญ', en: 'Gift reports' },
}

export const targetLabel = (metric: TargetMetric, label: TargetDef['label']): Text =>
  label === undefined
    ? LABELS[metric]
    : typeof label === 'string'
      ? { th: label, en: LABELS[metric].en }
      : { th: label.th, en: label.en ?? LABELS[metric].en }

/** The figure a metric stands for in this measure's year; null when it cannot be known. */
export function actualOf(
  metric: TargetMetric,
  f: YearFigures,
  measure: string,
  reach: Reach,
  broadcasts: readonly BroadcastDone[],
): number | null {
  switch (metric) {
    case 'broadcasts':
      return broadcasts.reduce((a, b) => a + b.sentAt.length, 0)
    case 'deliveries':
      return reach.deliveries
    case 'groups_reached':
      return reach.groups
    case 'people_reached':
      return reach.people
    case 'acknowledgments':
      return reach.acknowledgments
    case 'ack_rate':
      return percent(reach.ackRate)
    case 'pledges':
      return eventsOf(f, measure, [PLEDGE])
    case 'views':
      return eventsOf(f, measure, VIEW_KINDS)
    case 'quiz_answers':
      return eventsOf(f, measure, [QUIZ_DONE])
    case 'quiz_mean_score':
      return meanScore(f, measure)
    case 'questions':
      return eventsOf(f, measure, [QUESTION])
    case 'gift_reports':
      return eventsOf(f, measure, [GIFT])
  }
}

/** Met once reached; not met only when the year is over; unknown (null) until then. */
export function buildTargets(
  targets: readonly TargetDef[],
  actual: (metric: TargetMetric) => number | null,
  yearOver: boolean,
): TargetResult[] {
  return targets.map((t) => {
    const a = actual(t.metric)
    const reached = a !== null && a >= t.target
    return {
      metric: t.metric,
      label: targetLabel(t.metric, t.label),
      target: t.target,
      actual: a,
      met: reached ? true : yearOver ? false : null,
    }
  })
}
