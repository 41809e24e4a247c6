import { Inflate, Unzlib, zipSync } from 'fflate'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { importBudgetFile } from '../../src/budget/import.js'
import { MAX_INFLATED_BYTES, readXlsx } from '../../src/budget/xlsx.js'
import { inflaters, MAX_OVERSHOOT } from '../../src/core/inflate-bounded.js'
import { xlsxWith, zerosEntry } from '../complaints/evidence/fixtures/bombs.js'
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

  describe('an archive whose sizes lie', () => {
    afterEach(() => {
      vi.restoreAllMocks()
    })
    it('a sheet declaring 10 KB that inflates to 256 MiB stops at 10 KB and is refused as unreadable', async () => {
      let most = 0
      const watch =
        (make: (cb: (c: Uint8Array) => void) => Inflate | Unzlib) => (onData: (c: Uint8Array) => void) => {
          let produced = 0
          return make((c) => {
            produced += c.length
            most = Math.max(most, produced)
            onData(c)
          })
        }
      vi.spyOn(inflaters, 'raw').mockImplementation(watch((cb) => new Inflate(cb)))
      vi.spyOn(inflaters, 'zlib').mockImplementation(watch((cb) => new Unzlib(cb)))
      const bomb = xlsxWith(zerosEntry('xl/worksheets/sheet2.xml', 256, 10 * 1024))
      expect(bomb.byteLength).toBeLessThan(1024 * 1024)
      expect(await readXlsx(bomb)).toEqual({ ok: false, reason: 'invalid' })
      expect(most).toBeGreaterThan(0)
      expect(most).toBeLessThanOrEqual(10 * 1024 + MAX_OVERSHOOT)
      const r = await importBudgetFile(bomb, 'liar.xlsx', opts)
      expect(r.ok ? [] : r.issues.map((i) => i.en)).toEqual([
        'This Excel file cannot be read: damaged or not .xlsx',
      ])
    })

    it('parts that are not XML are never inflated, whatever they hold', async () => {
      const inflate = vi.spyOn(inflaters, 'raw')
      await readXlsx(xlsxWith())
      const plain = inflate.mock.calls.length
      inflate.mockClear()
      await readXlsx(xlsxWith(zerosEntry('xl/media/image1.png', 256)))
      expect(inflate.mock.calls.length).toBe(plain)
    })
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
