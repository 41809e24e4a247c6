import type { Breakdown, ComplaintStats } from '../complaints/stats.js'
import type { Cell } from '../complaints/suppression.js'
import { defineMessages } from '../core/messages.js'
import type { YearFigures } from './gather.js'
import { GIFT, PLEDGE, QUESTION, QUIZ_DONE } from './kinds.js'
import { percent, quizScore } from './rates.js'
import type { Returned, Text } from './types.js'

// What came back from staff under a measure. Complaint figures are O29's, with its small-cell
// protection (src/complaints/stats.ts and suppression.ts): a count of 1–4 never leaves as a number.

const count = (n: number): Cell => ({ kind: 'count', n })

const returnedWords = defineMessages({
  guides: ['เปิดดูคู่มือหรือบัตรความรู้', 'Guides and cards opened'],
  budget: ['เปิดดูสรุปงบประมาณ', 'Budget summaries opened'],
  declaration: ['เปิดดูประกาศเจตนารมณ์', 'Declaration opened'],
  faq: ['ได้รับคำตอบคำถามที่พบบ่อย', 'FAQ answers given'],
  pledges: ['กดรับทราบและร่วมปฏิบัติ', 'Acknowledged and pledged'],
  questions: ['สอบถามหรือทักท้วง', 'Questions and objections'],
  gifts: ['รายงานการรับของขวัญ', 'Gift reports'],
  quizzes: ['ทำแบบทดสอบครบทุกข้อ', 'Quizzes completed'],
  meanScore: ['คะแนนเฉลี่ย', 'Mean score'],
  complaints: ['เรื่องร้องเรียนที่ได้รับ', 'Complaints received'],
  daysToAck: ['วันจนรับเรื่อง (มัธยฐาน)', 'Days to acknowledge (median)'],
  viaLine: ['ทางไลน์', 'Through LINE'],
  viaWeb: ['ทางเว็บไซต์', 'Through the web form'],
})
// By the outcome keys of complaints/stats.ts.
const outcomeWords = defineMessages({
  open: ['อยู่ระหว่างดำเนินการ', 'Open'],
  substantiated: ['ยุติ: มีมูล', 'Closed: substantiated'],
  unsubstantiated: ['ยุติ: ไม่มีมูล', 'Closed: unsubstantiated'],
  referred: ['ส่งต่อหน่วยงานอื่น', 'Referred'],
})

/** The quiz mean as a percentage of the points available, one decimal; null without a scored quiz. */
export function meanScore(f: YearFigures, measure: string): number | null {
  const row = f.kinds.find((r) => r.measure === measure && r.kind === QUIZ_DONE)
  return percent(quizScore(Number(row?.score_sum ?? 0), Number(row?.score_total ?? 0)))
}

export const eventsOf = (f: YearFigures, measure: string, kinds: readonly string[]) =>
  f.kinds.filter((r) => r.measure === measure && kinds.includes(r.kind)).reduce((a, r) => a + r.events, 0)

const peopleOf = (f: YearFigures, measure: string, kinds: readonly string[]) =>
  f.kindPeople
    .filter((r) => r.measure === measure && kinds.includes(r.kind))
    .reduce((a, r) => a + r.people, 0)

interface Counted {
  kind: string
  kinds: readonly string[]
  label: Text
  keyed: boolean
}

const COUNTED: Counted[] = [
  {
    kind: 'guide.viewed',
    kinds: ['guide.viewed'],
    label: returnedWords.both('guides'),
    keyed: true,
  },
  {
    kind: 'budget.viewed',
    kinds: ['budget.viewed'],
    label: returnedWords.both('budget'),
    keyed: true,
  },
  {
    kind: 'declaration.viewed',
    kinds: ['declaration.viewed'],
    label: returnedWords.both('declaration'),
    keyed: true,
  },
  {
    kind: 'faq.answered',
    kinds: ['faq.answered'],
    label: returnedWords.both('faq'),
    keyed: true,
  },
  {
    kind: PLEDGE,
    kinds: [PLEDGE],
    label: returnedWords.both('pledges'),
    keyed: true,
  },
  {
    kind: QUESTION,
    kinds: [QUESTION],
    label: returnedWords.both('questions'),
    keyed: false,
  },
  { kind: GIFT, kinds: [GIFT], label: returnedWords.both('gifts'), keyed: false },
]

/** A published total ("12" or "<5") back to its cell. */
const cellOfTotal = (total: string): Cell => (/^\d+$/.test(total) ? count(Number(total)) : { kind: 'small' })

function complaintRows(s: ComplaintStats): Returned[] {
  const rows: Returned[] = [
    {
      kind: 'complaint.filed',
      label: returnedWords.both('complaints'),
      count: cellOfTotal(s.total),
      people: null,
      detail:
        s.ack.median === null
          ? null
          : {
              label: returnedWords.both('daysToAck'),
              value: String(s.ack.median),
            },
    },
  ]
  const part = (b: Breakdown, prefix: string, label: (key: string) => Text) => {
    for (const r of b.rows)
      rows.push({
        kind: `${prefix}.${r.key}`,
        label: label(r.key),
        count: r.cell,
        people: null,
        detail: null,
      })
  }
  part(s.channels, 'complaint.channel', (k) => returnedWords.both(k === 'line' ? 'viaLine' : 'viaWeb'))
  part(s.outcomes, 'complaint.outcome', (k) =>
    outcomeWords.has(k) ? outcomeWords.both(k) : { th: k, en: k },
  )
  return rows
}

/**
 * Counts with something in them, the quiz with its mean score, and for the measure that
 * receives complaints the O29 figures, zeros included (no complaints is itself a finding).
 */
export function buildReturned(f: YearFigures, measure: string, complaintsMeasure: string): Returned[] {
  const out: Returned[] = []
  for (const c of COUNTED) {
    const n = eventsOf(f, measure, c.kinds)
    if (n > 0)
      out.push({
        kind: c.kind,
        label: c.label,
        count: count(n),
        people: c.keyed ? peopleOf(f, measure, c.kinds) : null,
        detail: null,
      })
  }
  const quizzes = eventsOf(f, measure, [QUIZ_DONE])
  if (quizzes > 0) {
    const mean = meanScore(f, measure)
    out.push({
      kind: QUIZ_DONE,
      label: returnedWords.both('quizzes'),
      count: count(quizzes),
      people: peopleOf(f, measure, [QUIZ_DONE]),
      detail: mean === null ? null : { label: returnedWords.both('meanScore'), value: `${mean.toFixed(1)}%` },
    })
  }
  if (measure === complaintsMeasure && f.complaints) out.push(...complaintRows(f.complaints))
  return out
}
