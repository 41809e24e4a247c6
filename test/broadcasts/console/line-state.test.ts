import { describe, expect, it } from 'vitest'
import { deliveryWords } from '../../../src/broadcasts/console/line-state.js'
import { consoleWords } from '../../../src/console/i18n.js'
import type { View } from '../../../src/console/layout.js'

const view = (lang: 'th' | 'en'): View => ({
  t: consoleWords(lang),
  lang,
  nonce: '',
  csrf: '',
  admin: null,
  orgName: '',
  path: '/',
  date: (d) => d.toISOString(),
})

describe('a delivery detail in words', () => {
  const th = view('th')
  const words = (detail: string | null, answer_status: number | null = null) =>
    deliveryWords(th, { detail, answer_status })

  it('says what the sender stored, in Thai', () => {
    expect(words('run paused by a rate limit')).toBe('หยุดชั่วคราว: LINE จำกัดอัตราการส่ง ระบบจะส่งต่อเอง')
    expect(words('not sent: monthly quota exhausted', null)).toBe('ไม่ได้ส่ง: โควตาข้อความของเดือนนี้หมดแล้ว')
    expect(words('organization has no LINE channel')).toBe('รอส่ง: หน่วยงานยังไม่มีช่อง LINE')
    expect(words('already accepted (409 on retry key)', 409)).toBe('LINE รับไว้แล้วจากการส่งครั้งก่อน (ไม่ส่งซ้ำ)')
    expect(words('handed back: instance stopping')).toBe('รอส่ง: ส่งคืนเมื่อเครื่องหนึ่งหยุดทำงาน ให้เครื่องอื่นส่งต่อ')
    expect(words('network error: ECONNRESET')).toBe('รอส่งใหม่: LINE ไม่ตอบสนอง')
    expect(words('Internal error', 500)).toBe('รอส่งใหม่: LINE ไม่ตอบสนอง')
  })

  it('in English on the switch; LINE’s own message as it said it; nothing for no detail', () => {
    expect(deliveryWords(view('en'), { detail: 'run paused by a rate limit', answer_status: null })).toBe(
      'Paused: LINE is limiting the sending rate; it resumes by itself.',
    )
    expect(words('The request body has 1 error(s)', 400)).toBe('The request body has 1 error(s)')
    expect(words(null)).toBeNull()
  })
})
