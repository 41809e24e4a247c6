import type { Lang } from '../core/lang.js'
import { formatDay, localDay } from '../core/time/index.js'
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

export const dateText = (at: Date, lang: Lang, tz: string) => formatDay(localDay(at, tz), lang)

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
