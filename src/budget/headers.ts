import { type Cell, cellText } from './cells.js'

// The eight columns of a budget sheet and the headers agencies write for them, Thai or English.
// A header may carry both ("เบิกจ่าย / Disbursement"); extra columns (หมายเหตุ …) are ignored.

export const FIELDS = [
  'fiscalYear',
  'period',
  'unit',
  'plan',
  'allocation',
  'commitment',
  'disbursement',
  'target',
] as const
export type Field = (typeof FIELDS)[number]

/** The name a report uses for a column that is missing: the canonical header, both languages. */
export const FIELD_NAMES: Record<Field, string> = {
  fiscalYear: 'ปีงบประมาณ (fiscal_year)',
  period: 'งวด/ไตรมาส (period)',
  unit: 'หน่วยงาน (unit)',
  plan: 'แผนงาน/โครงการ (plan)',
  allocation: 'งบที่ได้รับจัดสรร (allocation)',
  commitment: 'ก่อหนี้ผูกพัน (PO) (commitment)',
  disbursement: 'เบิกจ่าย (disbursement)',
  target: 'เป้าหมายการเบิกจ่าย (target)',
}

const ALIASES: Record<Field, string[]> = {
  fiscalYear: ['ปีงบประมาณ', 'ปีงบ', 'ปีงบประมาณ พ.ศ.', 'fiscal_year', 'fiscal year', 'fy', 'year'],
  period: ['งวด', 'ไตรมาส', 'งวด/ไตรมาส', 'เดือน', 'งวด/เดือน', 'period', 'quarter', 'month'],
  unit: ['หน่วยงาน', 'หน่วยงานผู้รับผิดชอบ', 'ส่วนราชการ', 'unit', 'department', 'division'],
  plan: ['แผนงาน', 'โครงการ', 'แผนงาน/โครงการ', 'แผนงาน/โครงการ/กิจกรรม', 'plan', 'project', 'plan/project'],
  allocation: [
    'งบที่ได้รับจัดสรร',
    'งบประมาณที่ได้รับจัดสรร',
    'งบจัดสรร',
    'งบประมาณ',
    'allocation',
    'allocated',
    'budget',
  ],
  commitment: ['ก่อหนี้ผูกพัน (po)', 'ก่อหนี้ผูกพัน', 'ผูกพัน', 'po', 'ก่อหนี้', 'commitment', 'committed'],
  disbursement: ['เบิกจ่าย', 'ผลการเบิกจ่าย', 'เบิกจ่ายแล้ว', 'disbursement', 'disbursed'],
  target: ['เป้าหมายการเบิกจ่าย', 'เป้าหมาย', 'เป้าการเบิกจ่าย', 'target', 'disbursement target'],
}

const key = (s: string) =>
  s
    .toLowerCase()
    .replace(/\s*([()/])\s*/g, '$1')
    .replace(/[.:]+$/, '')
const LOOKUP = new Map<string, Field>(
  FIELDS.flatMap((f) => ALIASES[f].map((a): [string, Field] => [key(a), f])),
)

/** The field a header cell names: the whole cell, or one of its parts split on / | newline. */
export function fieldOf(cell: Cell): Field | null {
  const text = key(cellText(cell))
  if (text === '') return null
  const whole = LOOKUP.get(text) ?? LOOKUP.get(text.replace(/\(.*\)$/, ''))
  if (whole) return whole
  for (const part of text.split(/[|/\n]/)) {
    const f = LOOKUP.get(part.trim()) ?? LOOKUP.get(part.trim().replace(/\(.*\)$/, ''))
    if (f) return f
  }
  return null
}

/** Column letters as spreadsheets show them: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1
  let out = ''
  while (n > 0) {
    const r = (n - 1) % 26
    out = String.fromCharCode(65 + r) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

export interface HeaderMatch {
  /** Index of the header row among the rows given. */
  row: number
  columns: Partial<Record<Field, number>>
  /** Fields named by two columns: which one is meant cannot be guessed. */
  twice: Field[]
}

/** The header row: of the top ten rows (a title may sit above it), the one naming most fields, at least three. */
export function findHeader(rows: readonly (readonly Cell[])[]): HeaderMatch | null {
  let best: HeaderMatch | null = null
  for (let r = 0; r < Math.min(rows.length, 10); r++) {
    const columns: Partial<Record<Field, number>> = {}
    const twice: Field[] = []
    ;(rows[r] ?? []).forEach((cell, c) => {
      const f = fieldOf(cell)
      if (f === null) return
      if (columns[f] === undefined) columns[f] = c
      else if (!twice.includes(f)) twice.push(f)
    })
    const found = Object.keys(columns).length
    if (found >= 3 && (!best || found > Object.keys(best.columns).length)) best = { row: r, columns, twice }
    if (found === FIELDS.length) break
  }
  return best
}
