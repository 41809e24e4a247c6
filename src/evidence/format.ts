import type { Lang } from '../admin/i18n.js'
import { formatThaiDay, localDay, MONTHS_EN, MONTHS_TH } from '../admin/thai-date.js'
import { percentText } from './rates.js'
import type { MonthReach, TargetResult, Text } from './types.js'

// Figures as the pages, the print page and the public page write them. Years stay in the
// Buddhist era in both languages: officials quote them that way.

export const pick = (t: Text, lang: Lang) => (lang === 'th' ? t.th : t.en || t.th)

export const num = (n: number) => n.toLocaleString('en-US')

/** 0.4237 → "42.4%"; null → the unknown word (members of a group are not always known). */
export function pct(rate: number | null, unknown: string): string {
  const p = percentText(rate)
  return p === null ? unknown : `${p}%`
}

/** '2026-09-30' → '30 ก.ย. 2569' / '30 Sep 2569 BE'. */
export function dayText(day: string, lang: Lang): string {
  if (lang === 'th') return formatThaiDay(day)
  const [y, m, d] = day.split('-').map(Number)
  if (!y || !m || !d) return day
  return `${d} ${MONTHS_EN[m - 1]} ${y + 543} BE`
}

export const dateText = (at: Date, lang: Lang, tz: string) => dayText(localDay(at, tz), lang)

/** 'YYYY-MM' → 'ต.ค. 68' (short, for chart axes) or 'ต.ค. 2568' (tables). */
export function monthText(ym: string, lang: Lang, short = false): string {
  const [y, m] = ym.split('-').map(Number)
  const names = lang === 'th' ? MONTHS_TH : MONTHS_EN
  const be = (y ?? 0) + 543
  return `${names[(m ?? 1) - 1]} ${short ? String(be).slice(2) : be}`
}

/** The curve's points: people reached so far, month by month. */
export function cumulative(months: readonly MonthReach[]): { month: string; total: number }[] {
  let total = 0
  return months.map((m) => {
    total += m.newlyReached
    return { month: m.month, total }
  })
}

export type TargetState = 'met' | 'notMet' | 'notYet'
export const targetState = (t: TargetResult): TargetState =>
  t.met === true ? 'met' : t.met === false ? 'notMet' : 'notYet'
