import type { Kysely } from 'kysely'
import type { Lang } from '../core/lang.js'
import { pick } from '../core/lang.js'
import type { Database } from '../db/schema.js'
import type { Flows } from '../flows/types.js'
import { bandWords, VALUE_BANDS } from '../nogift/gifts.js'
import { giftRegister } from '../nogift/register.js'
import type { EvidenceReport, MeasureReport } from './types.js'

// The No Gift Policy yearly report (ITA O33; o23 from FY2568): the measure's activities and
// reminders from the evidence report, and the gift register as totals only. The register keeps
// no giver's name (only the kind of giver staff chose) and the form promises staff that "the
// yearly report uses totals only": no reference, date or description of a gift appears here.

export const NOGIFT_MEASURE = 'nogift'

export interface Tally {
  id: string
  label: string
  count: number
}

export interface NoGiftReport {
  report: EvidenceReport
  /** The measure in this year's report; null when flows/ has no "nogift" measure. */
  measure: MeasureReport | null
  /** The head of agency's declaration as staff read it in LINE (Thai). */
  declaration: string | null
  gifts: {
    total: number
    byBand: Tally[]
    byHandling: Tally[]
    byGiver: Tally[]
    /** Rows: value bands; columns: handling, in byHandling's order. */
    bandByHandling: number[][]
  }
}

/** The choices staff pick from in the gift form (flows nogift.report), in the form's order. */
function choices(flows: Flows, field: string, lang: Lang): { value: string; label: string }[] {
  const f = flows.forms.get('nogift.report')?.fields.find((x) => x.id === field)
  return f?.type === 'choice' ? f.choices.map((c) => ({ value: c.value, label: pick(c.label, lang) })) : []
}

function declarationText(flows: Flows): string | null {
  if (!flows.has('nogift.declaration')) return null
  for (const m of flows.render('nogift.declaration')) {
    if (m.type === 'text' && 'text' in m && typeof m.text === 'string') return m.text.split('\n\n')[0] ?? null
  }
  return null
}

function tally<T>(
  rows: readonly T[],
  keys: { value: string; label: string }[],
  of: (r: T) => string,
): Tally[] {
  const known = keys.map((k) => ({
    id: k.value,
    label: k.label,
    count: rows.filter((r) => of(r) === k.value).length,
  }))
  // A value no longer in flows/ (the form changed mid-year) still counts, under its own name.
  const extra = [...new Set(rows.map(of))].filter((v) => !keys.some((k) => k.value === v))
  return [...known, ...extra.map((v) => ({ id: v, label: v, count: rows.filter((r) => of(r) === v).length }))]
}

export async function noGiftReport(
  db: Kysely<Database>,
  flows: Flows,
  report: EvidenceReport,
  lang: Lang,
): Promise<NoGiftReport> {
  const rows = await giftRegister(db, report.orgId, report.fiscalYear)
  const bands = VALUE_BANDS.map((b) => ({ value: b.id, label: bandWords(lang)(b.id) }))
  const byHandling = tally(rows, choices(flows, 'handling', lang), (r) => r.handling)
  return {
    report,
    measure: report.measures.find((m) => m.id === NOGIFT_MEASURE) ?? null,
    declaration: declarationText(flows),
    gifts: {
      total: rows.length,
      byBand: tally(rows, bands, (r) => r.band.id),
      byHandling,
      byGiver: tally(rows, choices(flows, 'giverType', lang), (r) => r.giverType),
      bandByHandling: bands.map((b) =>
        byHandling.map((h) => rows.filter((r) => r.band.id === b.value && r.handling === h.id).length),
      ),
    },
  }
}
