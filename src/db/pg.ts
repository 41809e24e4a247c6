import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.js'
import { typeParsers } from './types.js'

/** A Postgres connection whose parsers match PGlite's (see types.ts). */
export function createPgDb(connectionString: string, opts: { max?: number } = {}): Kysely<Database> {
  return new Kysely<Database>({ dialect: createPgDialect(connectionString, opts) })
}

/** The dialect of `createPgDb`, for a caller that drives its connections itself. */
export function createPgDialect(connectionString: string, opts: { max?: number } = {}): PostgresDialect {
  const pool = new pg.Pool({
    connectionString,
    max: opts.max ?? 10,
    connectionTimeoutMillis: 5_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        const custom = typeParsers[oid]
        if (custom && format !== 'binary') return custom
        return pg.types.getTypeParser(oid, format)
      }) as typeof pg.types.getTypeParser,
    },
  })
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {})
  // Nor one that is checked out but between queries (a transaction awaiting crypto or LINE)
  // when the server goes away: pg emits that on the client, which crashes the process without a
  // listener. The transaction's next query fails instead, and the caller handles that.
  pool.on('connect', (client) => {
    client.on('error', () => {})
  })
  return new PostgresDialect({ pool })
}
