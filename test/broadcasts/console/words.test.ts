import { describe, expect, test } from 'vitest'
import { progressSentence, quotaSentence } from '../../../src/broadcasts/console/words.js'
import { estimateFromCosts } from '../../../src/broadcasts/quota.js'

const none = { type: 'none' as const, limit: null, used: 0 }

describe('what a broadcast costs, in a sentence', () => {
  test('groups: how many, and the messages of this month they use', () => {
    expect(quotaSentence('th', estimateFromCosts([2], none), false)).toBe(
      'ส่งถึง 1 กลุ่ม ใช้โควตาข้อความ 2 ข้อความจากโควตาเดือนนี้ (LINE นับ 1 ข้อความต่อสมาชิก 1 คนในกลุ่ม)',
    )
    expect(quotaSentence('en', estimateFromCosts([2, 40], none), false)).toBe(
      "Goes to 2 groups and uses 42 messages of this month's quota (LINE counts one message per group member).",
    )
  })

  test("with LINE's monthly figures, an unknown member count, all followers, nobody", () => {
    const limited = { type: 'limited' as const, limit: 5000, used: 1200 }
    expect(quotaSentence('th', estimateFromCosts([12, null], limited), false)).toBe(
      'ส่งถึง 2 กลุ่ม ใช้โควตาข้อความ อย่างน้อย 13 ข้อความจากโควตาเดือนนี้ (LINE นับ 1 ข้อความต่อสมาชิก 1 คนในกลุ่ม)' +
        ' ไม่ทราบจำนวนสมาชิกของ 1 กลุ่ม จึงนับกลุ่มละ 1 เดือนนี้ใช้ไปแล้ว 1,200 จาก 5,000 ข้อความ หลังส่งจะเหลือ 3,787 ข้อความ',
    )
    expect(quotaSentence('th', estimateFromCosts([1500], none), true)).toBe(
      'ส่งถึงผู้ติดตามทั้งหมด 1,500 คน ใช้โควตาข้อความ 1,500 ข้อความจากโควตาเดือนนี้',
    )
    expect(quotaSentence('th', estimateFromCosts([], none), false)).toBe('ยังไม่มีผู้รับตามที่เลือก จึงยังไม่ใช้โควตา')
  })

  test('progress of a run: sent of all, failures, and what still waits', () => {
    const c = { pending: 4, sending: 2, sent: 3, failed: 1 }
    expect(progressSentence('th', c)).toBe('ส่งแล้ว 3 จาก 10 ผู้รับ · ไม่สำเร็จ 1 · รอส่ง 6')
    expect(progressSentence('en', { ...c, pending: 0, sending: 0 })).toBe('3 of 4 recipients sent · 1 failed')
  })
})
