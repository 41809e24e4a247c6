import { describe, expect, it } from 'vitest'
import writeXlsxFile from 'write-excel-file/universal'
import { importBudgetFile } from '../../src/budget/import.js'
import type { ImportResult, Issue } from '../../src/budget/types.js'
import { fixture } from './helpers.js'

const opts = { maxBytes: 5 * 1024 * 1024, fiscalYear: 2569, latestFiscalYear: 2571 }
const enc = (s: string) => new TextEncoder().encode(s)
const HEADER = 'ปีงบประมาณ,งวด,หน่วยงาน,แผนงาน/โครงการ,งบที่ได้รับจัดสรร,ก่อหนี้ผูกพัน (PO),เบิกจ่าย,เป้าหมายการเบิกจ่าย'
const GOOD = '2569,ไตรมาส 1,กองคลัง,แผนงานบริหารงานทั่วไป,"4,215,000.00","95,000.00","1,302,480.50",30%'
const csv = (...lines: string[]) => enc([HEADER, ...lines].join('\n'))

async function issues(bytes: Uint8Array, name = 'budget.csv', o = opts): Promise<Issue[]> {
  const r: ImportResult = await importBudgetFile(bytes, name, o)
  if (r.ok) throw new Error('expected the file to be refused')
  return r.issues
}

describe('budget import: bad input is refused with every problem named, Thai and English', () => {
  it('a good file passes (the cases below differ from it in one thing)', async () => {
    expect((await importBudgetFile(csv(GOOD), 'budget.csv', opts)).ok).toBe(true)
  })

  it('a text in a number column', async () => {
    const list = await issues(csv(GOOD.replace('"1,302,480.50"', 'หนึ่งล้าน')))
    expect(list).toEqual([
      { line: 2, column: 'เบิกจ่าย (G)', th: '"หนึ่งล้าน" ไม่ใช่ตัวเลข', en: '"หนึ่งล้าน" is not a number' },
    ])
  })

  it('a missing column names the column, at the header line', async () => {
    const header = HEADER.replace(',เป้าหมายการเบิกจ่าย', '')
    const list = await issues(enc(`${header}\n${GOOD.replace(',30%', '')}`))
    expect(list).toEqual([
      expect.objectContaining({
        line: 1,
        column: 'เป้าหมายการเบิกจ่าย (target)',
        en: expect.stringMatching(/missing/),
      }),
    ])
  })

  it('a duplicated row points at the first one; every bad row is listed, not just the first', async () => {
    const list = await issues(csv(GOOD, GOOD.replace('กองคลัง', 'กองช่าง'), GOOD, GOOD.replace('30%', '-5')))
    expect(list.map((i) => [i.line, i.en])).toEqual([
      [4, 'Duplicates line 2 (same period, unit and plan)'],
      [5, 'is negative'],
    ])
  })

  it.each([
    ['2690', /does not exist/],
    ['1990', /CE year.*2534/],
    ['2568', /not the fiscal year chosen for this upload \(2569\)/],
    ['25x9', /not a year/],
  ])('a fiscal year that does not exist or is not the upload’s: %s', async (year, why) => {
    const [issue, ...rest] = await issues(csv(GOOD.replace('2569', year)))
    expect(rest).toEqual([])
    expect(issue).toMatchObject({ line: 2, column: 'ปีงบประมาณ (A)', en: expect.stringMatching(why) })
    expect(issue?.th).toMatch(/[ก-๙]/)
  })

  it('a month outside the fiscal year, and a period nobody writes', async () => {
    const list = await issues(
      csv(GOOD.replace('ไตรมาส 1', 'ต.ค. 2569'), GOOD.replace('ไตรมาส 1', 'ไตรมาส 5').replace('กองคลัง', 'x')),
    )
    expect(list.map((i) => [i.line, i.column])).toEqual([
      [2, 'งวด (B)'],
      [3, 'งวด (B)'],
    ])
    expect(list[0]?.en).toMatch(/outside fiscal year 2569/)
  })

  it('a 20 MB file is refused before it is parsed, with its size', async () => {
    const big = new Uint8Array(20 * 1024 * 1024).fill(0x41)
    const list = await issues(big)
    expect(list).toEqual([
      {
        line: null,
        column: null,
        th: expect.stringContaining('20.0 MB เกินขนาดสูงสุด 5.0 MB'),
        en: expect.stringContaining('The file is 20.0 MB, over the 5.0 MB limit'),
      },
    ])
  })

  it('negative amounts, in either notation', async () => {
    const list = await issues(
      csv(
        GOOD.replace('"95,000.00"', '-95000'),
        GOOD.replace('กองคลัง', 'ก').replace('"95,000.00"', '"(95,000.00)"'),
      ),
    )
    expect(list.map((i) => [i.line, i.column, i.en])).toEqual([
      [2, 'ก่อหนี้ผูกพัน (PO) (F)', 'is negative'],
      [3, 'ก่อหนี้ผูกพัน (PO) (F)', 'is negative'],
    ])
  })

  it('disbursement over the allocation; commitment plus disbursement over it; a target over it', async () => {
    const list = await issues(
      csv(
        GOOD.replace('"1,302,480.50"', '"5,000,000.00"'),
        GOOD.replace('กองคลัง', 'ก').replace('"95,000.00"', '"3,000,000.00"'),
        GOOD.replace('กองคลัง', 'ข').replace('30%', '"9,999,999.00"'),
        GOOD.replace('กองคลัง', 'ค').replace('30%', '130%'),
      ),
    )
    expect(list.map((i) => [i.line, i.column, i.en])).toEqual([
      [2, 'เบิกจ่าย (G)', 'Disbursement is over the allocation'],
      [3, 'ก่อหนี้ผูกพัน (PO) (F)', 'Commitment plus disbursement is over the allocation'],
      [4, 'เป้าหมายการเบิกจ่าย (H)', 'The target is over the allocation'],
      [5, 'เป้าหมายการเบิกจ่าย (H)', 'is over 100%'],
    ])
  })

  it('an empty file, a file with a header only, a totals row, three decimals, an unclosed quote', async () => {
    expect((await issues(new Uint8Array(0)))[0]?.en).toBe('The file is empty')
    expect((await issues(enc(`\ufeff${HEADER}\r\n\r\n`)))[0]?.en).toBe('There are no rows under the header')
    expect((await issues(csv(GOOD, '2569,ไตรมาส 1,รวมทั้งสิ้น,,"4,215,000.00",0,0,0')))[0]).toMatchObject({
      line: 3,
      en: expect.stringMatching(/totals row/),
    })
    expect((await issues(csv(GOOD.replace('"95,000.00"', '95000.005'))))[0]?.en).toBe(
      'has more than two decimals',
    )
    expect((await issues(csv(GOOD, '2569,Q1,"กองช่าง,แผน,1,0,0,0')))[0]).toMatchObject({
      line: 3,
      en: expect.stringMatching(/never closed/),
    })
  })

  it('wrong file types: PDF, Word, old .xls, a workbook named .csv, text that is not UTF-8, no header', async () => {
    const pdf = enc('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n')
    expect((await issues(pdf, 'budget.pdf'))[0]?.en).toBe('Only .csv and .xlsx files are accepted')
    const docx = fixture('budget-2569.xlsx') // any zip: a .docx is one too
    expect((await issues(docx, 'budget.docx'))[0]?.en).toBe('Only .csv and .xlsx files are accepted')
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
    expect((await issues(xls, 'budget.xls'))[0]?.en).toMatch(/\.xls files are not supported/)
    expect((await issues(xls, 'renamed.xlsx'))[0]?.en).toMatch(/\.xls files are not supported/)
    expect((await issues(docx, 'budget.csv'))[0]?.en).toMatch(/Excel file named \.csv/)
    expect((await issues(enc('not a zip at all'), 'budget.xlsx'))[0]?.en).toBe(
      'This is not a valid Excel (.xlsx) file',
    )
    // "งบประมาณ" in Windows-874 (Thai ANSI): the bytes are not UTF-8.
    const tis620 = new Uint8Array([0xa7, 0xba, 0xbb, 0xc3, 0xd0, 0xc1, 0xd2, 0xb3, 0x2c, 0x31])
    expect((await issues(tis620))[0]?.en).toMatch(/not UTF-8/)
    expect((await issues(enc('a,b,c\n1,2,3')))[0]?.en).toMatch(/No header row found/)
  })

  it('an .xlsx whose sheet breaks a rule is reported with the sheet row and column letter', async () => {
    const blob = await writeXlsxFile([
      ['ปีงบประมาณ', 'งวด', 'หน่วยงาน', 'แผนงาน', 'งบที่ได้รับจัดสรร', 'ก่อหนี้ผูกพัน', 'เบิกจ่าย', 'เป้าหมาย'],
      [2569, 'Q1', 'กองคลัง', 'แผน ก', 1000, 0, 'ไม่ทราบ', 0.3],
      [2569, 'Q1', 'กองคลัง', 'แผน ข', 1000, true, 10, 0.3],
    ]).toBlob()
    const list = await issues(new Uint8Array(await blob.arrayBuffer()), 'budget.xlsx')
    expect(list.map((i) => [i.line, i.column])).toEqual([
      [2, 'เบิกจ่าย (G)'],
      [3, 'ก่อหนี้ผูกพัน (F)'],
    ])
  })
})
