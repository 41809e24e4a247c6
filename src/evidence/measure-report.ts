import type { BilingualText, MeasureDef } from '../flows/schema-dialogues.js'
import type { ItaCatalogue } from '../flows/types.js'
import { periodText } from './fiscal.js'
import type { YearFigures } from './gather.js'
import { itemsForYear } from './items.js'
import { buildReach } from './reach.js'
import { buildReturned } from './returned.js'
import { buildSummary } from './summary.js'
import { actualOf, buildTargets } from './targets.js'
import type { ItaForm, MeasureReport, Text } from './types.js'

// One measure's row of the results table: pure over the year's figures and flows/.

export const textOf = (b: BilingualText): Text =>
  typeof b === 'string' ? { th: b, en: b } : { th: b.th, en: b.en ?? b.th }

export interface MeasureContext {
  fy: number
  form: ItaForm
  catalogue: ItaCatalogue
  /** The measure complaint statistics (O29) are shown under. */
  complaintsMeasure: string
  yearOver: boolean
}

export function buildMeasure(def: MeasureDef, f: YearFigures, c: MeasureContext): MeasureReport {
  const { items, outside } = itemsForYear(def.items, c.form, c.catalogue)
  const broadcasts = f.broadcasts.get(def.id) ?? []
  const reach = buildReach(f, def.id, c.fy)
  const returned = buildReturned(f, def.id, c.complaintsMeasure)
  const targets = buildTargets(def.targets, (m) => actualOf(m, f, def.id, reach, broadcasts), c.yearOver)
  return {
    id: def.id,
    name: textOf(def.name),
    unit: def.unit ?? '',
    period: periodText(def.period, c.fy).th,
    activities: (def.activities ?? []).map(textOf),
    items,
    itemsOutsideForm: outside,
    broadcasts,
    reach,
    returned,
    targets,
    summary: buildSummary(broadcasts, reach, returned, targets),
  }
}
