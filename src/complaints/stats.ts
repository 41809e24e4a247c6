import type { Kysely } from 'kysely'
import { daysBetween, fiscalMonths, fiscalYearOfDay, fiscalYearRange } from '../core/time/index.js'
import type { Database } from '../db/schema.js'
import { listCaseFacts } from './stats-repository.js'
import { type Cell, cellText, protectBreakdown, protectWithTotal } from './suppression.js'

// Complaint statistics for ITA O29: counts of one fiscal year (Oct–Sep, Buddhist era) by month,
// category, channel and outcome, times to acknowledge and to close, and the last five years.
// Cases made into retention stubs still count: they keep category, channel, dates and outcome.

export const YEARS_SHOWN = 5
export const OUTCOME_KEYS = ['open', 'substantiated', 'unsubstantiated', 'referred'] as const

export interface Breakdown {
  rows: { key: string; cell: Cell }[]
  /** The year total as published: exact, or "<5". */
  total: string
}

/** Days, to one decimal; null when fewer than 5 cases (one case's timeline must not show). */
export interface Timing {
  median: number | null
  average: number | null
}

export interface ComplaintStats {
  fy: number
  total: string
  months: Breakdown
  categories: Breakdown
  channels: Breakdown
  outcomes: Breakdown
  ack: Timing
  close: Timing
  years: { rows: { fy: number; cell: Cell }[]; total: string }
}

type Fact = Awaited<ReturnType<typeof listCaseFacts>>[number]

function breakdown(keys: readonly string[], keyOf: (f: Fact) => string, facts: Fact[]): Breakdown {
  const counts = keys.map((k) => facts.filter((f) => keyOf(f) === k).length)
  const cells = protectBreakdown(counts)
  return {
    rows: keys.map((key, i) => ({ key, cell: cells[i] ?? { kind: 'hidden' } })),
    total: cellText(protectWithTotal([facts.length]).cells[0] ?? { kind: 'hidden' }),
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10

export function timing(days: number[]): Timing {
  if (days.length < 5) return { median: null, average: null }
  const s = [...days].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  const median = s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
  return { median: round1(median), average: round1(s.reduce((a, b) => a + b, 0) / s.length) }
}

export async function complaintStats(
  db: Kysely<Database>,
  orgId: string,
  fy: number,
  categories: readonly string[],
): Promise<ComplaintStats> {
  const first = fiscalYearRange(fy - YEARS_SHOWN + 1).from
  const all = await listCaseFacts(db, orgId, first, fiscalYearRange(fy).to)
  const facts = all.filter((f) => fiscalYearOfDay(f.received_on) === fy)
  const seen = [...new Set(facts.map((f) => f.category))].filter((c) => !categories.includes(c)).sort()
  const outcomeOf = (f: Fact) => (f.status === 'closed' && f.outcome ? f.outcome : 'open')
  const years = Array.from({ length: YEARS_SHOWN }, (_, i) => fy - YEARS_SHOWN + 1 + i)
  const perYear = protectWithTotal(
    years.map((y) => all.filter((f) => fiscalYearOfDay(f.received_on) === y).length),
  )
  return {
    fy,
    total: cellText(protectWithTotal([facts.length]).cells[0] ?? { kind: 'hidden' }),
    months: breakdown(fiscalMonths(fy), (f) => f.received_on.slice(0, 7), facts),
    categories: breakdown([...categories, ...seen], (f) => f.category, facts),
    channels: breakdown(['line', 'web'], (f) => f.channel, facts),
    outcomes: breakdown(OUTCOME_KEYS, outcomeOf, facts),
    ack: timing(
      facts.flatMap((f) => (f.acknowledged_on ? [daysBetween(f.received_on, f.acknowledged_on)] : [])),
    ),
    close: timing(facts.flatMap((f) => (f.closed_on ? [daysBetween(f.received_on, f.closed_on)] : []))),
    years: {
      rows: years.map((y, i) => ({ fy: y, cell: perYear.cells[i] ?? { kind: 'hidden' } })),
      total: perYear.total,
    },
  }
}
