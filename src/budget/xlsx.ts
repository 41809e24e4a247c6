import { type Unzipped, unzipSync, zipSync } from 'fflate'
import { readSheet } from 'read-excel-file/universal'
import type { Cell } from './cells.js'

// Excel .xlsx through read-excel-file's universal build (no Node APIs, so it bundles for
// Workers). The archive is opened here first with fflate, to refuse a zip bomb from its
// declared sizes before anything is inflated, then handed on re-packed without compression:
// fflate inflates large entries in a Web Worker, which Cloudflare Workers do not have, while
// stored entries are only copied.

/** An .xlsx whose XML inflates past this is refused (a 10,000-row budget is a few MB). */
export const MAX_INFLATED_BYTES = 50 * 1024 * 1024
const MAX_ENTRIES = 2_000

export interface SheetRow {
  line: number
  cells: Cell[]
}
export type XlsxResult = { ok: true; rows: SheetRow[] } | { ok: false; reason: 'too_large' | 'invalid' }

class TooLarge extends Error {}

function unpack(bytes: Uint8Array): Unzipped {
  let total = 0
  let entries = 0
  return unzipSync(bytes, {
    filter(file) {
      entries++
      // What read-excel-file reads: the workbook's XML and its relationships.
      const wanted = file.name.endsWith('.xml') || file.name.endsWith('.rels')
      if (wanted) total += file.originalSize
      if (total > MAX_INFLATED_BYTES || entries > MAX_ENTRIES) throw new TooLarge()
      return wanted
    },
  })
}

const toCell = (v: unknown): Cell =>
  v === null || v === undefined
    ? null
    : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date
      ? v
      : String(v)

/** The first sheet's rows, each with its row number as Excel shows it. */
export async function readXlsx(bytes: Uint8Array): Promise<XlsxResult> {
  let stored: Uint8Array
  try {
    stored = zipSync(unpack(bytes), { level: 0 })
  } catch (err) {
    return { ok: false, reason: err instanceof TooLarge ? 'too_large' : 'invalid' }
  }
  try {
    const buffer = stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.byteLength)
    const data = await readSheet(buffer as ArrayBuffer)
    return { ok: true, rows: data.map((row, i) => ({ line: i + 1, cells: row.map(toCell) })) }
  } catch {
    // read-excel-file's errors (not a workbook, no sheet, broken XML) all mean the same to the uploader.
    return { ok: false, reason: 'invalid' }
  }
}
