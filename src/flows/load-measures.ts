import { at, type Located, type Parsed } from './located.js'
import { ITA_FORMS, type ItaFormId, type ItaItemDef, type MeasureDef } from './schema-measures.js'
import type { ItaCatalogue } from './types.js'

/** The codes each form has: FY2566–67 I1–I30, E1–E15, O1–O43; FY2568+ i1–i15, e1–e9, o1–o28. */
export const FORM_RANGES: Record<ItaFormId, Record<string, number>> = {
  '2566': { I: 30, E: 15, O: 43 },
  '2568': { i: 15, e: 9, o: 28 },
}

const RANGES_TEXT = 'FY2566–67: I1–I30, E1–E15, O1–O43; FY2568+: i1–i15, e1–e9, o1–o28'

function expectedCodes(form: ItaFormId): string[] {
  return Object.entries(FORM_RANGES[form]).flatMap(([letter, n]) =>
    Array.from({ length: n }, (_, i) => `${letter}${i + 1}`),
  )
}

/**
 * Merges the catalogue across files. Once any file has one, it must be whole: a form with an
 * item missing or one too many is refused, so a report never shows an item without its text.
 */
export function collectItaItems(files: Parsed[], problems: string[]): ItaCatalogue {
  const out = {
    '2566': new Map<string, Located<ItaItemDef>>(),
    '2568': new Map<string, Located<ItaItemDef>>(),
  }
  let seen = false
  for (const { file, data } of files) {
    if (!data.itaItems) continue
    seen = true
    for (const form of ITA_FORMS) {
      for (const [code, value] of Object.entries(data.itaItems[form] ?? {})) {
        const here = { value, file, path: `itaItems.${form}.${code}` }
        const before = out[form].get(code)
        if (before) problems.push(`${at(here)}: already defined in ${at(before)}`)
        else out[form].set(code, here)
      }
    }
  }
  if (seen) {
    for (const form of ITA_FORMS) {
      const expected = expectedCodes(form)
      const missing = expected.filter((c) => !out[form].has(c))
      if (missing.length > 0) problems.push(`flows: itaItems.${form}: missing ${missing.join(', ')}`)
      const known = new Set(expected)
      for (const [code, l] of out[form]) {
        if (!known.has(code)) problems.push(`${at(l)}: not an item of the FY${form} form (${RANGES_TEXT})`)
      }
    }
  }
  const values = (m: Map<string, Located<ItaItemDef>>) => new Map([...m].map(([k, v]) => [k, v.value]))
  return { '2566': values(out['2566']), '2568': values(out['2568']) }
}

/** Every item a measure names must be in one of the two forms' catalogues. */
export function checkMeasureItems(
  measures: Located<MeasureDef>[],
  catalogue: ItaCatalogue,
  problems: string[],
): void {
  for (const m of measures) {
    m.value.items.forEach((code, i) => {
      if (!ITA_FORMS.some((form) => catalogue[form].has(code))) {
        problems.push(
          `${at(m)}.items.${i}: not an ITA item: "${code}" is in neither form (${RANGES_TEXT}; flows/ita-items.yaml)`,
        )
      }
    })
  }
}
