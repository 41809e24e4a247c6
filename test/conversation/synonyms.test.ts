import { describe, expect, it } from 'vitest'
import { compactText } from '../../src/conversation/analyse.js'
import { createSynonyms } from '../../src/conversation/synonyms.js'

const rewrite = (defs: Parameters<typeof createSynonyms>[0], text: string) =>
  createSynonyms(defs).rewrite(compactText(text)).words.join('|')

describe('synonyms rewrite a message in flows words', () => {
  const assets = [{ means: 'ทรัพย์สินราชการ', words: ['ของหลวง', 'ทรัพย์สินของราชการ'] }]

  it('replaces a colloquial word, whatever the spacing, keeping the rest', () => {
    expect(rewrite(assets, 'ทำของ หลวงหายครับ')).toBe('ทำ|ทรัพย์สิน|ราชการ|หาย')
  })

  it('takes the longest word first and leaves a meaning as it is', () => {
    const defs = [{ means: 'เรียกรับเงิน', words: ['เรียกรับ', 'เรียกเงิน'] }]
    expect(rewrite(defs, 'เรียกรับเงิน')).toBe('เรียก|รับ|เงิน')
    expect(rewrite(defs, 'หัวหน้าเรียกเงิน')).toBe('หัวหน้า|เรียก|รับ|เงิน')
  })

  it('matches a short word only as whole words, never inside another one', () => {
    const defs = [{ means: 'สูญหาย', words: ['หาย'] }]
    expect(rewrite(defs, 'โน้ตบุ๊กหาย')).toBe('โน้ตบุ๊ก|สูญหาย')
    expect(rewrite(defs, 'หายใจไม่ออก')).not.toContain('สูญ')
  })

  it('reads words of one or two letters, and `alone` words, only as the whole message', () => {
    const defs = [
      { means: 'สวัสดี', words: ['ดีจ้า'] },
      { means: 'เมนู', words: [], alone: ['ช่วย'] },
    ]
    expect(rewrite(defs, 'ดีจ้า')).toBe('สวัสดี')
    expect(rewrite(defs, 'ข้าราชการที่ดี')).not.toContain('สวัสดี')
    expect(rewrite(defs, 'ช่วยหน่อย')).toBe('เมนู')
    expect(rewrite(defs, 'ญาติขอให้ช่วยเรื่องงาน')).not.toContain('เมนู')
  })
})
