import { detailRows, type ExportRow, resultRows } from './export-rows.js'
import type { EvidenceReport } from './types.js'
import { writeXlsx } from './xlsx-writer.js'

/** Rows that open a section (a single cell, or the column heads after it) are set in bold. */
function headings(rows: ExportRow[]): Set<number> {
  const out = new Set<number>()
  rows.forEach((r, i) => {
    if (r.length === 1 || (r[0] === '' && rows[i - 1]?.length === 1)) out.add(i)
  })
  return out
}

/**
 * The report as a real .xlsx, in Thai: the results table on the first sheet, each measure's
 * figures on the second. Async for the callers' sake; nothing in it waits.
 */
export async function reportXlsx(report: EvidenceReport): Promise<Uint8Array> {
  const results = resultRows(report, 'th')
  const detail = detailRows(report, 'th')
  return writeXlsx([
    { name: 'ผลการดำเนินงาน', rows: results, bold: new Set([0, 1]), widths: [40, 50, 60, 30, 22, 50] },
    { name: 'รายละเอียด', rows: detail, bold: headings(detail), widths: [30, 40, 30, 30, 14, 14, 14] },
  ])
}
