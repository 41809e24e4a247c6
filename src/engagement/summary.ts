import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

export interface KindCount {
  measure: string | null
  kind: string
  events: number
  /** Distinct people or chats (pseudonymous keys); events without a key are not counted. */
  people: number
}

/** Counts of each kind of event per measure in a period: the first view of the evidence. */
export async function countByMeasure(
  db: Kysely<Database>,
  orgId: string,
  from: Date,
  to: Date,
): Promise<KindCount[]> {
  const rows = await db
    .selectFrom('engagement_events')
    .select((eb) => [
      'measure',
      'kind',
      eb.fn.countAll<string>().as('events'),
      eb.fn.count<string>('chat_key').distinct().as('people'),
    ])
    .where('org_id', '=', orgId)
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<', to)
    .groupBy(['measure', 'kind'])
    .orderBy('measure')
    .orderBy('kind')
    .execute()
  return rows.map((r) => ({
    measure: r.measure,
    kind: r.kind,
    events: Number(r.events),
    people: Number(r.people),
  }))
}
