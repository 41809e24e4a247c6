import { zipSync } from 'fflate'
import { readSheet } from 'read-excel-file/universal'
import { listZip, readZipEntry } from '../core/zip-bounded.js'
import type { Cell } from './cells.js'

// Excel .xlsx through read-excel-file's universal build (no Node APIs, so it bundles for
// Workers). The archive is opened here first, to refuse a zip bomb from its declared sizes
// before anything is inflated and to stop any entry that inflates past what it declared
// (core/zip-bounded.ts), then handed on re-packed without compression:
// fflate inflates large entries in a Web Worker, which Cloudflare Workers do not have, while
// stored entries are only copied.

/** An .xlsx whose XML inflates past this is refused (a 10,000-row budget is a few MB). */
export const MAX_INFLATED_BYTES = 50 * 1024 * 1024
export const MAX_ENTRIES = 2_000

export interface SheetRow {
  line: number
  cells: Cell[]
}
export type XlsxResult =
  | { ok: true; rows: SheetRow[] }
  /** too_large: past MAX_INFLATED_BYTES once inflated; too_many_entries: past MAX_ENTRIES. */
  | { ok: false; reason: 'too_large' | 'too_many_entries' | 'invalid' }

type Unpacked = { ok: true; files: Record<string, Uint8Array> } | Extract<XlsxResult, { ok: false }>

function unpack(bytes: Uint8Array): Unpacked {
  const listing = listZip(bytes, MAX_ENTRIES)
  if (!listing.ok) return { ok: false, reason: listing.reason === 'corrupt' ? 'invalid' : listing.reason }
  // What read-excel-file reads: the workbook's XML and its relationships; nothing else is inflated.
  const wanted = listing.entries.filter((e) => e.name.endsWith('.xml') || e.name.endsWith('.rels'))
  if (wanted.reduce((n, e) => n + e.size, 0) > MAX_INFLATED_BYTES) return { ok: false, reason: 'too_large' }
  const files: Record<string, Uint8Array> = {}
  let total = 0
  for (const entry of wanted) {
    const r = readZipEntry(bytes, entry, MAX_INFLATED_BYTES - total)
    if (!r.ok) return { ok: false, reason: r.reason === 'too_large' ? 'too_large' : 'invalid' }
    total += r.bytes.length
    files[entry.name] = r.bytes
  }
  return { ok: true, files }
}

const toCell = (v: unknown): Cell =>
  v === null || v === undefined
    ? null
    : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date
      ? v
      : String(v)

/** The first sheet's rows, each with its row number as Excel shows it. */
export async function readXlsx(bytes: Uint8Array): Promise<XlsxResult> {
  const unpacked = unpack(bytes)
  if (!unpacked.ok) return unpacked
  const stored = zipSync(unpacked.files, { level: 0 })
  try {
    const buffer = stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.byteLength)
    const data = await readSheet(buffer as ArrayBuffer)
    return { ok: true, rows: data.map((row, i) => ({ line: i + 1, cells: row.map(toCell) })) }
  } catch {
    // read-excel-file's errors (not a workbook, no sheet, broken XML) all mean the same to the uploader.
    return { ok: false, reason: 'invalid' }
  }
}
