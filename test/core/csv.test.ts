import { describe, expect, it } from 'vitest'
import { csvText } from '../../src/core/csv.js'

describe('csvText: the one CSV writer', () => {
  it('a BOM for Excel, CRLF lines, quotes only where RFC 4180 needs them', () => {
    expect(
      csvText([
        ['ปีงบประมาณ', 'a,b', 'say "hi"', 'two\nlines'],
        ['1', '', '-5', '3.5'],
      ]),
    ).toBe('\uFEFFปีงบประมาณ,"a,b","say ""hi""","two\nlines"\r\n1,,-5,3.5\r\n')
  })
})

describe('csvText: cells a spreadsheet would run', () => {
  it('formulas and their lookalikes get a leading apostrophe', () => {
    const cells = ['=1+1', '+1', '@SUM(A1)', '-A1', '\tx', '\rx', '=HYPERLINK("http://x")']
    expect(csvText([cells])).toBe(
      `\uFEFF'=1+1,'+1,'@SUM(A1),'-A1,'\tx,"'\rx","'=HYPERLINK(""http://x"")"\r\n`,
    )
  })

  it('negative numbers and text with = inside stay as they are', () => {
    expect(csvText([['-5', '-0.5', 'a=b', 'ข้อ 1 = ถูก']])).toBe('\uFEFF-5,-0.5,a=b,ข้อ 1 = ถูก\r\n')
  })
})
