import { formatDay } from '../core/time/index.js'
import type { Flows } from '../flows/types.js'
import { periodLabel } from './calendar.js'
import { formatMillions, formatTenths } from './money.js'
import type { BudgetSummary } from './summary.js'

// The words of the budget card come from flows/budget.yaml, so an agency rewords it without
// touching code; the layout is flex.ts. Each piece is a text template, rendered in the language
// of the Flows view it is read through (the reader's, or Thai for a group).

export type Words = string

/** Every piece the card uses, filled for one summary. */
export interface Wording {
  title: Words
  scope: Words
  period: Words
  disbursed: Words
  target: Words
  allocation: Words
  commitment: Words
  remaining: Words
  millions: Words
  behind: Words
  ahead: Words
  none: Words
  overall: Words
  asOf: Words
  ask: string
  concern: string
  altText: string
}

const PIECES = [
  'title',
  'disbursed',
  'target',
  'allocation',
  'commitment',
  'remaining',
  'millions',
  'behind',
  'ahead',
  'none',
  'overall',
  'asOf',
] as const

const pct = (t: number | null) => (t === null ? '–' : formatTenths(t))

/** The placeholder values of a summary (also the samples' names in flows/budget.yaml). */
export function placeholders(s: BudgetSummary): Record<string, string> {
  const unit = s.scope.kind === 'unit' ? s.scope.unit : ''
  return {
    budgetYear: String(s.fiscalYear),
    budgetUnit: unit,
    budgetPeriod: periodLabel(s.period, s.fiscalYear, 'th'),
    budgetPeriodEn: periodLabel(s.period, s.fiscalYear, 'en'),
    budgetScope: unit || 'ภาพรวมหน่วยงาน',
    budgetScopeEn: unit || 'whole agency',
    budgetAsOf: formatDay(s.asOf, 'th'),
    budgetAsOfEn: formatDay(s.asOf, 'en'),
    budgetDisbursed: pct(s.totals.disbursedPct),
    budgetTarget: pct(s.totals.targetPct),
    budgetAllocation: formatMillions(s.totals.allocation),
  }
}

/** The text of a one-message text template, rendered with `vars`. */
export function templateText(flows: Flows, key: string, vars: Record<string, string>): string {
  const [m] = flows.render(key, vars)
  return m?.type === 'text' ? m.text : ''
}

export function wordingFor(flows: Flows, s: BudgetSummary): Wording {
  const vars = placeholders(s)
  const piece = (name: string) => templateText(flows, `budget.${name}`, vars)
  const pieces = Object.fromEntries(PIECES.map((p) => [p, piece(p)])) as Record<
    (typeof PIECES)[number],
    Words
  >
  return {
    ...pieces,
    scope: piece(s.scope.kind === 'unit' ? 'scopeUnit' : 'scopeOrg'),
    period: (flows.lang === 'en' ? vars.budgetPeriodEn : vars.budgetPeriod) ?? '',
    ask: templateText(flows, 'budget.button.ask', vars),
    concern: templateText(flows, 'budget.button.concern', vars),
    altText: templateText(flows, 'budget.altText', vars),
  }
}
