import { type Kysely, sql } from 'kysely'
import type { Database } from './schema.js'

/**
 * The database's wall clock in epoch ms, with its sub-millisecond part. clock_timestamp(), not
 * now(): now() is the start of the transaction, which may be long past.
 */
export async function databaseTime(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ ms: number | string }>`
    select (extract(epoch from clock_timestamp()) * 1000)::float8 as ms`.execute(db)
  const ms = Number(r.rows[0]?.ms)
  if (!Number.isFinite(ms)) throw new Error('databaseTime: no time in the answer')
  return ms
}
