import { describe, expect, it } from 'vitest'
import { byLatest, periodLabel } from '../../src/budget/calendar.js'
import {
  formatMillions,
  formatTenths,
  numericToSatang,
  roundDiv,
  satangToNumeric,
} from '../../src/budget/money.js'
import { type SummaryRow, summarize } from '../../src/budget/summary.js'

const row = (
  unit: string,
  allocation: bigint,
  disbursement: bigint,
  target: bigint,
  extra: Partial<SummaryRow> = {},
) => ({
  period: 'Q2',
  unit,
  plan: 'แผน',
  allocation,
  commitment: 0n,
  disbursement,
  target,
  ...extra,
})

describe('budget summary', () => {
  it('ranks the three units furthest behind and ahead by the exact gap, not the rounded one', () => {
    const rows = [
      // 0.06 % and 0.14 % behind both round to -0.1: the exact gap decides who is third.
      row('ก', 1_000_000n, 519_400n, 520_000n),
      row('ข', 1_000_000n, 518_600n, 520_000n),
      row('ค', 3_000_000n, 600_000n, 1_560_000n),
      row('ง', 1_000_000n, 300_000n, 520_000n),
      row('จ', 1_000_000n, 900_000n, 520_000n),
      row('ฉ', 2_000_000n, 1_100_000n, 1_040_000n),
      row('ช', 1_000_000n, 530_000n, 520_000n),
      row('ซ', 1_000_000n, 1_000_000n, 520_000n),
      row('ศูนย์', 0n, 0n, 0n),
    ]
    const s = summarize({ fiscalYear: 2569, asOf: '2026-03-31', rows })
    expect(s?.behind.map((l) => [l.name, l.gapPct])).toEqual([
      ['ค', -320],
      ['ง', -220],
      ['ข', -1],
    ])
    expect(s?.ahead.map((l) => [l.name, l.gapPct])).toEqual([
      ['ซ', 480],
      ['จ', 380],
      ['ฉ', 30],
    ])
    expect(s?.lines.map((l) => l.name)).toContain('ศูนย์')
    expect(s?.lines.find((l) => l.name === 'ศูนย์')?.disbursedPct).toBeNull()
  })

  it('uses the latest period only, and at the same cut-off a quarter before a month', () => {
    expect(['M10', 'Q1', 'M12', 'Q2', 'M01'].sort(byLatest)).toEqual(['Q2', 'M01', 'Q1', 'M12', 'M10'])
    const rows = [row('ก', 100n, 10n, 30n, { period: 'Q1' }), row('ก', 100n, 60n, 52n, { period: 'Q2' })]
    const s = summarize({ fiscalYear: 2569, asOf: '2026-03-31', rows })
    expect(s?.period).toBe('Q2')
    expect(s?.totals.disbursement).toBe(60n)
  })

  it("a unit's summary ranks its plans, keeps the agency-wide line, and matches names loosely", () => {
    const rows = [
      row('กองคลัง', 1_000n, 100n, 300n, { plan: 'แผน ก' }),
      row('กองคลัง', 1_000n, 500n, 300n, { plan: 'แผน ข' }),
      row('กองช่าง', 2_000n, 2_000n, 600n),
    ]
    const s = summarize({ fiscalYear: 2569, asOf: '2026-03-31', rows }, { unit: ' กองคลัง ' })
    expect(s?.scope).toEqual({ kind: 'unit', unit: 'กองคลัง' })
    expect(s?.totals).toMatchObject({ allocation: 2_000n, disbursement: 600n, disbursedPct: 300 })
    expect(s?.overall).toMatchObject({ allocation: 4_000n, disbursement: 2_600n, disbursedPct: 650 })
    expect(s?.behind.map((l) => l.name)).toEqual(['แผน ก'])
    expect(s?.ahead.map((l) => l.name)).toEqual(['แผน ข'])
    expect(summarize({ fiscalYear: 2569, asOf: '2026-03-31', rows }, { unit: 'กองไม่มี' })).toBeNull()
    expect(summarize({ fiscalYear: 2569, asOf: '2026-03-31', rows: [] })).toBeNull()
  })

  it('sums stay exact beyond what a double holds', () => {
    // Three lines of 40 trillion baht and a satang each: 2^53 satang is about 90 trillion baht.
    const big = 4_000_000_000_000_001n
    const s = summarize({
      fiscalYear: 2569,
      asOf: '2026-03-31',
      rows: [row('ก', big, 1n, 0n), row('ข', big, 1n, 0n), row('ค', big, 1n, 0n)],
    })
    expect(s?.totals.allocation).toBe(12_000_000_000_000_003n)
    expect(satangToNumeric(s?.totals.allocation ?? 0n)).toBe('120000000000000.03')
    expect(numericToSatang('120000000000000.03')).toBe(12_000_000_000_000_003n)
  })
})

describe('budget money and calendar helpers', () => {
  it('rounds half away from zero and formats the way reports print', () => {
    expect([roundDiv(5n, 2n), roundDiv(-5n, 2n), roundDiv(4n, 3n), roundDiv(-4n, 3n)]).toEqual([
      3n,
      -3n,
      1n,
      -1n,
    ])
    expect(formatMillions(1_234_567_890_00n)).toBe('1,234.57')
    expect(formatTenths(375)).toBe('37.5%')
    expect(formatTenths(-52, '')).toBe('-5.2')
    expect(numericToSatang('12.5')).toBe(1250n)
    expect(numericToSatang('-0.05')).toBe(-5n)
  })

  it('names periods in the Buddhist era, Thai and English', () => {
    expect(periodLabel('Q1', 2569, 'th')).toBe('ไตรมาส 1 (ต.ค.–ธ.ค. 2568)')
    expect(periodLabel('Q2', 2569, 'en')).toBe('Q2 (Jan–Mar 2569)')
    expect(periodLabel('Q4', 2569, 'th')).toBe('ไตรมาส 4 (ก.ค.–ก.ย. 2569)')
    expect(periodLabel('M11', 2570, 'th')).toBe('พ.ย. 2569')
  })
})
