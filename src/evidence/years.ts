import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { MeasureDef } from '../flows/schema-dialogues.js'
import { ACK_KINDS, DELIVERED, OVERVIEW_KINDS } from './kinds.js'
import type { FigureSource, YearQuery } from './repository.js'

// Several fiscal years side by side: two grouped queries, whatever the number of years.

export async function yearsFrom(
  db: Kysely<Database>,
  source: FigureSource,
  orgId: string,
  years: YearQuery[],
  measures: readonly MeasureDef[],
) {
  const [events, people] = await Promise.all([
    source.overview(db, orgId, years, OVERVIEW_KINDS),
    source.overviewPeople(db, orgId, years),
  ])
  const total = (fy: number, measure: string, kinds: readonly string[]) =>
    events
      .filter((r) => r.fiscal_year === fy && r.measure === measure && kinds.includes(r.kind))
      .reduce((a, r) => a + r.events, 0)
  return years.map((y) => ({
    fiscalYear: y.fy,
    measures: measures.map((m) => ({
      id: m.id,
      deliveries: total(y.fy, m.id, [DELIVERED]),
      people: people.find((r) => r.fiscal_year === y.fy && r.measure === m.id)?.people ?? 0,
      acknowledgments: total(y.fy, m.id, ACK_KINDS),
    })),
  }))
}
