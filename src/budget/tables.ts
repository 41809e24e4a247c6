import type { ColumnType, Selectable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
/** numeric(…, 2): written and read as text ("1234.50"), so no digit is lost (src/db/types.ts). */
type Numeric = ColumnType<string, string, string>
type NullableNumeric = ColumnType<string | null, string | null, string | null>
/** date: 'YYYY-MM-DD' both ways. */
type Day = ColumnType<string, string, string>

/** One upload of a fiscal year's budget (public/aggregate class, plus the uploader's e-mail). */
export interface BudgetVersionsTable {
  id: string
  org_id: string
  fiscal_year: number
  version_no: number
  file_name: string
  file_type: 'csv' | 'xlsx'
  /** SHA-256 of the uploaded bytes, hex. */
  checksum: string
  row_count: number
  as_of: Day
  uploaded_by: string
  uploaded_by_email: string
  uploaded_at: Timestamp
}

export interface BudgetRowsTable {
  version_id: string
  org_id: string
  line: number
  period: string
  unit: string
  plan: string
  allocation: Numeric
  commitment: Numeric
  disbursement: Numeric
  target: Numeric
  target_pct: NullableNumeric
}

export interface BudgetTables {
  budget_versions: BudgetVersionsTable
  budget_rows: BudgetRowsTable
}

export type BudgetVersionRow = Selectable<BudgetVersionsTable>
export type BudgetRowRow = Selectable<BudgetRowsTable>

// These tables in kysely's Database (db/schema.ts: declaration merging).
declare module '../db/schema.js' {
  interface Database extends BudgetTables {}
}
