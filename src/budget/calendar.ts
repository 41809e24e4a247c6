import { MONTHS_EN, MONTHS_TH } from '../admin/thai-date.js'

// The Thai fiscal year runs 1 October – 30 September and is named, in the Buddhist era, after
// the year it ends in: FY 2569 = 1 Oct 2025 – 30 Sep 2026 (CE). Periods are stored as keys:
// 'Q1'…'Q4' (fiscal quarters, Q1 = Oct–Dec) or 'M01'…'M12' (calendar months).

export const BE_OFFSET = 543
/** Older fiscal years are not plausible data for a bot started in 2569; they are typos. */
export const FIRST_FISCAL_YEAR = 2540

export type Period = { kind: 'quarter'; n: number } | { kind: 'month'; n: number }

const ymdIn = (date: Date, tz: string) => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date)
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '01'
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    iso: `${get('year')}-${get('month')}-${get('day')}`,
  }
}

/** The day `date` is in the agency's zone, as 'YYYY-MM-DD'. */
export const dayIn = (date: Date, tz: string) => ymdIn(date, tz).iso

/** The fiscal year (Buddhist era) of an instant in the agency's time zone. */
export function fiscalYearOf(date: Date, tz: string): number {
  const { year, month } = ymdIn(date, tz)
  return year + BE_OFFSET + (month >= 10 ? 1 : 0)
}

/** October is the fiscal year's month 1, September its month 12. */
export const fiscalMonth = (calendarMonth: number) => ((calendarMonth + 2) % 12) + 1

/** The calendar year (Buddhist era) a month of a fiscal year falls in. */
export const yearOfMonth = (fiscalYear: number, calendarMonth: number) =>
  calendarMonth >= 10 ? fiscalYear - 1 : fiscalYear

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
  return lang === 'en' ? `Q${p.n} (${span})` : `ไตรมาส ${p.n} (${span})`
}

/** A calendar day 'YYYY-MM-DD' as officials write it: "15 พ.ย. 2569" / "15 Nov 2569 BE". */
export function formatDay(iso: string, lang: 'th' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return iso
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const be = year + BE_OFFSET
  return lang === 'en'
    ? `${day} ${monthName(month, 'en')} ${be} BE`
    : `${day} ${monthName(month, 'th')} ${be}`
}
