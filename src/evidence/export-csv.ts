import { csvText } from '../core/csv.js'
import { detailRows, type ExportRow, resultRows } from './export-rows.js'
import type { EvidenceReport } from './types.js'

/**
 * The report as CSV (UTF-8 with a BOM, so Excel shows Thai): the results table in the
 * agencies' layout, a blank line, then each measure's figures.
 */
export function reportCsv(report: EvidenceReport, lang: 'th' | 'en'): string {
  const text = (rows: ExportRow[]) => rows.map((r) => r.map(String))
  return csvText([...text(resultRows(report, lang)), [], ...text(detailRows(report, lang))])
}
