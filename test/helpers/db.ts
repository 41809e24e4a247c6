import { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect } from 'kysely'
import pg from 'pg'
import { migrateToLatest } from '../../src/db/migrate.js'
import { createPgDb } from '../../src/db/pg.js'
import type { Database } from '../../src/db/schema.js'
import { typeParsers } from '../../src/db/types.js'

export const DB_KINDS = ['pglite', 'postgres'] as const
export type DbKind = (typeof DB_KINDS)[number]

export interface TestDb {
  kind: DbKind
  db: Kysely<Database>
  /** PostgreSQL only: a URL to the same schema, for a second connection pool (a second instance). */
  url?: string
  close(): Promise<void>
}

let snapshot: Promise<Blob> | null = null

/** A migrated PGlite data directory, made once per test process: initdb costs seconds. */
function pgliteSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const pglite = await PGlite.create({ parsers: typeParsers })
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
    const migrated = await migrateToLatest(db)
    if (!migrated.ok) throw new Error(`migration failed: ${migrated.error}`)
    const dump = await pglite.dumpDataDir('none')
    await db.destroy()
    return dump
  })()
  return snapshot
}

function postgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL
  if (!url) throw new Error('TEST_DATABASE_URL is not set')
  return url
}

/** A fresh, migrated database: PGlite in memory, or a schema of its own on the PostgreSQL server. */
export async function openTestDb(kind: DbKind): Promise<TestDb> {
  if (kind === 'pglite') {
    const pglite = await PGlite.create({ parsers: typeParsers, loadDataDir: await pgliteSnapshot() })
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
    return { kind, db, close: () => db.destroy() }
  }
  const schema = `t_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`
  const admin = new pg.Client({ connectionString: postgresUrl() })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const url = new URL(postgresUrl())
  url.searchParams.set('options', `-c search_path=${schema}`)
  const db = createPgDb(url.toString(), { max: 5 })
  // Kysely's migrator lists the tables of every schema on the server before it takes its lock;
  // a parallel test dropping its own schema at that moment makes the listing fail. Retry.
  let migrated = await migrateToLatest(db)
  for (let i = 0; i < 5 && !migrated.ok && /does not exist/.test(String(migrated.error)); i++) {
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 200))
    migrated = await migrateToLatest(db)
  }
  if (!migrated.ok) throw new Error(`migration failed: ${migrated.error}`)
  return {
    kind,
    db,
    url: url.toString(),
    async close() {
      await db.destroy()
      const c = new pg.Client({ connectionString: postgresUrl() })
      await c.connect()
      await c.query(`drop schema ${schema} cascade`)
      await c.end()
    },
  }
}
