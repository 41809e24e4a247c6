import type { Kysely } from 'kysely'
import { categoryLabels } from '../complaints/labels.js'
import { complaintStats } from '../complaints/stats.js'
import type { Clock } from '../core/clock.js'
import type { Keyring } from '../core/keyring.js'
import { fiscalBounds, fiscalYearOfDay, fiscalYearRange, localDay } from '../core/time/index.js'
import type { Database } from '../db/schema.js'
import type { Flows } from '../flows/types.js'
import { type LineStats, lineStatsFor } from '../insights/service.js'
import { orgName } from './context-repository.js'
import { checkYear, formOf, MAX_YEARS, yearWords } from './fiscal.js'
import { gatherYear } from './gather.js'
import { itemRows } from './items.js'
import { buildMeasure } from './measure-report.js'
import { rawFigures } from './raw-repository.js'
import { type FigureSource, rollupFigures, type YearQuery } from './repository.js'
import type { BroadcastDone, ReportRequest, Text } from './types.js'
import { yearsFrom } from './years.js'

export { itemRows }

export interface ReportDeps {
  db: Kysely<Database>
  keyring: Keyring
  flows: Flows
  clock: Clock
  timeZone: string
  /** Where the log's figures come from; by default the rollups, or the log itself outside Bangkok time. */
  figures?: FigureSource
}

export interface YearOverview {
  fiscalYear: number
  measures: { id: string; deliveries: number; people: number; acknowledgments: number }[]
}

export type YearsOverview =
  | { kind: 'ok'; years: YearOverview[] }
  | { kind: 'range_too_long' | 'invalid_year'; message: Text }

/** The rollups count Bangkok days (migration T1400); any other zone is answered from the log. */
const ROLLUP_ZONE = 'Asia/Bangkok'
export const figuresFor = (deps: ReportDeps): FigureSource =>
  deps.figures ?? (deps.timeZone === ROLLUP_ZONE ? rollupFigures : rawFigures)

export const currentFiscalYear = (deps: ReportDeps) =>
  fiscalYearOfDay(localDay(deps.clock.now(), deps.timeZone))

export function yearQuery(orgId: string, fy: number, timeZone: string, flows: Flows): YearQuery {
  const measures = flows.measures.map((m) => m.id)
  return { orgId, fy, ...fiscalYearRange(fy), ...fiscalBounds(fy, timeZone), timeZone, measures }
}

const COMPLAINT_FORM = 'complaint'

/** LINE's impressions and clicks beside each broadcast it has figures for. */
function withLineFigures(figures: { broadcasts: Map<string, BroadcastDone[]> }, stats: LineStats): void {
  const byId = new Map(stats.broadcasts.map((b) => [b.broadcastId, b]))
  for (const list of figures.broadcasts.values()) {
    for (const b of list) {
      const l = byId.get(b.broadcastId)
      if (l) b.line = { uniqueImpression: l.uniqueImpression, uniqueClick: l.uniqueClick }
    }
  }
}

/** One organization's fiscal year, per measure; bad input comes back as a value with a message. */
export async function evidenceReport(
  deps: ReportDeps,
  orgId: string,
  fiscalYear: number,
): Promise<ReportRequest> {
  const now = deps.clock.now()
  const bad = checkYear(fiscalYear, currentFiscalYear(deps))
  if (bad) return { kind: 'invalid_year', message: bad }
  const q = yearQuery(orgId, fiscalYear, deps.timeZone, deps.flows)
  const { flows, db } = deps
  const complaintsMeasure = flows.forms.get(COMPLAINT_FORM)?.measure ?? 'complaints'
  const figures = await gatherYear(db, deps.keyring, figuresFor(deps), q, () =>
    complaintStats(db, orgId, fiscalYear, categoryLabels(flows).values),
  )
  const lineStats = await lineStatsFor(db, orgId, q.from, q.to)
  withLineFigures(figures, lineStats)
  const today = localDay(now, deps.timeZone)
  const form = formOf(fiscalYear)
  const context = {
    fy: fiscalYear,
    form,
    catalogue: flows.itaItems,
    complaintsMeasure,
    yearOver: today > q.to,
  }
  const name = await orgName(db, orgId)
  return {
    kind: 'ok',
    report: {
      orgId,
      orgName: name?.name_th ?? orgId,
      fiscalYear,
      form,
      from: q.from,
      to: q.to,
      // Days as 'YYYY-MM-DD' compare as strings; the figures run to today while the year lasts.
      upTo: [today, q.to].sort()[0] ?? q.to,
      generatedAt: now,
      timeZone: deps.timeZone,
      measures: flows.measures.map((m) => buildMeasure(m, figures, context)),
      empty: figures.kinds.length === 0 && figures.broadcasts.size === 0,
      lineStats,
    },
  }
}

/** Deliveries, people and acknowledgments per measure for a run of years (at most ten). */
export async function yearsOverview(
  deps: ReportDeps,
  orgId: string,
  fromFy: number,
  toFy: number,
): Promise<YearsOverview> {
  const current = currentFiscalYear(deps)
  const bad = checkYear(fromFy, current) ?? checkYear(toFy, current)
  if (bad) return { kind: 'invalid_year', message: bad }
  if (fromFy > toFy) {
    return { kind: 'invalid_year', message: yearWords.both('backwards', { from: fromFy, to: toFy }) }
  }
  if (toFy - fromFy + 1 > MAX_YEARS) {
    const asked = toFy - fromFy + 1
    return { kind: 'range_too_long', message: yearWords.both('tooMany', { max: MAX_YEARS, asked }) }
  }
  const years = Array.from({ length: toFy - fromFy + 1 }, (_, i) =>
    yearQuery(orgId, fromFy + i, deps.timeZone, deps.flows),
  )
  return { kind: 'ok', years: await yearsFrom(deps.db, figuresFor(deps), orgId, years, deps.flows.measures) }
}
