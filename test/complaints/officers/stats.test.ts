import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { timing } from '../../../src/complaints/stats.js'
import { type Cell, pinned, protectBreakdown, protectWithTotal } from '../../../src/complaints/suppression.js'
import { addDays, fiscalMonths } from '../../../src/core/time/index.js'
import { DB_KINDS } from '../../helpers/db.js'
import { officerWorld, SENTINEL, type World } from './helpers.js'

// Small-cell protection (src/complaints/suppression.ts documents the rules), then the page and
// its CSV on both databases.

/** Every value a hidden cell could take, given what is shown and the published total. */
function possible(cells: Cell[], counts: number[]): Set<number>[] {
  const total = counts.reduce((a, b) => a + b, 0)
  const ranges = cells.map((c, i): [number, number] =>
    c.kind === 'count'
      ? [counts[i] ?? 0, counts[i] ?? 0]
      : c.kind === 'small'
        ? [1, 4]
        : c.kind === 'withheld'
          ? [5, total]
          : [0, total],
  )
  const seen = cells.map(() => new Set<number>())
  const walk = (i: number, left: number, chosen: number[]) => {
    if (i === cells.length) {
      if (left === 0) for (const [j, v] of chosen.entries()) seen[j]?.add(v)
      return
    }
    const [lo, hi] = ranges[i] ?? [0, 0]
    for (let v = lo; v <= Math.min(hi, left); v++) walk(i + 1, left - v, [...chosen, v])
  }
  walk(0, total, [])
  return seen
}

describe('suppression rules', () => {
  it('shows 1–4 as "<5", withholds a further cell when the total would give a small one away', () => {
    expect(protectBreakdown([7, 0, 12])).toEqual([
      { kind: 'count', n: 7 },
      { kind: 'count', n: 0 },
      { kind: 'count', n: 12 },
    ])
    expect(protectBreakdown([3, 20, 10])).toEqual([
      { kind: 'small' },
      { kind: 'count', n: 20 },
      { kind: 'withheld' },
    ])
    expect(protectBreakdown([2, 2, 10])).toEqual([
      { kind: 'small' },
      { kind: 'small' },
      { kind: 'count', n: 10 },
    ])
    expect(protectBreakdown([1, 1, 10])).toEqual([{ kind: 'small' }, { kind: 'small' }, { kind: 'withheld' }])
    expect(protectBreakdown([1, 5]).map((c) => c.kind)).toEqual(['hidden', 'hidden'])
    expect(protectBreakdown([3, 0]).map((c) => c.kind)).toEqual(['hidden', 'hidden']) // a year under 5
    expect(pinned(3, 1, 0)).toBe(true)
    expect(pinned(8, 1, 1)).toBe(false)
  })

  it('no cell under 5 can be worked out to one value, for every small table', () => {
    const sizes = [2, 3, 4]
    for (const n of sizes) {
      const limit = n === 4 ? 9 : 14
      const walk = (counts: number[]) => {
        if (counts.length === n) {
          const cells = protectBreakdown(counts)
          const values = possible(cells, counts)
          cells.forEach((c, i) => {
            if (c.kind === 'small') expect(values[i]?.size, JSON.stringify(counts)).toBeGreaterThan(1)
            if (c.kind !== 'count') expect(values[i]?.has(counts[i] ?? -1)).toBe(true)
          })
          return
        }
        for (let v = 0; v <= limit; v++) walk([...counts, v])
      }
      walk([])
    }
  })

  it('a total not published elsewhere is coarsened to what the shown cells imply', () => {
    expect(protectWithTotal([7, 8])).toEqual({
      cells: [
        { kind: 'count', n: 7 },
        { kind: 'count', n: 8 },
      ],
      total: '15',
    })
    expect(protectWithTotal([0, 12, 3]).total).toBe('13–16')
    expect(protectWithTotal([2, 0, 30, 1]).total).toBe('32–38')
    expect(protectWithTotal([0, 0, 2]).total).toBe('<5')
  })

  it('times need five cases; months run October to September', () => {
    expect(timing([1, 2, 3, 4])).toEqual({ median: null, average: null })
    expect(timing([10, 1, 3, 2, 4])).toEqual({ median: 3, average: 4 })
    expect(timing([1, 2, 3, 4, 5, 6])).toEqual({ median: 3.5, average: 3.5 })
    expect(fiscalMonths(2570)).toEqual([
      '2026-10',
      '2026-11',
      '2026-12',
      ...['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((m) => `2027-${m}`),
    ])
  })
})

describe.each(DB_KINDS)('complaint statistics page and CSV (%s)', (kind) => {
  let w: World
  beforeEach(async () => {
    w = await officerWorld(kind)
  })
  afterEach(() => w.t.close())

  it('counts, protects small cells, coarsens the multi-year total, and the CSV says the same', async () => {
    w.t.clock.set(new Date('2026-05-01T03:00:00Z')) // fiscal year 2569
    await w.file()
    await w.file()
    w.t.clock.set(new Date('2026-11-22T03:00:00Z')) // fiscal year 2570
    const ids: string[] = []
    for (let i = 0; i < 7; i++) ids.push((await w.file({ category: i < 5 ? 'procurement' : 'bribery' })).id)
    for (let i = 0; i < 2; i++) await w.file({ channel: 'web', category: 'asset_misuse' })
    const ackAfter = [1, 2, 3, 4, 10]
    for (const [i, d] of ackAfter.entries())
      await w.t.deps.db
        .updateTable('complaint_cases')
        .set({ status: 'acknowledged', acknowledged_on: addDays('2026-11-22', d) })
        .where('id', '=', ids[i] ?? '')
        .execute()

    const auditor = await w.as('auditor')
    const res = await auditor.get('/admin/complaints/stats')
    expect(res.status).toBe(200)
    const page = await res.text()
    const row = (table: string, key: string) =>
      new RegExp(
        `<table id="${table}">[\\s\\S]*?<tr data-key="${key}"><td>[^<]*</td><td class="n">([^<]*)</td>`,
      ).exec(page)?.[1]
    expect(/<div class="card" id="year-total"><b>([^<]*)<\/b>/.exec(page)?.[1]).toBe('9')
    expect(row('channel', 'line')).toBe('*')
    expect(row('channel', 'web')).toBe('&lt;5')
    // 5, 2 and 2: the two small cells cannot be told apart from the total (2+2 or 1+3 or 3+1).
    expect(row('category', 'procurement')).toBe('5')
    expect(row('category', 'bribery')).toBe('&lt;5')
    expect(row('category', 'asset_misuse')).toBe('&lt;5')
    expect(row('category', 'other')).toBe('0')
    expect(row('month', '2026-11')).toBe('9')
    expect(row('outcome', 'open')).toBe('9')
    expect(row('years', '2569')).toBe('&lt;5')
    expect(row('years', '2570')).toBe('9')
    expect(page).toContain('<th class="n">10–13</th>') // 5-year total: 9 shown + one year of 1–4
    expect(/<tr data-key="ack"><td>[^<]*<\/td><td>3<\/td><td>4<\/td>/.test(page)).toBe(true)
    expect(page).toContain('น้อยกว่า 5 เรื่อง ไม่แสดง')
    expect(page).toContain('สินบน/เรียกรับเงิน')
    expect(page).toContain('พ.ย. 2569')
    expect(page).not.toContain(SENTINEL)

    const csv = await auditor.get('/admin/complaints/stats.csv?fy=2570')
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // BOM: Excel reads it as UTF-8
    const text = new TextDecoder().decode(bytes)
    expect(text).toContain('2570,channel,LINE,*\r\n')
    expect(text).toContain('2570,channel,แบบฟอร์มเว็บ,<5\r\n')
    expect(text).toContain('2570,category,สินบน/เรียกรับเงิน,<5\r\n')
    expect(text).toContain('2570,year,รวม 5 ปี,10–13\r\n')
    const en = await (await auditor.get('/admin/complaints/stats.csv?fy=2570&lang=en')).text()
    expect(en).toContain('2570,month,Nov 2569,9\r\n')

    const older = await (await auditor.get('/admin/complaints/stats?fy=2569')).text()
    expect(/<div class="card" id="year-total"><b>([^<]*)<\/b>/.exec(older)?.[1]).toBe('&lt;5')
  })
})
