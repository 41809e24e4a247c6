import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'

type Db = Kysely<Database>

/** The keys among `keys` of events already handled (and gone from the inbox). */
export async function seenAmong(db: Db, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set()
  const rows = await db
    .selectFrom('webhook_seen')
    .select('event_key')
    .where('event_key', 'in', keys)
    .execute()
  return new Set(rows.map((r) => r.event_key))
}

/** Forgets the days before `today`: a redelivery comes within minutes, not days. */
export async function forgetSeenBefore(db: Db, today: string): Promise<number> {
  const result = await db
    .deleteFrom('webhook_seen')
    .where('day', '<', sql<string>`${today}::date`)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
