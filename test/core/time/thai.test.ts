import { describe, expect, test } from 'vitest'
import { formatDateTimeEn, formatDay, formatMonth, formatThaiDateTime } from '../../../src/core/time/index.js'

describe('formatThaiDateTime', () => {
  test('Buddhist era, Thai month, Bangkok time', () => {
    expect(formatThaiDateTime(new Date('2026-11-22T02:30:00Z'), 'Asia/Bangkok')).toBe('22 พ.ย. 2569 09:30 น.')
  })
  test('crosses the date line into the next day and year in Bangkok', () => {
    expect(formatThaiDateTime(new Date('2026-12-31T17:05:00Z'), 'Asia/Bangkok')).toBe('1 ม.ค. 2570 00:05 น.')
  })
  test('other time zones and every month name', () => {
    expect(formatThaiDateTime(new Date('2026-11-22T02:30:00Z'), 'UTC')).toBe('22 พ.ย. 2569 02:30 น.')
    const months = Array.from(
      { length: 12 },
      (_, m) => formatThaiDateTime(new Date(Date.UTC(2025, m, 15, 5)), 'Asia/Bangkok').split(' ')[1],
    )
    expect(months).toEqual([
      'ม.ค.',
      'ก.พ.',
      'มี.ค.',
      'เม.ย.',
      'พ.ค.',
      'มิ.ย.',
      'ก.ค.',
      'ส.ค.',
      'ก.ย.',
      'ต.ค.',
      'พ.ย.',
      'ธ.ค.',
    ])
  })
  test('English keeps the Buddhist year', () => {
    expect(formatDateTimeEn(new Date('2026-11-22T02:30:00Z'), 'Asia/Bangkok')).toBe('22 Nov 2569 BE 09:30')
  })
})

describe('formatDay: a stored day in the Buddhist era', () => {
  test('Thai and English keep the Buddhist year (CE + 543)', () => {
    expect(formatDay('2026-11-15', 'th')).toBe('15 พ.ย. 2569')
    expect(formatDay('2026-11-15', 'en')).toBe('15 Nov 2569 BE')
    expect(formatDay('2027-01-01', 'th')).toBe('1 ม.ค. 2570')
  })
  test('anything that is not a day comes back as it was', () => {
    expect(formatDay('', 'th')).toBe('')
    expect(formatDay('soon', 'en')).toBe('soon')
  })
})

describe('formatMonth: a fiscal month for tables and chart axes', () => {
  test('full year in tables, two digits on axes', () => {
    expect(formatMonth('2025-10', 'th')).toBe('ต.ค. 2568')
    expect(formatMonth('2025-10', 'en')).toBe('Oct 2568')
    expect(formatMonth('2026-09', 'th', true)).toBe('ก.ย. 69')
  })
})
