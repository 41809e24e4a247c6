import type { Lang } from '../../core/lang.js'
import { defineMessages } from '../../core/messages.js'
import type { QuotaEstimate } from '../quota.js'
import type { DeliveryStatus } from '../tables.js'

// Sentences of the broadcast page that carry numbers: what a send costs of LINE's monthly
// quota, and how far a run has got. Thai first; English through the console's switch.

const n = (x: number) => x.toLocaleString('en-US')

// English says "1 group" and "2 groups": a count picks the key, Thai reads the same in both.
const broadcastWords = defineMessages({
  nobody: ['ยังไม่มีผู้รับตามที่เลือก จึงยังไม่ใช้โควตา', 'Nobody receives it as chosen, so it uses no quota.'],
  toAll: ['ส่งถึงผู้ติดตามทั้งหมด {{n}} คน', 'Goes to all {{n}} followers'],
  toGroup: ['ส่งถึง {{n}} กลุ่ม', 'Goes to {{n}} group'],
  toGroups: ['ส่งถึง {{n}} กลุ่ม', 'Goes to {{n}} groups'],
  atLeast: ['อย่างน้อย ', 'at least '],
  costOne: [
    'ใช้โควตาข้อความ {{atLeast}}{{n}} ข้อความจากโควตาเดือนนี้',
    "and uses {{atLeast}}{{n}} message of this month's quota",
  ],
  cost: [
    'ใช้โควตาข้อความ {{atLeast}}{{n}} ข้อความจากโควตาเดือนนี้',
    "and uses {{atLeast}}{{n}} messages of this month's quota",
  ],
  perMember: [' (LINE นับ 1 ข้อความต่อสมาชิก 1 คนในกลุ่ม)', ' (LINE counts one message per group member)'],
  unknownGroup: [
    ' ไม่ทราบจำนวนสมาชิกของ {{n}} กลุ่ม จึงนับกลุ่มละ 1',
    ' The member count of {{n}} group is unknown and counted as 1.',
  ],
  unknownGroups: [
    ' ไม่ทราบจำนวนสมาชิกของ {{n}} กลุ่ม จึงนับกลุ่มละ 1',
    ' The member count of {{n}} groups are unknown and counted as 1.',
  ],
  month: [
    ' เดือนนี้ใช้ไปแล้ว {{used}} จาก {{limit}} ข้อความ หลังส่งจะเหลือ {{left}} ข้อความ',
    ' This month {{used}} of {{limit}} are used; {{left}} would be left.',
  ],
  // The parts in order; English ends the first sentence before the unknown groups.
  quota: ['{{to}} {{cost}}{{why}}{{unknown}}{{month}}', '{{to}} {{cost}}{{why}}.{{unknown}}{{month}}'],
  sent: ['ส่งแล้ว {{sent}} จาก {{total}} ผู้รับ', '{{sent}} of {{total}} recipients sent'],
  failed: ['ไม่สำเร็จ {{n}}', '{{n}} failed'],
  waiting: ['รอส่ง {{n}}', '{{n}} waiting'],
})

/**
 * "ส่งถึง 1 กลุ่ม ใช้โควตาข้อความ 2 ข้อความจากโควตาเดือนนี้": LINE counts a push once per person
 * who receives it (broadcasts/quota.ts), so a group of 12 costs 12.
 */
export function quotaSentence(lang: Lang, q: QuotaEstimate, allFollowers: boolean): string {
  const t = broadcastWords(lang)
  if (q.recipients === 0) return t('nobody')
  const atLeast = q.unknownCounts > 0 ? t('atLeast') : ''
  const to = allFollowers
    ? t('toAll', { n: n(q.cost) })
    : t(q.recipients === 1 ? 'toGroup' : 'toGroups', { n: n(q.recipients) })
  const cost = t(q.cost === 1 ? 'costOne' : 'cost', { atLeast, n: n(q.cost) })
  const why = allFollowers ? '' : t('perMember')
  const unknown =
    q.unknownCounts === 0
      ? ''
      : t(q.unknownCounts === 1 ? 'unknownGroup' : 'unknownGroups', { n: n(q.unknownCounts) })
  const month =
    q.limit === null || q.remainingAfter === null
      ? ''
      : t('month', { used: n(q.used), limit: n(q.limit), left: n(Math.max(0, q.remainingAfter)) })
  return t('quota', { to, cost, why, unknown, month })
}

export type RunCounts = Record<DeliveryStatus, number>

/** "ส่งแล้ว 3 จาก 10 ผู้รับ · ไม่สำเร็จ 1 · รอส่ง 6" */
export function progressSentence(lang: Lang, c: RunCounts): string {
  const t = broadcastWords(lang)
  const total = c.pending + c.sending + c.sent + c.failed
  const waiting = c.pending + c.sending
  const parts = [t('sent', { sent: n(c.sent), total: n(total) }), t('failed', { n: n(c.failed) })]
  if (waiting > 0) parts.push(t('waiting', { n: n(waiting) }))
  return parts.join(' · ')
}
