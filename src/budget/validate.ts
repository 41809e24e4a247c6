import { defineMessages } from '../core/messages.js'
import {
  type Cell,
  cellText,
  isBlank,
  type Read,
  readAmount,
  readName,
  readTarget,
  type Target,
  type Why,
} from './cells.js'
import { columnLetter, FIELD_NAMES, FIELDS, type Field, findHeader } from './headers.js'
import { roundDiv } from './money.js'
import { readFiscalYear, readPeriod } from './periods.js'
import type { BudgetRow, Issue } from './types.js'
import type { SheetRow } from './xlsx.js'

// Every rule a budget sheet must meet, checked on every row so the report lists every problem
// at once. Pure: the importer decides what to do with the verdict (nothing, unless all is good).

export interface ValidateOptions {
  /** The fiscal year the uploader said this file is for. */
  fiscalYear: number
  /** The latest fiscal year that exists (next year's, planned ahead). */
  latestFiscalYear: number
  maxRows?: number
}
export type Validated = { ok: true; rows: BudgetRow[] } | { ok: false; issues: Issue[] }

export const MAX_ROWS = 10_000
// "รวม", "รวมทั้งสิ้น", "Total": a sum someone left in the sheet would be counted twice.
const TOTAL_ROW = /^(ยอด)?รวม(ทั้งสิ้น|ทั้งหมด)?(\s|$)|^(grand )?total(\s|$)|^sum$/i

const issue = (line: number | null, column: string | null, why: Why): Issue => ({
  line,
  column,
  ...why,
})

const sheetWords = defineMessages({
  noHeader: ['ไม่พบแถวหัวตาราง ต้องมีคอลัมน์: {{all}}', 'No header row found. Columns needed: {{all}}'],
  missingColumn: ['ไม่มีคอลัมน์นี้ในแถวหัวตาราง', 'This column is missing from the header row'],
  twice: ['มีคอลัมน์นี้มากกว่าหนึ่งคอลัมน์', 'More than one column has this header'],
  noRows: ['ไม่มีข้อมูลใต้แถวหัวตาราง', 'There are no rows under the header'],
  tooManyRows: ['มี {{n}} แถว เกิน {{max}} แถว', '{{n}} rows, over {{max}}'],
  duplicate: [
    'ซ้ำกับแถวที่ {{first}} (งวด หน่วยงาน และแผนงานเดียวกัน)',
    'Duplicates line {{first}} (same period, unit and plan)',
  ],
  totalsRow: ['เป็นแถวผลรวม ลบแถวนี้ออก ระบบรวมยอดเอง', 'A totals row: delete it, the bot sums itself'],
  otherYear: [
    'ปี {{year}} ไม่ตรงกับปีงบประมาณที่เลือกอัปโหลด ({{fy}})',
    '{{year}} is not the fiscal year chosen for this upload ({{fy}})',
  ],
  overspent: ['เบิกจ่ายมากกว่างบที่ได้รับจัดสรร', 'Disbursement is over the allocation'],
  overcommitted: [
    'ก่อหนี้ผูกพันรวมกับเบิกจ่ายเกินงบที่ได้รับจัดสรร',
    'Commitment plus disbursement is over the allocation',
  ],
  targetOver: ['เป้าหมายมากกว่างบที่ได้รับจัดสรร', 'The target is over the allocation'],
})

function headerIssues(rows: readonly SheetRow[]): { issues: Issue[]; header: ReturnType<typeof findHeader> } {
  const header = findHeader(rows.map((r) => r.cells))
  if (!header) {
    const all = FIELDS.map((f) => FIELD_NAMES[f]).join(', ')
    return {
      header,
      issues: [issue(null, null, sheetWords.both('noHeader', { all }))],
    }
  }
  const line = rows[header.row]?.line ?? null
  const issues = [
    ...FIELDS.filter((f) => header.columns[f] === undefined).map((f) =>
      issue(line, FIELD_NAMES[f], sheetWords.both('missingColumn')),
    ),
    ...header.twice.map((f) => issue(line, FIELD_NAMES[f], sheetWords.both('twice'))),
  ]
  return { header, issues }
}

export function validateRows(rows: readonly SheetRow[], opts: ValidateOptions): Validated {
  const { header, issues } = headerIssues(rows)
  if (!header || issues.length > 0) return { ok: false, issues }
  const headerRow = rows[header.row]
  const columns = header.columns as Record<Field, number>
  const name = (f: Field) => `${cellText(headerRow?.cells[columns[f]] ?? null)} (${columnLetter(columns[f])})`
  const data = rows.slice(header.row + 1).filter((r) => !r.cells.every(isBlank))
  if (data.length === 0) {
    return {
      ok: false,
      issues: [issue(null, null, sheetWords.both('noRows'))],
    }
  }
  const max = opts.maxRows ?? MAX_ROWS
  if (data.length > max) {
    return {
      ok: false,
      issues: [issue(null, null, sheetWords.both('tooManyRows', { n: data.length, max }))],
    }
  }
  const out: BudgetRow[] = []
  const seen = new Map<string, number>()
  for (const row of data) {
    const { value, problems } = readRow(row, columns, name, opts)
    if (value) {
      const key = JSON.stringify([value.period, value.unit.toLowerCase(), value.plan.toLowerCase()])
      const first = seen.get(key)
      if (first === undefined) seen.set(key, row.line)
      else problems.push(issue(row.line, null, sheetWords.both('duplicate', { first })))
      if (problems.length === 0) out.push(value)
    }
    issues.push(...problems)
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rows: out }
}

/** One data row: its value when every cell reads, and every problem found on the way. */
function readRow(
  row: SheetRow,
  columns: Record<Field, number>,
  name: (f: Field) => string,
  opts: ValidateOptions,
): { value: BudgetRow | null; problems: Issue[] } {
  const cell = (f: Field): Cell => row.cells[columns[f]] ?? null
  const problems: Issue[] = []
  const take = <T>(f: Field, r: Read<T>): T | undefined => {
    if (r.ok) return r.value
    problems.push(issue(row.line, name(f), r.why))
    return undefined
  }
  if (TOTAL_ROW.test(cellText(cell('unit'))) || TOTAL_ROW.test(cellText(cell('plan')))) {
    return { value: null, problems: [issue(row.line, name('unit'), sheetWords.both('totalsRow'))] }
  }
  const year = take('fiscalYear', readFiscalYear(cell('fiscalYear'), opts.latestFiscalYear))
  if (year !== undefined && year !== opts.fiscalYear) {
    problems.push(
      issue(row.line, name('fiscalYear'), sheetWords.both('otherYear', { year, fy: opts.fiscalYear })),
    )
  }
  const period = take('period', readPeriod(cell('period'), opts.fiscalYear))
  const unit = take('unit', readName(cell('unit')))
  const plan = take('plan', readName(cell('plan')))
  const allocation = take('allocation', readAmount(cell('allocation')))
  const commitment = take('commitment', readAmount(cell('commitment')))
  const disbursement = take('disbursement', readAmount(cell('disbursement')))
  const target = take('target', readTarget(cell('target')))
  if (
    problems.length > 0 ||
    period === undefined ||
    unit === undefined ||
    plan === undefined ||
    allocation === undefined ||
    commitment === undefined ||
    disbursement === undefined ||
    target === undefined
  ) {
    return { value: null, problems }
  }
  const value = {
    line: row.line,
    period,
    unit,
    plan,
    allocation,
    commitment,
    disbursement,
    ...targetOf(target, allocation),
  }
  problems.push(...crossChecks(value, name))
  return { value, problems }
}

function targetOf(t: Target, allocation: bigint): { target: bigint; targetPct: number | null } {
  if (t.kind === 'amount') return { target: t.satang, targetPct: null }
  return { target: roundDiv(allocation * BigInt(t.hundredths), 10_000n), targetPct: t.hundredths }
}

/** Rules between columns: nothing is spent or promised beyond what was allocated. */
function crossChecks(r: BudgetRow, name: (f: Field) => string): Issue[] {
  const out: Issue[] = []
  if (r.disbursement > r.allocation) {
    out.push(issue(r.line, name('disbursement'), sheetWords.both('overspent')))
  } else if (r.commitment + r.disbursement > r.allocation) {
    out.push(issue(r.line, name('commitment'), sheetWords.both('overcommitted')))
  }
  if (r.target > r.allocation) {
    out.push(issue(r.line, name('target'), sheetWords.both('targetOver')))
  }
  return out
}
