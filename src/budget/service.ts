import type { messagingApi } from '@line/bot-sdk'
import type { Kysely } from 'kysely'
import { toHex } from '../core/bytes.js'
import { fiscalYearOf } from '../core/time/index.js'
import type { Database } from '../db/schema.js'
import type { Flows } from '../flows/types.js'
import { checkMessages } from '../line/limits.js'
import type { LineMessage } from '../line/port.js'
import { budgetMessage } from './flex.js'
import { numericToSatang, satangToNumeric } from './money.js'
import * as repo from './repository.js'
import { type BudgetSummary, type SummaryRow, sameName, summarize, unitsOf } from './summary.js'
import type { BudgetRowRow, BudgetVersionRow } from './tables.js'
import type { BudgetRow, FileType } from './types.js'
import { wordingFor } from './wording.js'

// Budget versions as the domain sees them, and the card built from the current one.

type Db = Kysely<Database>

export interface BudgetVersion {
  id: string
  fiscalYear: number
  versionNo: number
  fileName: string
  fileType: FileType
  checksum: string
  rowCount: number
  asOf: string
  uploadedByEmail: string
  uploadedAt: Date
}

export const toVersion = (r: BudgetVersionRow): BudgetVersion => ({
  id: r.id,
  fiscalYear: r.fiscal_year,
  versionNo: r.version_no,
  fileName: r.file_name,
  fileType: r.file_type,
  checksum: r.checksum,
  rowCount: r.row_count,
  asOf: r.as_of,
  uploadedByEmail: r.uploaded_by_email,
  uploadedAt: r.uploaded_at,
})

const toRow = (r: BudgetRowRow): BudgetRow => ({
  line: r.line,
  period: r.period,
  unit: r.unit,
  plan: r.plan,
  allocation: numericToSatang(r.allocation),
  commitment: numericToSatang(r.commitment),
  disbursement: numericToSatang(r.disbursement),
  target: numericToSatang(r.target),
  targetPct: r.target_pct === null ? null : Number(numericToSatang(r.target_pct)),
})

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // A copy: WebCrypto takes an ArrayBuffer-backed view only.
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes))))
}

export interface NewUpload {
  orgId: string
  uploader: { id: string; email: string }
  fileName: string
  fileType: FileType
  bytes: Uint8Array
  fiscalYear: number
  asOf: string
  rows: BudgetRow[]
  now: Date
}

/** Stores a validated upload as the fiscal year's next version. Run inside the route's transaction. */
export async function storeUpload(db: Db, u: NewUpload): Promise<BudgetVersion> {
  const version = await repo.insertVersion(db, {
    id: crypto.randomUUID(),
    org_id: u.orgId,
    fiscal_year: u.fiscalYear,
    file_name: u.fileName.slice(0, 255) || 'budget',
    file_type: u.fileType,
    checksum: await sha256Hex(u.bytes),
    row_count: u.rows.length,
    as_of: u.asOf,
    uploaded_by: u.uploader.id,
    uploaded_by_email: u.uploader.email,
    uploaded_at: u.now,
  })
  await repo.insertRows(
    db,
    u.orgId,
    version.id,
    u.rows.map((r) => ({
      line: r.line,
      period: r.period,
      unit: r.unit,
      plan: r.plan,
      allocation: satangToNumeric(r.allocation),
      commitment: satangToNumeric(r.commitment),
      disbursement: satangToNumeric(r.disbursement),
      target: satangToNumeric(r.target),
      // Hundredths of a percent share satang's two decimals: 3050 → "30.50".
      target_pct: r.targetPct === null ? null : satangToNumeric(BigInt(r.targetPct)),
    })),
  )
  return toVersion(version)
}

export async function versionRows(db: Db, versionId: string): Promise<BudgetRow[]> {
  return (await repo.versionRows(db, versionId)).map(toRow)
}

export async function findVersion(db: Db, orgId: string, id: string): Promise<BudgetVersion | null> {
  const row = await repo.findVersion(db, orgId, id)
  return row ? toVersion(row) : null
}

/** Every version, latest first; `current` marks the highest version of each fiscal year. */
export async function listVersions(db: Db, orgId: string): Promise<(BudgetVersion & { current: boolean })[]> {
  const seen = new Set<number>()
  return (await repo.listVersions(db, orgId)).map((r) => {
    const current = !seen.has(r.fiscal_year)
    seen.add(r.fiscal_year)
    return { ...toVersion(r), current }
  })
}

/** The summary of a version, agency-wide or for one unit of it. */
export function summaryOf(
  v: BudgetVersion,
  rows: readonly SummaryRow[],
  unit?: string,
): BudgetSummary | null {
  return summarize({ fiscalYear: v.fiscalYear, asOf: v.asOf, rows }, unit === undefined ? {} : { unit })
}

/** The card as LINE messages; one LINE would refuse (a very long name) falls back to its text. */
export function cardMessages(flows: Flows, s: BudgetSummary): LineMessage[] {
  const card = budgetMessage(s, wordingFor(flows, s))
  if (checkMessages([card]).length === 0) return [card]
  return [{ type: 'text', text: card.altText } satisfies messagingApi.TextMessage]
}

export interface Card {
  version: BudgetVersion
  summary: BudgetSummary
  messages: LineMessage[]
}

/**
 * The current card: the fiscal year's latest upload, for the unit one of `labels` names (a
 * group labelled with a unit) or else for the whole agency. Null before the first upload.
 */
export async function currentCard(
  db: Db,
  flows: Flows,
  orgId: string,
  opts: { fiscalYear: number; labels?: string[] },
): Promise<Card | null> {
  const row = await repo.latestVersion(db, orgId, opts.fiscalYear)
  if (!row) return null
  const version = toVersion(row)
  const rows = await versionRows(db, version.id)
  const units = unitsOf(rows)
  const unit = (opts.labels ?? []).map((l) => units.find((u) => sameName(u, l))).find((u) => u !== undefined)
  const summary = (unit !== undefined ? summaryOf(version, rows, unit) : null) ?? summaryOf(version, rows)
  return summary ? { version, summary, messages: cardMessages(flows, summary) } : null
}

/** The agency-wide card of today's budget, for composing a budget broadcast; null before any upload. */
export async function currentBudgetMessages(
  deps: { db: Db; flows: Flows; clock: { now(): Date }; config: { timeZone: string } },
  orgId: string,
): Promise<LineMessage[] | null> {
  const fiscalYear = fiscalYearOf(deps.clock.now(), deps.config.timeZone)
  return (await currentCard(deps.db, deps.flows, orgId, { fiscalYear }))?.messages ?? null
}
