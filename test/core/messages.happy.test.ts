import { describe, expect, it } from 'vitest'
import { defineMessages } from '../../src/core/messages.js'

const words = defineMessages({
  saved: ['บันทึกแล้ว', 'Saved.'],
  items: ['{{n}} รายการ', '{{n}} items'],
  range: ['ปีงบประมาณ {{fy}}', 'fiscal year {{fy}} ({{from}}–{{to}})'],
  spaced: ['ถึง {{ who }}', 'To {{ who }}'],
  twice: ['{{n}} และ {{n}}', '{{n}} and {{n}}'],
})

describe('a table read in one language', () => {
  it('says a message without values as it is written', () => {
    expect(words('th')('saved')).toBe('บันทึกแล้ว')
    expect(words('en')('saved')).toBe('Saved.')
  })

  it('fills every placeholder, numbers as written', () => {
    expect(words('th')('items', { n: 3 })).toBe('3 รายการ')
    expect(words('en')('items', { n: '1,024' })).toBe('1,024 items')
    expect(words('en')('twice', { n: 2 })).toBe('2 and 2')
    expect(words('th')('spaced', { who: 'ท่าน' })).toBe('ถึง ท่าน')
  })

  it('takes a value only one language uses, and leaves it out of the other', () => {
    const vars = { fy: 2569, from: 2025, to: 2026 }
    expect(words('th')('range', vars)).toBe('ปีงบประมาณ 2569')
    expect(words('en')('range', vars)).toBe('fiscal year 2569 (2025–2026)')
  })

  it('inserts a value once: braces in it are not read again', () => {
    expect(words('en')('items', { n: '{{n}}' })).toBe('{{n}} items')
  })

  it('knows the keys a stored code may name: those of messages without values', () => {
    expect(words.has('saved')).toBe(true)
    expect(words.has('items')).toBe(false)
    expect(words.has('toString')).toBe(false)
    expect(words.has('nothing')).toBe(false)
  })

  it('says a message in both languages at once, for a value that carries both', () => {
    expect(words.both('items', { n: 2 })).toEqual({ th: '2 รายการ', en: '2 items' })
    expect(words.both('saved')).toEqual({ th: 'บันทึกแล้ว', en: 'Saved.' })
  })

  it('lists its keys in the order written', () => {
    expect(words.keys).toEqual(['saved', 'items', 'range', 'spaced', 'twice'])
  })
})
