import type { Lang } from '../../core/lang.js'
import type { QuotaEstimate } from '../quota.js'
import type { DeliveryStatus } from '../tables.js'

// Sentences of the broadcast page that carry numbers: what a send costs of LINE's monthly
// quota, and how far a run has got. Thai first; English through the console's switch.

const n = (x: number) => x.toLocaleString('en-US')

/**
 * "ส่งถึง 1 กลุ่ม ใช้โควตาข้อความ 2 ข้อความจากโควตาเดือนนี้": LINE counts a push once per person
 * who receives it (broadcasts/quota.ts), so a group of 12 costs 12.
 */
export function quotaSentence(lang: Lang, q: QuotaEstimate, allFollowers: boolean): string {
  const th = lang !== 'en'
  if (q.recipients === 0)
    return th ? 'ยังไม่มีผู้รับตามที่เลือก จึงยังไม่ใช้โควตา' : 'Nobody receives it as chosen, so it uses no quota.'
  const atLeast = q.unknownCounts > 0 ? (th ? 'อย่างน้อย ' : 'at least ') : ''
  const to = allFollowers
    ? th
      ? `ส่งถึงผู้ติดตามทั้งหมด ${n(q.cost)} คน`
      : `Goes to all ${n(q.cost)} followers`
    : th
      ? `ส่งถึง ${n(q.recipients)} กลุ่ม`
      : `Goes to ${n(q.recipients)} ${q.recipients === 1 ? 'group' : 'groups'}`
  const cost = th
    ? `ใช้โควตาข้อความ ${atLeast}${n(q.cost)} ข้อความจากโควตาเดือนนี้`
    : `and uses ${atLeast}${n(q.cost)} ${q.cost === 1 ? 'message' : 'messages'} of this month's quota`
  const why = allFollowers
    ? ''
    : th
      ? ' (LINE นับ 1 ข้อความต่อสมาชิก 1 คนในกลุ่ม)'
      : ' (LINE counts one message per group member)'
  const unknown =
    q.unknownCounts === 0
      ? ''
      : th
        ? ` ไม่ทราบจำนวนสมาชิกของ ${n(q.unknownCounts)} กลุ่ม จึงนับกลุ่มละ 1`
        : ` The member count of ${n(q.unknownCounts)} ${q.unknownCounts === 1 ? 'group is' : 'groups are'} unknown and counted as 1.`
  const month =
    q.limit === null || q.remainingAfter === null
      ? ''
      : th
        ? ` เดือนนี้ใช้ไปแล้ว ${n(q.used)} จาก ${n(q.limit)} ข้อความ หลังส่งจะเหลือ ${n(Math.max(0, q.remainingAfter))} ข้อความ`
        : ` This month ${n(q.used)} of ${n(q.limit)} are used; ${n(Math.max(0, q.remainingAfter))} would be left.`
  return th ? `${to} ${cost}${why}${unknown}${month}` : `${to} ${cost}${why}.${unknown}${month}`
}

export type RunCounts = Record<DeliveryStatus, number>

/** "ส่งแล้ว 3 จาก 10 ผู้รับ · ไม่สำเร็จ 1 · รอส่ง 6" */
export function progressSentence(lang: Lang, c: RunCounts): string {
  const total = c.pending + c.sending + c.sent + c.failed
  const waiting = c.pending + c.sending
  if (lang === 'en') {
    const parts = [`${n(c.sent)} of ${n(total)} recipients sent`, `${n(c.failed)} failed`]
    if (waiting > 0) parts.push(`${n(waiting)} waiting`)
    return parts.join(' · ')
  }
  const parts = [`ส่งแล้ว ${n(c.sent)} จาก ${n(total)} ผู้รับ`, `ไม่สำเร็จ ${n(c.failed)}`]
  if (waiting > 0) parts.push(`รอส่ง ${n(waiting)}`)
  return parts.join(' · ')
}
