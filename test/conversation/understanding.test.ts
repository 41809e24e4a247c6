import { describe, expect, it } from 'vitest'
import { compactText } from '../../src/conversation/analyse.js'
import { cataloguePhrases } from '../../src/conversation/catalogue.js'
import { TOPICS } from '../../src/conversation/topics.js'
import {
  CLARIFY_INTENT,
  CONFIDENT,
  createTextUnderstanding,
  UNSURE,
} from '../../src/conversation/understanding.js'
import type { IntentDef } from '../../src/flows/types.js'
import { shippedFlows } from '../helpers/flows.js'

const flows = shippedFlows()
const u = createTextUnderstanding(flows)
const understand = (text: string) => u.understand(text)

describe('understanding the shipped flows', () => {
  it.each([
    ['เมนูค่ะ', 'help'],
    ['เมนูครับ', 'help'],
    ['HELP', 'help'],
    ['Menu?', 'help'],
    ['Budget please', 'budget'],
    ['สวัสดีครับ', 'greeting'],
    ['ขอบคุณค่ะ', 'thanks'],
    ['ร้องเรียน', 'complaint'],
    ['no  gift  policy', 'nogift'],
    ['nogift', 'nogift'],
    ['เม\u200bนู', 'help'],
    ['โน้ตบุ๊ก', 'guide:assets.it'],
    ['ชำรุด', 'faq:assets.damage'],
  ])('"%s" is the command %s: exact, certain, answered even in a group', (text, intent) => {
    expect(understand(text)).toMatchObject({ intent, target: intent, exact: true, confidence: 1 })
  })

  it.each([
    'รับกระเช้าปีใหม่ได้ไหม', // a FAQ question, not a keyword
    'กระเช้าปีใหม่', // a synonym
    'เรื่องที่แจ้งไปถึงไหนแล้ว',
    'ยืมโน้ตบุ๊กต้องทำยังไง',
  ])('"%s" is understood but is no command: a group is left alone unless the bot is mentioned', (text) => {
    const r = understand(text)
    expect(r.exact).toBe(false)
    expect(r.confidence).toBeGreaterThanOrEqual(CONFIDENT)
  })

  it.each([
    ['โน้ตบุ๊กที่ยืมมาชำรุด', 'faq:assets.damage'],
    ['ทำของหลวงหายต้องทำยังไง', 'faq:assets.damage'],
    ['ยืมโน้ตบุ๊กต้องทำยังไง', 'guide:assets.it'],
    ['ซื่อสัตย์สุจริตคืออะไร', 'step:ethics.1'],
    ['ผลประโยชน์ทับซ้อนคืออะไร', 'faq:ethics.coi'],
    ['รับกระเช้าปีใหม่ได้ไหม', 'faq:nogift.festival'],
    ['จรรยาบรรณข้าราชการมีอะไรบ้าง', 'guide:ethics'],
    ['เรื่องที่แจ้งไปถึงไหนแล้ว', 'complaint-followup'],
    ['ขอเบิกพัสดุ', 'faq:assets.supplies'],
  ])('answers the specific thing asked: "%s" → %s', (text, target) => {
    const r = understand(text)
    expect(r.target).toBe(target)
    expect(r.intent).toBe(target)
  })

  it('a phrase inside a longer one found too is explained by it', () => {
    // "ร้องเรียน" (complaint, high priority) lies inside "ช่องทางร้องเรียน" (the hotlines).
    expect(understand('ช่องทางร้องเรียนมีอะไรบ้าง').target).toBe('guide:channels')
    // "ของขวัญ", "รับของขวัญ" (No Gift Policy) lie inside the gift report's keyword.
    expect(understand('รายงานการรับของขวัญ').target).toBe('gift-report')
  })

  it('prefers a service over small talk in the same message', () => {
    expect(understand('สวัสดีครับ ขอเมนูหน่อย').topic).toBe('help')
    expect(understand('สวัสดีค่ะ อยากดูงบประมาณ').topic).toBe('budget')
    expect(understand('ขอบคุณครับ แล้วยืมพัสดุยังไง').topic).toBe('assets')
  })

  it('reads typos, spacing, particles and Thai-English mixing', () => {
    for (const text of ['งบประมาน', 'โนตบุค', 'ล็อค สเปค', 'ยืม notebook ค่ะ', 'โน๊ตบุ๊คพังงง']) {
      expect(understand(text).intent, text).not.toBeNull()
    }
    expect(understand('ล็อค สเปค').topic).toBe('complaint')
    expect(understand('โน๊ตบุ๊คพังงง').target).toBe('faq:assets.damage')
  })

  it('offers a complaint told as a sentence instead of filing it, and marks it sensitive', () => {
    const sentence = understand('หัวหน้าเรียกเงินจากลูกน้อง')
    expect(sentence).toMatchObject({ topic: 'complaint', intent: 'complaint-offer', sensitive: true })
    expect(understand('ร้องเรียน')).toMatchObject({ intent: 'complaint', exact: true, sensitive: false })
    expect(understand('ผลประโยชน์ทับซ้อนคืออะไร')).toMatchObject({ sensitive: false, question: true })
  })

  it('takes a statement about someone in authority as a report, the same words asked as the rules', () => {
    expect(understand('หัวหน้ารับซองจากผู้รับเหมา')).toMatchObject({
      topic: 'complaint',
      intent: 'complaint-offer',
    })
    expect(understand('ผอ.ใช้รถหลวงไปเที่ยว')).toMatchObject({ topic: 'complaint', intent: 'complaint-offer' })
    expect(understand('หัวหน้าเอาโน้ตบุ๊กกลับบ้านได้ไหม').topic).toBe('assets')
    expect(understand('เพื่อนร่วมงานให้ของฝากจากต่างจังหวัด').topic).toBe('nogift')
  })

  it('reads abbreviations with or without their dots, and drawn-out typing', () => {
    expect(understand('เบอร์ ป.ป.ช.').target).toBe(understand('เบอร์ปปช').target)
    expect(understand('ดีจ้าาา')).toMatchObject({ topic: 'greeting' })
    expect(understand('ขอบคุณครับบบ')).toMatchObject({ topic: 'thanks', exact: true })
  })

  it('takes a receipt code as a follow-up: a complaint case, or an anonymous budget question', () => {
    expect(understand('เลขที่ c-2569-7k3q9m ค่ะ')).toMatchObject({
      topic: 'followup',
      intent: 'complaint-followup',
    })
    expect(understand('Q-2569-ABCDEF')).toMatchObject({ topic: 'budget', intent: 'question-followup' })
    expect(understand('XC-2569-7K3Q9MZ').intent).not.toBe('complaint-followup')
  })

  it('asks when a close runner-up has another topic, offering the best few', () => {
    const r = understand('ยืมรถหรือรับของขวัญ')
    expect(r.intent).toBe(CLARIFY_INTENT)
    expect(r.confidence).toBeGreaterThanOrEqual(UNSURE)
    expect(r.confidence).toBeLessThan(CONFIDENT)
    expect(new Set([r.topic, ...r.alternatives.map((a) => a.topic)])).toEqual(new Set(['assets', 'nogift']))
  })

  it.each([
    'ความสงบ', // งบ inside สงบ
    'ประมาณ 5 โมงเย็น', // ประมาณ alone is "about", not a budget
    'ร้องเพลงคาราโอเกะ', // ร้อง without เรียน
    'ยืนยันการประชุม',
    'helpful tips',
    'gifted student',
    'ข้าวผัดกะเพรา',
  ])('"%s" is not understood: no answer, the fallback offers the topics', (text) => {
    expect(understand(text).intent).toBeNull()
  })

  it.each(['ครับ', '', '   ', '😀👍', '!!!'])('"%s" says nothing: topic help, no target', (text) => {
    expect(understand(text)).toMatchObject({ topic: 'help', target: null, intent: null, confidence: 0 })
  })

  it('gives every result one of the ten coarse topics', () => {
    for (const text of [
      'งบ',
      'ยืม',
      'ของขวัญ',
      'ทุจริต',
      'จริยธรรม',
      'ติดตามเรื่อง',
      'เมนู',
      'เกี่ยวกับบอท',
      'hi',
      'thx',
    ]) {
      expect(TOPICS).toContain(understand(text).topic)
    }
  })

  it('finds each synonym meaning in flows, and understands each flows question as what it names', () => {
    const said = cataloguePhrases(flows).map((p) => compactText(p.text).text)
    for (const def of flows.synonyms) {
      // Said as such, or word by word ("ทุจริต" … "จัดซื้อจัดจ้าง").
      const words = compactText(def.means).words
      const unsaid = words.filter((w) => !said.some((s) => s.includes(w)))
      expect(unsaid, `synonyms: "${def.means}": flows never says ${unsaid.join(', ')}`).toEqual([])
    }
    for (const [id, faq] of flows.faqs) {
      for (const q of faq.questions ?? []) expect(understand(q).target, q).toBe(`faq:${id}`)
    }
    for (const intent of flows.intents) {
      for (const q of intent.questions ?? []) expect(understand(q).target, q).toBe(intent.id)
    }
  })

  it('costs well under a millisecond a message once built', () => {
    const texts = ['ยืมโน้ตบุ๊กต้องทำยังไง', 'รับกระเช้าปีใหม่ได้ไหม', 'หัวหน้าเรียกเงินจากลูกน้อง', 'ข้าวผัดกะเพรา']
    for (const t of texts) understand(t)
    const rounds = 100
    const start = performance.now()
    for (let i = 0; i < rounds; i++) for (const t of texts) understand(t)
    const each = (performance.now() - start) / (rounds * texts.length)
    console.log(`understanding: ${each.toFixed(3)} ms per message`)
    // Generous for a loaded CI machine (catches a slip into scanning everything per word); the
    // figure is printed (README "What staff get in LINE").
    expect(each).toBeLessThan(10)
  })
})

describe('understanding rules', () => {
  const intent = (id: string, th: string[], en: string[] = [], priority?: 'low'): IntentDef => ({
    id,
    keywords: { th, en },
    ...(priority ? { priority } : {}),
  })

  it('picks the longest keyword found', () => {
    const m = createTextUnderstanding({ intents: [intent('short', ['ยืม']), intent('long', ['ยืมทรัพย์สิน'])] })
    expect(m.understand('ขอคู่มือยืมทรัพย์สิน').target).toBe('long')
  })

  it('lets small talk win only when nothing else matches', () => {
    const m = createTextUnderstanding({
      intents: [intent('greeting', ['สวัสดีตอนเช้า'], [], 'low'), intent('help', ['เมนู'])],
    })
    expect(m.understand('สวัสดีตอนเช้า ขอเมนู').target).toBe('help')
    expect(m.understand('สวัสดีตอนเช้าทุกคน').target).toBe('greeting')
  })

  it('matches Latin words case-insensitively and whole words only', () => {
    const m = createTextUnderstanding({ intents: [intent('help', [], ['Help'])] })
    expect(m.understand('I need HELP now').target).toBe('help')
    expect(m.understand('helpdesk').intent).toBeNull()
  })

  it('normalizes keywords the way it normalizes messages', () => {
    const m = createTextUnderstanding({ intents: [intent('ask', ['คําร้อง'])] })
    expect(m.understand('คำร้อง')).toMatchObject({ target: 'ask', exact: true })
  })

  it('rewrites a message with synonyms before ranking, both ways alike', () => {
    const m = createTextUnderstanding({
      intents: [intent('assets', ['ทรัพย์สินราชการ'])],
      synonyms: [{ means: 'ทรัพย์สินราชการ', words: ['ของหลวง'] }],
    })
    expect(m.understand('ของ หลวง')).toMatchObject({ target: 'assets', exact: false })
    expect(m.understand('ทำของหลวงหาย')).toMatchObject({ target: 'assets', exact: false })
  })

  it("puts an intent under its own topic, its measure's, or help", () => {
    const m = createTextUnderstanding({
      intents: [
        intent('budget', ['งบประมาณ']),
        { id: 'gift-report', keywords: { th: ['รายงานของขวัญ'], en: [] }, measure: 'nogift' },
        { id: 'complaint-followup', keywords: { th: ['ติดตามเรื่อง'], en: [] }, measure: 'complaints' },
        intent('agency-own', ['ห้องประชุม']),
      ],
    })
    expect(m.understand('งบประมาณ').topic).toBe('budget')
    expect(m.understand('รายงานของขวัญ').topic).toBe('nogift')
    expect(m.understand('ติดตามเรื่อง').topic).toBe('followup')
    expect(m.understand('ห้องประชุม').topic).toBe('help')
  })
})
