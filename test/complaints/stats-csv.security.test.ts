import { describe, expect, it } from 'vitest'
import type { CategoryLabels } from '../../src/complaints/labels.js'
import type { Breakdown, ComplaintStats } from '../../src/complaints/stats.js'
import { statsCsv } from '../../src/complaints/stats-csv.js'

// Category labels come from flows/, which an agency edits: a label a spreadsheet would run as a
// formula must arrive in the statistics download as text (core/csv.ts).
const none: Breakdown = { rows: [], total: '0' }
const stats: ComplaintStats = {
  fy: 2570,
  total: '12',
  months: none,
  categories: { rows: [{ key: 'bribe', cell: { kind: 'count', n: 12 } }], total: '12' },
  channels: none,
  outcomes: none,
  ack: { median: null, average: null },
  close: { median: null, average: null },
  years: { rows: [], total: '12' },
}
const labels: CategoryLabels = { values: ['bribe'], label: () => '=HYPERLINK("http://evil.example","สินบน")' }

describe('complaint statistics CSV', () => {
  it('a formula in a category label is disarmed', () => {
    const csv = statsCsv(stats, 'th', labels)
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(csv).toContain(`2570,category,"'=HYPERLINK(""http://evil.example"",""สินบน"")",12\r\n`)
    expect(csv).not.toMatch(/,"?=HYPERLINK/)
  })
})
