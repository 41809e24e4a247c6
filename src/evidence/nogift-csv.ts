import type { Lang } from '../core/lang.js'
import { dateText, num, pct, pick } from './format.js'
import { evidenceWords } from './labels.js'
import { noGiftWords } from './nogift-page.js'
import type { NoGiftReport } from './nogift-report.js'

// The O33 report as CSV: one line per figure (section, row, value), the same totals the page
// shows, for agencies that paste it into their own template.

export function noGiftRows(r: NoGiftReport, lang: Lang, tz: string): string[][] {
  const n = noGiftWords(lang)
  const t = evidenceWords(lang)
  const fy = String(r.report.fiscalYear)
  const m = r.measure
  const lines: string[][] = [[t('fy'), 'section', 'row', t('count')]]
  const add = (section: string, row: string, value: string) => lines.push([fy, section, row, value])
  add(
    'declaration',
    n('views'),
    String(m?.returned.find((x) => x.kind === 'declaration.viewed')?.people ?? 0),
  )
  for (const a of m?.activities ?? []) add('activity', pick(a, lang), '')
  for (const b of m?.broadcasts ?? []) {
    for (const d of b.sentAt)
      add('reminder', `${dateText(d, lang, tz)} ${b.title} (${b.audience})`, num(b.delivered))
  }
  add('pledge', n('pledged'), String(m?.returned.find((x) => x.kind === 'pledge')?.people ?? 0))
  for (const u of m?.reach.byUnit ?? []) {
    add('pledge.unit', u.unit, String(u.acknowledgments))
    add('pledge.unit.rate', u.unit, pct(u.ackRate, t('unknown')))
  }
  if (m && m.reach.byUnit.length > 0) {
    add('pledge.unit', t('unitsTotal'), String(m.reach.acknowledgments))
    add('pledge.unit.rate', t('unitsTotal'), pct(m.reach.ackRate, t('unknown')))
  }
  add('gift', n('totalGifts'), String(r.gifts.total))
  for (const x of r.gifts.byBand) add('gift.band', x.label, String(x.count))
  for (const x of r.gifts.byHandling) add('gift.handling', x.label, String(x.count))
  for (const x of r.gifts.byGiver) add('gift.giver', x.label, String(x.count))
  r.gifts.byBand.forEach((b, i) => {
    r.gifts.byHandling.forEach((h, j) => {
      add('gift.band×handling', `${b.label} / ${h.label}`, String(r.gifts.bandByHandling[i]?.[j] ?? 0))
    })
  })
  for (const x of m?.targets ?? []) {
    add('target', pick(x.label, lang), `${x.actual ?? t('unknown')} / ${x.target}`)
  }
  return lines
}
