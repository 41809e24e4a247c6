import { readFileSync } from 'node:fs'
import { readSheet } from 'read-excel-file/universal'
import { describe, expect, it } from 'vitest'
import { importBudgetFile } from '../../src/budget/import.js'
import { summarize } from '../../src/budget/summary.js'
import type { BudgetRow } from '../../src/budget/types.js'
import { csvText, xlsxBytes } from './fixtures/make-fixtures.js'
import { csvColumnSatang, FIXTURES, fixture } from './helpers.js'

const opts = { maxBytes: 5 * 1024 * 1024, fiscalYear: 2569, latestFiscalYear: 2571 }
const enc = (s: string) => new TextEncoder().encode(s)
async function rowsOf(bytes: Uint8Array, name: string): Promise<BudgetRow[]> {
  const r = await importBudgetFile(bytes, name, opts)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.rows
}

describe('budget import: the fixtures', () => {
  it('the committed fixtures are what make-fixtures.ts writes', async () => {
    expect(readFileSync(`${FIXTURES}/budget-2569.csv`, 'utf8')).toBe(csvText())
    const [fromFile, fromScript] = await Promise.all([
      readSheet(fixture('budget-2569.xlsx').buffer as ArrayBuffer),
      readSheet((await xlsxBytes()).buffer as ArrayBuffer),
    ])
    expect(fromFile).toEqual(fromScript)
  })

  it('reads the CSV (BOM, Thai headers, thousands separators, an extra column) and the XLSX alike', async () => {
    const csv = await rowsOf(fixture('budget-2569.csv'), 'budget-2569.csv')
    const xlsx = await rowsOf(fixture('budget-2569.xlsx'), 'งบประมาณ.xlsx')
    expect(csv).toHaveLength(18)
    const strip = (rows: BudgetRow[]) => rows.map(({ line: _line, ...rest }) => rest)
    expect(strip(xlsx)).toEqual(strip(csv))
    expect(csv[0]).toMatchObject({
      line: 2,
      period: 'Q1',
      unit: 'สำนักปลัด',
      plan: 'แผนงานบริหารงานทั่วไป',
      allocation: 1_245_000_000n,
      commitment: 115_000_000n,
      disbursement: 340_211_525n,
      target: 373_500_000n,
      targetPct: 3000,
    })
    // A target written as an amount stays an amount.
    expect(csv.find((r) => r.unit === 'กองคลัง' && r.period === 'Q2')).toMatchObject({
      target: 219_180_000n,
      targetPct: null,
    })
    // The XLSX has a title and a blank row above its header: lines are the sheet's own rows.
    expect(xlsx[0]?.line).toBe(4)
  })

  it("the summary's totals equal sums computed independently from each spreadsheet", async () => {
    const text = readFileSync(`${FIXTURES}/budget-2569.csv`, 'utf8')
    const want = {
      allocation: csvColumnSatang(text, 4, 'ไตรมาส 2'),
      commitment: csvColumnSatang(text, 5, 'ไตรมาส 2'),
      disbursement: csvColumnSatang(text, 6, 'ไตรมาส 2'),
    }
    // From the workbook through read-excel-file alone, columns E–H of the rows of quarter 2.
    const sheet = await readSheet(fixture('budget-2569.xlsx').buffer as ArrayBuffer)
    const q2 = sheet.filter((r) => r[1] === 'ไตรมาสที่ 2')
    const col = (i: number) => q2.reduce((sum, r) => sum + BigInt(Math.round(Number(r[i]) * 100)), 0n)
    expect({ allocation: col(4), commitment: col(5), disbursement: col(6) }).toEqual(want)
    // Targets: a share of each line's allocation, or an amount as written.
    const target = q2.reduce((sum, r) => {
      const t = Number(r[7])
      const alloc = BigInt(Math.round(Number(r[4]) * 100))
      return sum + (t <= 1 ? (alloc * BigInt(Math.round(t * 100)) + 50n) / 100n : BigInt(Math.round(t * 100)))
    }, 0n)

    for (const [name, rows] of [
      ['csv', await rowsOf(fixture('budget-2569.csv'), 'a.csv')],
      ['xlsx', await rowsOf(fixture('budget-2569.xlsx'), 'a.xlsx')],
    ] as const) {
      const s = summarize({ fiscalYear: 2569, asOf: '2026-03-31', rows })
      expect(s?.period, name).toBe('Q2')
      expect(s?.totals, name).toMatchObject({ ...want, target })
      expect(s?.totals.remaining, name).toBe(want.allocation - want.commitment - want.disbursement)
      // 21,772,881.90 of 52,035,500.00 = 41.84…% → 41.8
      expect(s?.totals.disbursedPct, name).toBe(
        Number((want.disbursement * 1000n + want.allocation / 2n) / want.allocation),
      )
      expect(s?.totals.disbursedPct).toBe(418)
    }
  })

  it('accepts English headers, Q-periods, months, Thai digits, "ร้อยละ", semicolons and bilingual headers', async () => {
    const csv = [
      'fiscal_year;period;unit;plan;allocation;commitment;disbursement;target',
      '๒๕๖๙;Q3;Finance;Payroll;1000;0;500;ร้อยละ 77',
      '2569;ต.ค.;Finance;Training;1 000;0;0;0',
    ].join('\n')
    const r = await importBudgetFile(enc(csv), 'english.csv', opts)
    // "1 000" is not a number this importer guesses at: it says so.
    expect(r.ok).toBe(false)
    const fixed = csv.replace('1 000', '1000.5')
    const rows = await rowsOf(enc(fixed), 'english.csv')
    expect(rows.map((x) => [x.period, x.target, x.allocation])).toEqual([
      ['Q3', 77_000n, 100_000n],
      ['M10', 0n, 100_050n],
    ])
    const months = ['2569,ตุลาคม 2568,U,P,1,0,0,0', '2569,Nov 2025,U,Q,1,0,0,0', '2569,มี.ค. 69,U,R,1,0,0,0']
    const header = 'ปีงบประมาณ / FY,งวด / period,หน่วยงาน,แผนงาน,งบที่ได้รับจัดสรร,ผูกพัน,เบิกจ่าย,เป้าหมาย'
    const m = await rowsOf(enc([header, ...months].join('\r\n')), 'm.csv')
    expect(m.map((x) => x.period)).toEqual(['M10', 'M11', 'M03'])
  })

  it('handles quoted fields with commas, quotes and line breaks, keeping the line each record starts on', async () => {
    const csv = [
      'ปีงบประมาณ,งวด,หน่วยงาน,แผนงาน,งบที่ได้รับจัดสรร,ก่อหนี้ผูกพัน,เบิกจ่าย,เป้าหมาย',
      '2569,Q1,"กอง ""คลัง""","แผน,\nสองบรรทัด","1,000.00",0,0,0',
      '2569,Q1,กองช่าง,แผน,abc,0,0,0',
    ].join('\n')
    const r = await importBudgetFile(enc(csv), 'q.csv', opts)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues).toEqual([expect.objectContaining({ line: 4, column: 'งบที่ได้รับจัดสรร (E)' })])
    const good = await rowsOf(enc(csv.replace('abc', '5')), 'q.csv')
    expect(good[0]).toMatchObject({ line: 2, unit: 'กอง "คลัง"', plan: 'แผน, สองบรรทัด', allocation: 100_000n })
  })
})
