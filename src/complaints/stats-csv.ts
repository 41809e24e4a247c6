import { csvText } from '../core/csv.js'
import type { Lang } from '../core/lang.js'
import type { CategoryLabels } from './labels.js'
import type { Breakdown, ComplaintStats, Timing } from './stats.js'
import { rowLabel, statsWords } from './stats-pages.js'
import { cellText } from './suppression.js'

// The statistics page as CSV (core/csv.ts: a BOM for Excel, formulas disarmed; category labels
// come from flows/): one line per figure, with exactly the protected values the page shows.

export function statsCsv(s: ComplaintStats, lang: Lang, categories: CategoryLabels): string {
  const v = { lang }
  const t = statsWords(lang)
  const lines: string[][] = [[t('fy'), 'table', 'row', t('count')]]
  const fy = String(s.fy)
  const table = (id: string, b: Breakdown) => {
    for (const r of b.rows) lines.push([fy, id, rowLabel(v, id, r.key, categories), cellText(r.cell)])
    lines.push([fy, id, t('total'), b.total])
  }
  table('month', s.months)
  table('category', s.categories)
  table('channel', s.channels)
  table('outcome', s.outcomes)
  const days = (n: number | null) => (n === null ? t('fewer') : String(n))
  const time = (k: 'ack' | 'close', x: Timing) => {
    lines.push([fy, 'days', `${t(k)} (${t('median')})`, days(x.median)])
    lines.push([fy, 'days', `${t(k)} (${t('average')})`, days(x.average)])
  }
  time('ack', s.ack)
  time('close', s.close)
  for (const r of s.years.rows) lines.push([String(r.fy), 'year', String(r.fy), cellText(r.cell)])
  lines.push([fy, 'year', t('yearsTotal'), s.years.total])
  return csvText(lines)
}
