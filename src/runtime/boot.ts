import type { Kysely } from 'kysely'
import type { Config } from '../config.js'
import type { Logger } from '../core/logger.js'
import { migrateToLatest } from '../db/migrate.js'
import type { Database } from '../db/schema.js'

export interface OpenedDb {
  db: Kysely<Database>
  kind: 'postgres' | 'pglite'
  close(): Promise<void>
}

/** Imported only when used, like PGlite below: local mode never needs the pg driver. */
async function openPostgres(url: string): Promise<OpenedDb> {
  const { createPgDb } = await import('../db/pg.js')
  const db = createPgDb(url)
  return { db, kind: 'postgres', close: () => db.destroy() }
}

/** Imported only when used: PGlite's module alone costs ~40 MB that a PostgreSQL server never needs. */
async function openEmbedded(dataDir: string): Promise<OpenedDb> {
  const { openPglite } = await import('./pglite.js')
  return { ...(await openPglite(dataDir)), kind: 'pglite' }
}

/** PostgreSQL when DATABASE_URL is set, else embedded PGlite in DATA_DIR; migrated either way. */
export async function openDatabase(config: Config, log: Logger): Promise<OpenedDb> {
  const url = config.env.DATABASE_URL
  const opened = url ? await openPostgres(url) : await openEmbedded(config.env.DATA_DIR)
  const migrated = await migrateToLatest(opened.db)
  if (!migrated.ok) {
    await opened.close()
    throw new Error(`migration ${migrated.failed} failed: ${migrated.error}`)
  }
  if (migrated.applied.length > 0) log.info('db.migrated', { applied: migrated.applied.join(',') })
  return opened
}
