import { describe, expect, it } from 'vitest'
import { boundaries, normalizeForMatch, normalizeText } from '../../src/conversation/normalize.js'

describe('normalizeText', () => {
  it('composes to NFC, lowercases Latin and collapses spaces', () => {
    expect(normalizeText('  No   Gift\tPolicy \n')).toBe('no gift policy')
    expect(normalizeText('e\u0301')).toBe('é')
  })

  it('removes zero-width characters that would split a Thai word', () => {
    expect(normalizeText('เม\u200bนู\u200d\ufeff')).toBe('เมนู')
    expect(normalizeText('งบ\u00adประมาณ')).toBe('งบประมาณ')
  })

  it('repairs sara am typed as nikhahit + sara aa', () => {
    expect(normalizeText('คําร้อง')).toBe('คำร้อง')
    expect(normalizeText('ทํา')).toBe('ทำ')
  })
})

describe('normalizeForMatch', () => {
  it.each([
    ['เมนูครับ', 'เมนู'],
    ['เมนูค่ะ', 'เมนู'],
    ['เมนูนะคะ', 'เมนู'],
    ['เมนูหน่อยค่ะ', 'เมนู'],
    ['ขอบคุณครับผม', 'ขอบคุณ'],
    ['สวัสดีจ้า', 'สวัสดี'],
    ['เมนู!!', 'เมนู'],
    ['"เมนู"', 'เมนู'],
    ['Budget please', 'budget'],
    ['please, HELP!', 'help'],
    ['ครับ', ''],
    ['🙏🙏', ''],
  ])('%s → %s', (input, expected) => {
    expect(normalizeForMatch(input)).toBe(expected)
  })

  it('strips particles only as whole words at the end', () => {
    // "ชนะ" (win) ends with the letters of "นะ" but is one word.
    expect(normalizeForMatch('ชนะ')).toBe('ชนะ')
    expect(normalizeForMatch('ครับผมเมนู')).toBe('ครับผมเมนู')
  })
})

describe('boundaries', () => {
  it('lists where Thai words start and end', () => {
    expect([...boundaries('อยากดูงบประมาณ')].sort((a, b) => a - b)).toEqual([0, 4, 6, 8, 14])
  })
})
