import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { importBudgetFile } from '../../src/budget/import.js'
import { MAX_INFLATED_BYTES, readXlsx } from '../../src/budget/xlsx.js'
import { fixture } from './helpers.js'

const opts = { maxBytes: 5 * 1024 * 1024, fiscalYear: 2569, latestFiscalYear: 2571 }

describe('budget import: hostile files', () => {
  it('a zip bomb (a small .xlsx inflating past the limit) is refused from its declared sizes', async () => {
    const bomb = zipSync(
      {
        '[Content_Types].xml': new TextEncoder().encode('<Types/>'),
        'xl/worksheets/sheet1.xml': new Uint8Array(MAX_INFLATED_BYTES + 1),
      },
      { level: 9 },
    )
    expect(bomb.byteLength).toBeLessThan(1024 * 1024)
    expect(await readXlsx(bomb)).toEqual({ ok: false, reason: 'too_large' })
    const r = await importBudgetFile(bomb, 'bomb.xlsx', opts)
    expect(r.ok ? [] : r.issues.map((i) => i.en)).toEqual([
      'The workbook is over the 50 MB limit once uncompressed: remove unused sheets or data, or save as CSV UTF-8',
    ])
  })

  it('an archive of thousands of entries is refused', async () => {
    const files: Record<string, Uint8Array> = {}
    for (let i = 0; i < 2_100; i++) files[`xl/x${i}.bin`] = new Uint8Array(1)
    const bomb = zipSync(files)
    expect(await readXlsx(bomb)).toEqual({ ok: false, reason: 'too_many_entries' })
    const r = await importBudgetFile(bomb, 'parts.xlsx', opts)
    expect(r.ok ? [] : r.issues.map((i) => i.th)).toEqual([
      'ไฟล์ Excel มีส่วนประกอบเกินกำหนด 2,000 ส่วน กรุณาบันทึกเป็น CSV UTF-8',
    ])
  })

  it('a truncated workbook is refused, not half read', async () => {
    const good = fixture('budget-2569.xlsx')
    const r = await importBudgetFile(good.slice(0, good.byteLength - 200), 'cut.xlsx', opts)
    expect(r.ok).toBe(false)
  })

  it('more rows than the limit are refused as a whole', async () => {
    const header = 'fiscal_year,period,unit,plan,allocation,commitment,disbursement,target'
    const lines = Array.from({ length: 11 }, (_, i) => `2569,Q1,U${i},P,1,0,0,0`)
    const r = await importBudgetFile(new TextEncoder().encode([header, ...lines].join('\n')), 'x.csv', {
      ...opts,
      maxRows: 10,
    })
    expect(r.ok ? [] : r.issues.map((i) => i.en)).toEqual(['11 rows, over 10'])
  })

  it('markup and "__proto__" in cells are kept as plain text (pages escape them), an unknown column ignored', async () => {
    const csv = [
      'fiscal_year,period,unit,plan,allocation,commitment,disbursement,target,__proto__',
      '2569,Q1,<script>alert(1)</script>,__proto__,1,0,0,0,x',
    ].join('\n')
    const r = await importBudgetFile(new TextEncoder().encode(csv), 'x.csv', opts)
    expect(r.ok && r.rows[0]).toMatchObject({ unit: '<script>alert(1)</script>', plan: '__proto__' })
  })
})
