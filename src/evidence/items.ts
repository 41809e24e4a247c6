import type { ItaCatalogue } from '../flows/types.js'
import type { EvidenceReport, ItaForm, ItaItemRef, ItemRow } from './types.js'

// A measure's ITA items in one year's form, and the same year laid out per item.

/**
 * The items of this year's form a measure answers. A measure lists items of both forms (it
 * runs across the change of form in FY2568), so items of the other form are not a mistake;
 * a measure with none in this year's form is, and all its items come back as outside the form.
 */
export function itemsForYear(
  codes: readonly string[],
  form: ItaForm,
  catalogue: ItaCatalogue,
): { items: ItaItemRef[]; outside: string[] } {
  const items = codes.flatMap((code) => {
    const def = catalogue[form].get(code)
    return def ? [{ code, text: { th: def.th, en: def.en } }] : []
  })
  return { items, outside: items.length === 0 ? [...codes] : [] }
}

const ORDER = 'IEO'

/** I before E before O, then by number: the order of the form. */
export function compareItems(a: string, b: string): number {
  const rank = (code: string) => ORDER.indexOf((code[0] ?? '').toUpperCase())
  return rank(a) - rank(b) || Number(a.slice(1)) - Number(b.slice(1)) || a.localeCompare(b)
}

/** Every item of the year's form that some measure answers, with those measures. */
export function itemRows(report: EvidenceReport): ItemRow[] {
  const rows = new Map<string, ItemRow>()
  for (const m of report.measures) {
    for (const item of m.items) {
      const row = rows.get(item.code) ?? { item, measures: [] }
      row.measures.push({ id: m.id, name: m.name, summary: m.summary })
      rows.set(item.code, row)
    }
  }
  return [...rows.values()].sort((a, b) => compareItems(a.item.code, b.item.code))
}
