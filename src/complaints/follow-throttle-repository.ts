import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

// Counters of follow-up attempts (follow-throttle.ts). Each statement stands alone, outside any
// transaction: the row is locked only while it is counted, never while a secret is hashed.

type Db = Kysely<Database>

/** The counts of these keys now (a key never counted is absent). */
export async function attemptsOf(db: Db, keys: string[]): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('complaint_follow_throttle')
    .select(['key', 'attempts'])
    .where('key', 'in', keys)
    .execute()
  return new Map(rows.map((r) => [r.key, r.attempts]))
}

/** One more attempt under `key`; the count after it. Atomic: concurrent calls get distinct counts. */
export async function countAttempt(db: Db, key: string, day: string): Promise<number> {
  const row = await db
    .insertInto('complaint_follow_throttle')
    .values({ key, attempts: 1, day })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({ attempts: eb('complaint_follow_throttle.attempts', '+', 1) })),
    )
    .returning('attempts')
    .executeTakeFirstOrThrow()
  return row.attempts
}

/** Gives back an attempt that turned out right, or was refused before it was tried. */
export async function uncountAttempt(db: Db, key: string): Promise<void> {
  await db
    .updateTable('complaint_follow_throttle')
    .set((eb) => ({ attempts: eb('attempts', '-', 1) }))
    .where('key', '=', key)
    .where('attempts', '>', 0)
    .execute()
}

/** Buckets of days before `day` are over: their rows go. */
export async function deleteCountsBefore(db: Db, day: string): Promise<void> {
  await db.deleteFrom('complaint_follow_throttle').where('day', '<', day).execute()
}
