import { byLatest } from './calendar.js'
import { tenthsOf } from './money.js'
import type { BudgetRow } from './types.js'

// The summary staff see: totals for the latest period in the data, disbursed against allocated
// and against the period's target, and who is furthest behind or ahead of that target. Pure,
// exact (bigint satang); percentages are rounded only for display, never for ranking.

export type SummaryRow = Pick<
  BudgetRow,
  'period' | 'unit' | 'plan' | 'allocation' | 'commitment' | 'disbursement' | 'target'
>

export interface Standing {
  name: string
  allocation: bigint
  commitment: bigint
  disbursement: bigint
  target: bigint
  /** allocation − commitment − disbursement. */
  remaining: bigint
  /** Tenths of a percent of the allocation (375 = 37.5 %); null without allocation. */
  disbursedPct: number | null
  targetPct: number | null
  commitmentPct: number | null
  /** disbursedPct − targetPct, computed exactly then rounded. */
  gapPct: number | null
}

export interface BudgetSummary {
  fiscalYear: number
  /** The period the figures are for: the latest one in the data. */
  period: string
  /** 'YYYY-MM-DD': the day the figures are as of. */
  asOf: string
  scope: { kind: 'org' } | { kind: 'unit'; unit: string }
  totals: Standing
  /** The whole agency (equals `totals` for the agency-wide summary). */
  overall: Standing
  /** Units (agency-wide) or the unit's plans, by name. */
  lines: Standing[]
  behind: Standing[]
  ahead: Standing[]
}

export interface SummaryInput {
  fiscalYear: number
  asOf: string
  rows: readonly SummaryRow[]
}

/** Names compared as people read them: a group label "กองคลัง " matches the unit "กองคลัง". */
export const sameName = (a: string, b: string) => norm(a) === norm(b)
const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase()

export function standing(name: string, rows: readonly SummaryRow[]): Standing {
  let allocation = 0n
  let commitment = 0n
  let disbursement = 0n
  let target = 0n
  for (const r of rows) {
    allocation += r.allocation
    commitment += r.commitment
    disbursement += r.disbursement
    target += r.target
  }
  return {
    name,
    allocation,
    commitment,
    disbursement,
    target,
    remaining: allocation - commitment - disbursement,
    disbursedPct: tenthsOf(disbursement, allocation),
    targetPct: tenthsOf(target, allocation),
    commitmentPct: tenthsOf(commitment, allocation),
    gapPct: tenthsOf(disbursement - target, allocation),
  }
}

function groupBy(rows: readonly SummaryRow[], key: (r: SummaryRow) => string): Standing[] {
  const groups = new Map<string, SummaryRow[]>()
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r])
  return [...groups].map(([name, rs]) => standing(name, rs)).sort(byName)
}

/** Exact order of (disbursed − target) / allocation, lowest first (both have an allocation). */
function gapOrder(a: Standing, b: Standing): number {
  const left = (a.disbursement - a.target) * b.allocation
  const right = (b.disbursement - b.target) * a.allocation
  return left < right ? -1 : left > right ? 1 : 0
}
const byName = (a: Standing, b: Standing) => a.name.localeCompare(b.name, 'th')

export const currentPeriod = (rows: readonly SummaryRow[]): string | null =>
  [...new Set(rows.map((r) => r.period))].sort(byLatest)[0] ?? null

/** The agency-wide summary, or a unit's (its plans ranked); null when there is nothing to show. */
export function summarize(
  input: SummaryInput,
  opts: { unit?: string; top?: number } = {},
): BudgetSummary | null {
  const period = currentPeriod(input.rows)
  if (period === null) return null
  const rows = input.rows.filter((r) => r.period === period)
  const unit = opts.unit
  const scoped = unit === undefined ? rows : rows.filter((r) => sameName(r.unit, unit))
  if (scoped.length === 0) return null
  const lines = unit === undefined ? groupBy(scoped, (r) => r.unit) : groupBy(scoped, (r) => r.plan)
  const ranked = lines.filter((l) => l.allocation > 0n)
  const top = opts.top ?? 3
  const overall = standing('', rows)
  return {
    fiscalYear: input.fiscalYear,
    period,
    asOf: input.asOf,
    scope: unit === undefined ? { kind: 'org' } : { kind: 'unit', unit: scoped[0]?.unit ?? unit },
    totals: unit === undefined ? overall : standing(scoped[0]?.unit ?? unit, scoped),
    overall,
    lines,
    behind: ranked
      .filter((l) => l.disbursement < l.target)
      .sort((a, b) => gapOrder(a, b) || byName(a, b))
      .slice(0, top),
    ahead: ranked
      .filter((l) => l.disbursement > l.target)
      .sort((a, b) => gapOrder(b, a) || byName(a, b))
      .slice(0, top),
  }
}

/** The units a summary can be scoped to, for matching group labels. */
export const unitsOf = (rows: readonly SummaryRow[]) => [...new Set(rows.map((r) => r.unit))]
