import { describe, expect, it } from 'vitest'
import { detectComplaintIntent } from '../../src/complaints/intent.js'

// The complaint-intent detector: wide on purpose (a miss in a group can expose a complainant,
// a false alarm costs one pointer), Thai without spaces, English on word boundaries.

describe('complaint intent: found anywhere in a sentence', () => {
  it.each([
    'ขอร้องเรียน ผอ.กองคลัง รับเงินผู้รับเหมา 50,000 บาท',
    '@บอท อยากร้องเรียนหัวหน้างานพัสดุ',
    'ร้องเรียนได้ที่ไหนครับ',
    'ไม่มีเรื่องร้องเรียน',
    'ขอแจ้งเบาะแสเรื่องจัดซื้อ',
    'จะไปร้องทุกข์ที่ศูนย์ดำรงธรรม',
    'หัวหน้าทุจริตงบโครงการ',
    'ผอ.เรียกรับเงินจากผู้รับเหมา',
    'มีคนรับสินบนในกองช่าง',
    'จ่ายเงินใต้โต๊ะให้กรรมการตรวจรับ',
    'ร้อง เรียน เรื่องนี้',
    'ร้อง\u200bเรียน',
    'กองคลังทุจริตและจัดกิจกรรมต่อต้านการทุจริตไปพร้อมกัน',
    'I want to report corruption in procurement',
    'How do I file a complaint?',
    'My boss took a BRIBE',
    'whistleblower protection?',
  ])('%s', (text) => {
    expect(detectComplaintIntent(text)).not.toBe('none')
  })
})

describe('complaint intent: a bare request is a command, a sentence is not', () => {
  it.each(['ร้องเรียน', 'ขอร้องเรียนครับ', 'อยากจะร้องเรียนค่ะ', 'ต้องการแจ้งเบาะแส', 'ขอร้องเรียน!'])(
    '%s → command',
    (text) => {
      expect(detectComplaintIntent(text)).toBe('command')
    },
  )

  it.each(['ขอร้องเรียน ผอ.กองคลัง รับเงินผู้รับเหมา 50,000 บาท', 'อยากร้องเรียนเจ้าหน้าที่', 'report corruption'])(
    '%s → sentence',
    (text) => {
      expect(detectComplaintIntent(text)).toBe('sentence')
    },
  )
})

describe('complaint intent: everyday group chat is left alone', () => {
  it.each([
    'ประชุมบ่ายสองโมงนะครับ',
    'งบประมาณไตรมาสนี้เบิกจ่ายได้เท่าไร',
    'ขอบคุณทุกท่านที่ร่วมกิจกรรมต่อต้านการทุจริต',
    'ข่าว: สำนักงานป้องกันและปราบปรามการทุจริตแห่งชาติจัดอบรม',
    'อบรมป้องกันผลประโยชน์ทับซ้อนวันศุกร์',
    'ส่ง report ประจำเดือนภายในวันนี้',
    'ได้เงินทอนครบไหม',
    'ขอร้องให้ทุกคนมาตรงเวลา',
    'anti-corruption week starts Monday',
    '',
    '   ',
  ])('%s', (text) => {
    expect(detectComplaintIntent(text)).toBe('none')
  })
})
