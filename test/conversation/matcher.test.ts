import { describe, expect, it } from 'vitest'
import { createIntentMatcher } from '../../src/conversation/matcher.js'
import type { IntentDef } from '../../src/flows/types.js'
import { shippedFlows } from '../helpers/flows.js'

const matcher = createIntentMatcher(shippedFlows().intents)
const intentOf = (text: string) => matcher.match(text)?.intent ?? null

describe('intent matcher on the shipped keywords', () => {
  it.each([
    ['อยากดูงบประมาณ', 'budget'],
    ['ขอดูข้อมูลงบประมาณปี 2569', 'budget'],
    ['มีงบไหม', 'budget'],
    ['การเบิกจ่ายไตรมาสนี้', 'budget'],
    ['ยืมโน้ตบุ๊กต้องทำยังไง', 'guide:assets.it'],
    ['โน้ตบุ๊กที่ยืมมาชำรุด', 'faq:assets.damage'],
    ['ขอยืมครุภัณฑ์', 'assets'],
    ['ยืมทรัพย์สินของราชการ', 'assets'],
    ['รับของขวัญได้ไหม', 'nogift'],
    ['No Gift Policy คืออะไร', 'nogift'],
    ['อยากร้องเรียนเจ้าหน้าที่', 'complaint'],
    ['ขอแจ้งเบาะแสครับ', 'complaint'],
    ['พบการทุจริตในหน่วยงาน', 'complaint'],
    ['ขอบคุณมากค่ะ', 'thanks'],
    ['hi there', 'greeting'],
  ])('%s → %s', (text, intent) => {
    expect(intentOf(text)).toBe(intent)
  })

  it.each([
    ['เมนูค่ะ', 'help'],
    ['เมนูครับ', 'help'],
    ['เมนู', 'help'],
    ['HELP', 'help'],
    ['Menu?', 'help'],
    ['Budget please', 'budget'],
    ['สวัสดีครับ', 'greeting'],
    ['ขอบคุณค่ะ', 'thanks'],
    ['ร้องเรียน', 'complaint'],
    ['no  gift  policy', 'nogift'],
    ['เม\u200bนู', 'help'],
  ])('"%s" is the exact command %s', (text, intent) => {
    expect(matcher.match(text)).toEqual({ intent, exact: true, score: 1 })
  })

  it.each([
    'ความสงบ', // งบ inside สงบ
    'ไม่สงบเลย',
    'ประมาณ 5 โมงเย็น', // ประมาณ alone is "about", not a budget
    'ร้องเพลงคาราโอเกะ', // ร้อง without เรียน
    'เรียนรู้ระบบใหม่',
    'ยืนยันการประชุม',
    'ชนะเลิศ',
    'helpful tips',
    'hiking trip',
    'gifted student',
    'ข้าวผัดกะเพรา',
    'ครับ',
    '',
    '   ',
    '😀👍',
  ])('"%s" matches nothing', (text) => {
    expect(matcher.match(text)).toBeNull()
  })

  it('prefers a service over small talk in the same message', () => {
    expect(intentOf('สวัสดีครับ ขอเมนูหน่อย')).toBe('help')
    expect(intentOf('สวัสดีค่ะ อยากดูงบประมาณ')).toBe('budget')
    expect(intentOf('ขอบคุณครับ แล้วยืมพัสดุยังไง')).toBe('assets')
  })

  it('marks a mention of a keyword as not exact, scored by how much of the message it covers', () => {
    const m = matcher.match('อยากดูงบประมาณ')
    expect(m?.exact).toBe(false)
    expect(m?.score).toBeCloseTo('งบประมาณ'.length / 'อยากดูงบประมาณ'.length)
  })
})

describe('intent matcher rules', () => {
  const intent = (id: string, th: string[], en: string[] = [], priority?: 'low'): IntentDef => ({
    id,
    keywords: { th, en },
    ...(priority ? { priority } : {}),
  })

  it('picks the longest keyword, then the earliest in the message', () => {
    const m = createIntentMatcher([intent('short', ['ยืม']), intent('long', ['ยืมทรัพย์สิน'])])
    expect(m.match('ขอคู่มือยืมทรัพย์สิน')?.intent).toBe('long')
    const tie = createIntentMatcher([intent('a', [], ['budget']), intent('b', [], ['report'])])
    expect(tie.match('budget report')?.intent).toBe('a')
    expect(tie.match('report on budget')?.intent).toBe('b')
  })

  it('lets small talk win only when nothing else matches', () => {
    const m = createIntentMatcher([intent('hello', ['สวัสดีตอนเช้า'], [], 'low'), intent('menu', ['เมนู'])])
    expect(m.match('สวัสดีตอนเช้า ขอเมนู')?.intent).toBe('menu')
    expect(m.match('สวัสดีตอนเช้าทุกคน')?.intent).toBe('hello')
  })

  it('matches Latin words case-insensitively and whole words only', () => {
    const m = createIntentMatcher([intent('help', [], ['Help'])])
    expect(m.match('I need HELP now')?.intent).toBe('help')
    expect(m.match('helpdesk')).toBeNull()
  })

  it('normalizes keywords the way it normalizes messages', () => {
    const m = createIntentMatcher([intent('ask', ['คําร้อง'])])
    expect(m.match('คำร้อง')).toEqual({ intent: 'ask', exact: true, score: 1 })
  })
})
