import { defineMessages } from '../core/messages.js'
import type { Why } from './cells.js'
import { parseCsv } from './csv.js'
import type { FileType, ImportResult, Issue } from './types.js'
import { type ValidateOptions, validateRows } from './validate.js'

// An uploaded file to validated budget rows, or a report of every problem. Pure of I/O: the
// route hands the bytes over and stores nothing unless the answer is ok.

/** The default upload limit (BUDGET_MAX_UPLOAD_BYTES overrides it). */
export const DEFAULT_MAX_UPLOAD_BYTES = 5 * 1024 * 1024

export interface ImportOptions extends ValidateOptions {
  maxBytes: number
}

const uploadWords = defineMessages({
  tooLarge: [
    'ไฟล์มีขนาด {{size}} เกินขนาดสูงสุด {{max}} กรุณาลบแถวหรือแผ่นงานที่ไม่ใช้แล้วอัปโหลดใหม่',
    'The file is {{size}}, over the {{max}} limit. Remove unused rows or sheets and upload again.',
  ],
  empty: ['ไฟล์ว่างเปล่า', 'The file is empty'],
  xls: [
    'ไม่รองรับไฟล์ .xls (Excel 97–2003) กรุณาบันทึกเป็น .xlsx หรือ CSV UTF-8',
    'Old .xls files are not supported: save as .xlsx or CSV UTF-8',
  ],
  notXlsx: ['ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ที่ถูกต้อง', 'This is not a valid Excel (.xlsx) file'],
  inflated: [
    'ข้อมูลในไฟล์ Excel เมื่อคลายการบีบอัดแล้วเกินกำหนด {{mb}} MB กรุณาลบแผ่นงานหรือข้อมูลที่ไม่ใช้ หรือบันทึกเป็น CSV UTF-8',
    'The workbook is over the {{mb}} MB limit once uncompressed: remove unused sheets or data, or save as CSV UTF-8',
  ],
  parts: [
    'ไฟล์ Excel มีส่วนประกอบเกินกำหนด {{n}} ส่วน กรุณาบันทึกเป็น CSV UTF-8',
    'The workbook has more than {{n}} parts, over the limit: save it as CSV UTF-8',
  ],
  unreadable: [
    'เปิดไฟล์ Excel นี้ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ .xlsx',
    'This Excel file cannot be read: damaged or not .xlsx',
  ],
  otherType: ['รองรับเฉพาะไฟล์ .csv และ .xlsx', 'Only .csv and .xlsx files are accepted'],
  xlsxAsCsv: [
    'ไฟล์นี้เป็นไฟล์ Excel ที่ตั้งชื่อเป็น .csv กรุณาใช้นามสกุล .xlsx',
    'This is an Excel file named .csv: name it .xlsx',
  ],
  notUtf8: [
    'ไฟล์ไม่ใช่ข้อความ UTF-8 ใน Excel ให้เลือก "บันทึกเป็น" แล้วเลือกชนิด "CSV UTF-8 (คั่นด้วยจุลภาค)"',
    'The file is not UTF-8 text: in Excel use "Save As" → "CSV UTF-8 (Comma delimited)"',
  ],
  openQuote: ['เครื่องหมายคำพูด (") เปิดแล้วไม่ปิด', 'A quote (") is opened and never closed'],
})

const fileIssue = (why: Why): Issue => ({
  line: null,
  column: null,
  ...why,
})
const refuse = (fileType: FileType | null, why: Why): ImportResult => ({
  ok: false,
  fileType,
  issues: [fileIssue(why)],
})

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b)
const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE = [0xd0, 0xcf, 0x11, 0xe0]

const MB = 1024 * 1024
/** 20971520 → "20.0 MB"; under a megabyte in whole kilobytes, rounded up. */
export const formatSize = (n: number) => (n >= MB ? `${(n / MB).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`)

/** "ไฟล์มีขนาด 20.0 MB เกินขนาดสูงสุด 5.0 MB": the size message, also for the HTTP guard. */
export function tooLarge(size: number, max: number): Issue {
  return fileIssue(uploadWords.both('tooLarge', { size: formatSize(size), max: formatSize(max) }))
}

export async function importBudgetFile(
  bytes: Uint8Array,
  fileName: string,
  opts: ImportOptions,
): Promise<ImportResult> {
  // Size first: a huge upload is refused before a byte of it is parsed.
  if (bytes.byteLength > opts.maxBytes)
    return { ok: false, fileType: null, issues: [tooLarge(bytes.byteLength, opts.maxBytes)] }
  if (bytes.byteLength === 0) return refuse(null, uploadWords.both('empty'))
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? ''
  if (ext === 'xls' || startsWith(bytes, OLE)) {
    return refuse(null, uploadWords.both('xls'))
  }
  if (ext === 'xlsx') {
    if (!startsWith(bytes, ZIP)) return refuse('xlsx', uploadWords.both('notXlsx'))
    // Loaded on first import: the XLSX reader is the largest module the server would hold idle.
    const xlsx = await import('./xlsx.js')
    const sheet = await xlsx.readXlsx(bytes)
    if (!sheet.ok) {
      if (sheet.reason === 'too_large') {
        const mb = xlsx.MAX_INFLATED_BYTES / (1024 * 1024)
        return refuse('xlsx', uploadWords.both('inflated', { mb }))
      }
      if (sheet.reason === 'too_many_entries') {
        const n = xlsx.MAX_ENTRIES.toLocaleString('en-US')
        return refuse('xlsx', uploadWords.both('parts', { n }))
      }
      return refuse('xlsx', uploadWords.both('unreadable'))
    }
    return withType('xlsx', validateRows(sheet.rows, opts))
  }
  if (ext !== 'csv' && ext !== 'txt') {
    return refuse(null, uploadWords.both('otherType'))
  }
  if (startsWith(bytes, ZIP)) {
    return refuse('csv', uploadWords.both('xlsxAsCsv'))
  }
  let text: string
  try {
    // fatal: a file saved as Windows-874 (Thai ANSI) must not import as mojibake.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    text = '\u0000'
  }
  if (text.includes('\u0000')) {
    return refuse('csv', uploadWords.both('notUtf8'))
  }
  const csv = parseCsv(text)
  if (!csv.ok) {
    return {
      ok: false,
      fileType: 'csv',
      issues: [{ line: csv.line, column: null, ...uploadWords.both('openQuote') }],
    }
  }
  return withType('csv', validateRows(csv.records, opts))
}

function withType(fileType: FileType, v: ReturnType<typeof validateRows>): ImportResult {
  return v.ok ? { ok: true, fileType, rows: v.rows } : { ok: false, fileType, issues: v.issues }
}
