import { partsIn } from './zone.js'

// Dates for Thai officials: Buddhist era, abbreviated Thai month, 24-hour clock, in the
// agency's time zone ("22 พ.ย. 2569 09:30 น."). Built from numeric parts rather than the th
// locale's own formatting, so the output does not depend on the runtime's ICU data. The English
// forms keep the Buddhist year too, which officials quote in both languages.

import type { Lang } from '../lang.js'

export const BE_OFFSET = 543

export const MONTHS_TH = [
  'ม.ค.',
  'ก.พ.',
  'มี.ค.',
  'เม.ย.',
  'พ.ค.',
  'มิ.ย.',
  'ก.ค.',
  'ส.ค.',
  'ก.ย.',
  'ต.ค.',
  'พ.ย.',
  'ธ.ค.',
]
export const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const pad = (n: number) => String(n).padStart(2, '0')

/** An instant on the wall clock of `tz`: "22 พ.ย. 2569 09:30 น.". */
export function formatThaiDateTime(date: Date, tz: string): string {
  const p = partsIn(date, tz)
  return `${p.day} ${MONTHS_TH[p.month - 1]} ${p.year + BE_OFFSET} ${pad(p.hour)}:${pad(p.minute)} น.`
}

/** The English console's form of the same: "22 Nov 2569 BE 09:30". */
export function formatDateTimeEn(date: Date, tz: string): string {
  const p = partsIn(date, tz)
  return `${p.day} ${MONTHS_EN[p.month - 1]} ${p.year + BE_OFFSET} BE ${pad(p.hour)}:${pad(p.minute)}`
}

/** '2026-11-22' → '22 พ.ย. 2569' or '22 Nov 2569 BE'; anything else comes back as it was. */
export function formatDay(day: string, lang: Lang): string {
  const [y, m, d] = day.split('-').map(Number)
  if (!y || !m || !d) return day
  return lang === 'th'
    ? `${d} ${MONTHS_TH[m - 1]} ${y + BE_OFFSET}`
    : `${d} ${MONTHS_EN[m - 1]} ${y + BE_OFFSET} BE`
}

/** 'YYYY-MM' → 'ต.ค. 2568' / 'Oct 2568' (tables), or 'ต.ค. 68' (short, for chart axes). */
export function formatMonth(ym: string, lang: Lang, short = false): string {
  const [y, m] = ym.split('-').map(Number)
  const names = lang === 'th' ? MONTHS_TH : MONTHS_EN
  const be = (y ?? 0) + BE_OFFSET
  return `${names[(m ?? 1) - 1]} ${short ? String(be).slice(2) : be}`
}
