// The budget's domain types, shared by the pure modules (import, summary, Flex) and the service.

/** One line of an agency's budget sheet, amounts in satang. */
export interface BudgetRow {
  /** The file line (CSV) or sheet row (xlsx) it came from. */
  line: number
  /** 'Q1'…'Q4' or 'M01'…'M12' (calendar.ts). */
  period: string
  unit: string
  plan: string
  allocation: bigint
  commitment: bigint
  disbursement: bigint
  /** The cumulative disbursement target for the period, as an amount. */
  target: bigint
  /** The target as given when it was a share of the allocation, in hundredths of a percent. */
  targetPct: number | null
}

/** One problem of an upload: where (line and column when known) and why, Thai and English. */
export interface Issue {
  line: number | null
  column: string | null
  th: string
  en: string
}

export type FileType = 'csv' | 'xlsx'

export type ImportResult =
  | { ok: true; fileType: FileType; rows: BudgetRow[] }
  | { ok: false; fileType: FileType | null; issues: Issue[] }
