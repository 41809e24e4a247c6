import { defineMessages } from '../core/messages.js'
import { fiscalMonth, MONTHS_EN, MONTHS_TH, yearOfMonth } from '../core/time/index.js'

// The Thai fiscal year runs 1 October – 30 September and is named, in the Buddhist era, after
// the year it ends in: FY 2569 = 1 Oct 2025 – 30 Sep 2026 (CE). Periods are stored as keys:
// 'Q1'…'Q4' (fiscal quarters, Q1 = Oct–Dec) or 'M01'…'M12' (calendar months). The fiscal
// calendar itself (years, months, days in the agency's zone) is src/core/time/fiscal.ts.

/** Older fiscal years are not plausible data for a bot started in 2569; they are typos. */
export const FIRST_FISCAL_YEAR = 2540

export type Period = { kind: 'quarter'; n: number } | { kind: 'month'; n: number }

export const periodKey = (p: Period) =>
  p.kind === 'quarter' ? `Q${p.n}` : `M${String(p.n).padStart(2, '0')}`

export function parsePeriodKey(key: string): Period | null {
  const m = /^(Q)([1-4])$|^M(0[1-9]|1[0-2])$/.exec(key)
  if (!m) return null
  return m[1] ? { kind: 'quarter', n: Number(m[2]) } : { kind: 'month', n: Number(m[3]) }
}

/** Where a period ends in the fiscal year (1–12): the latest period is the current one. */
export function periodEnd(key: string): number {
  const p = parsePeriodKey(key)
  if (!p) return 0
  return p.kind === 'quarter' ? p.n * 3 : fiscalMonth(p.n)
}

/** Later periods first; at the same end, a quarter (the official cut-off) before a month. */
export function byLatest(a: string, b: string): number {
  const rank = (k: string) => (k.startsWith('Q') ? 0 : 1)
  return periodEnd(b) - periodEnd(a) || rank(a) - rank(b)
}

const periodWords = defineMessages({
  quarter: ['ไตรมาส {{n}} ({{span}})', 'Q{{n}} ({{span}})'],
})

const monthName = (calendarMonth: number, lang: 'th' | 'en') =>
  (lang === 'en' ? MONTHS_EN : MONTHS_TH)[calendarMonth - 1] ?? '?'

/** "ไตรมาส 1 (ต.ค.–ธ.ค. 2568)" / "Q1 (Oct–Dec 2568)"; "พ.ย. 2568" / "Nov 2568". */
export function periodLabel(key: string, fiscalYear: number, lang: 'th' | 'en'): string {
  const p = parsePeriodKey(key)
  if (!p) return key
  if (p.kind === 'month') return `${monthName(p.n, lang)} ${yearOfMonth(fiscalYear, p.n)}`
  const first = (((p.n - 1) * 3 + 9) % 12) + 1
  const last = first + 2
  const span = `${monthName(first, lang)}–${monthName(last, lang)} ${yearOfMonth(fiscalYear, first)}`
  return periodWords(lang)('quarter', { n: p.n, span })
}
