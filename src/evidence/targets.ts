import type { Bilingual } from '../core/lang.js'
import { defineMessages } from '../core/messages.js'
import type { TargetDef, TargetMetric } from '../flows/schema-measures.js'
import type { YearFigures } from './gather.js'
import { GIFT, PLEDGE, QUESTION, QUIZ_DONE, VIEW_KINDS } from './kinds.js'
import { percent } from './rates.js'
import { eventsOf, meanScore } from './returned.js'
import type { BroadcastDone, Reach, TargetResult, Text } from './types.js'

// The measure's targets (flows measures[].targets) against what the year shows. Rates and
// scores are percentages, as the targets state them.

const targetWords = defineMessages({
  broadcasts: ['จำนวนครั้งที่ส่งข้อความ', 'Broadcasts sent'],
  deliveries: ['จำนวนการส่งถึงแชต', 'Deliveries'],
  groups_reached: ['กลุ่มไลน์ที่ได้รับ', 'Groups reached'],
  people_reached: ['บุคลากรที่เข้าถึง (คน)', 'People reached'],
  acknowledgments: ['จำนวนการกดรับทราบ', 'Acknowledgments'],
  ack_rate: ['ร้อยละผู้กดรับทราบ', 'Acknowledgment rate (%)'],
  pledges: ['จำนวนผู้ร่วมแสดงเจตนารมณ์', 'Pledges'],
  views: ['จำนวนการเปิดดู', 'Views'],
  quiz_answers: ['จำนวนแบบทดสอบที่ทำครบ', 'Quizzes completed'],
  quiz_mean_score: ['คะแนนเฉลี่ยแบบทดสอบ (ร้อยละ)', 'Mean quiz score (%)'],
  questions: ['คำถามหรือข้อทักท้วง', 'Questions and objections'],
  gift_reports: ['รายงานการรับของขวัญ', 'Gift reports'],
} as const satisfies Record<TargetMetric, Bilingual>)

/** The label flows gives a target, English from the metric's own words where it gives none. */
export function targetLabel(metric: TargetMetric, label: TargetDef['label']): Text {
  const own = targetWords.both(metric)
  if (label === undefined) return own
  return typeof label === 'string' ? { th: label, en: own.en } : { th: label.th, en: label.en ?? own.en }
}

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
