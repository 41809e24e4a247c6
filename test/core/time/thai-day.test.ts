import { describe, expect, it } from 'vitest'
import { dateExample, parseThaiDay } from '../../../src/core/time/index.js'

// Days as Thai staff type them into the gift report's date question.
const TODAY = '2026-11-20'

describe('parseThaiDay: the forms staff write', () => {
  it.each([
    ['1 ธ.ค. 69', '2026-12-01'],
    ['1 ธันวาคม 2569', '2026-12-01'],
    ['01/12/2569', '2026-12-01'],
    ['1/12/69', '2026-12-01'],
    ['2026-12-01', '2026-12-01'],
    ['1 ธค 69', '2026-12-01'],
    ['1 ธ.ค.69', '2026-12-01'],
    ['1ธ.ค.2569', '2026-12-01'],
    ['๑ ธ.ค. ๖๙', '2026-12-01'],
    ['๐๑/๑๒/๒๕๖๙', '2026-12-01'],
    ['วันที่ 1 ธ.ค. พ.ศ. 2569', '2026-12-01'],
    ['  1 ธันวา 69  ', '2026-12-01'],
    ['1-12-2569', '2026-12-01'],
    ['1.12.2569', '2026-12-01'],
    ['2569-12-01', '2026-12-01'],
    ['15 พฤศจิกายน 2569', '2026-11-15'],
    ['29 ก.พ. 67', '2024-02-29'],
    ['1 ม.ค. 2026', '2026-01-01'],
    ['1 ธ.ค. ค.ศ. 2026', '2026-12-01'],
    ['1 Dec 2026', '2026-12-01'],
    ['December 1, 2026', '2026-12-01'],
    ['15/11/2026', '2026-11-15'],
  ])('"%s" is %s', (typed, day) => {
    expect(parseThaiDay(typed, TODAY)).toBe(day)
  })

  it('a day without a year is the latest such day up to today', () => {
    expect(parseThaiDay('15 พ.ย.', TODAY)).toBe('2026-11-15')
    expect(parseThaiDay('1 ธ.ค.', TODAY)).toBe('2025-12-01')
    expect(parseThaiDay('20/11', TODAY)).toBe('2026-11-20')
    // Without today to place it, it is not a day.
    expect(parseThaiDay('1 ธ.ค.')).toBeNull()
  })

  it('two-digit years are Buddhist era (25xx), four-digit ones from 2400 too', () => {
    expect(parseThaiDay('1/1/00', TODAY)).toBe('1957-01-01')
    expect(parseThaiDay('1/1/2499', TODAY)).toBe('1956-01-01')
    expect(parseThaiDay('1/1/2026', TODAY)).toBe('2026-01-01')
    // Neither era makes 2399 a year anyone reports a gift in.
    expect(parseThaiDay('1/1/2399', TODAY)).toBeNull()
  })
})

describe('parseThaiDay: what is not a day', () => {
  it.each([
    ['31/02/2569'],
    ['31 เม.ย. 69'],
    ['29 ก.พ. 66'],
    ['32 ธ.ค. 69'],
    ['1/13/2569'],
    ['0/12/2569'],
    ['1 ธ.ค. 569'],
    ['1 ธันวาคมม 69'],
    ['1 xyz 69'],
    ['พรุ่งนี้'],
    ['เมื่อวาน'],
    [''],
    ['12'],
    ['2569'],
    ['1//12/69'],
    ['1/12/69/1'],
    ['2026-13-01'],
    ['2026-02-30'],
    ['1 ธ.ค. 69 10:00'],
  ])('"%s" is refused', (typed) => {
    expect(parseThaiDay(typed, TODAY)).toBeNull()
  })
})

describe('dateExample', () => {
  it("names today's date the two ways Thai staff write it, or the English one", () => {
    expect(dateExample(TODAY)).toBe('20 พ.ย. 69 หรือ 20/11/2569')
    expect(dateExample(TODAY, 'en')).toBe('20/11/2569 (Buddhist era) or 2026-11-20')
    // What it suggests is read back as today.
    expect(parseThaiDay('20 พ.ย. 69', TODAY)).toBe(TODAY)
    expect(parseThaiDay('20/11/2569', TODAY)).toBe(TODAY)
  })
})
