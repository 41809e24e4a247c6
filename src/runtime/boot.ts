import type { Kysely } from 'kysely'
import type { Config } from '../config.js'
import type { Logger } from '../core/logger.js'
import { migrateToLatest } from '../db/migrate.js'
import { createPgDb } from '../db/pg.js'
import type { Database } from '../db/schema.js'
import { openPglite } from './pglite.js'

export interface OpenedDb {
  db: Kysely<Database>
  kind: 'postgres' | 'pglite'
  close(): Promise<void>
}

/** PostgreSQL when DATABASE_URL is set, else embedded PGlite in DATA_DIR; migrated either way. */
export async function openDatabase(config: Config, log: Logger): Promise<OpenedDb> {
  const url = config.env.DATABASE_URL
  const opened: OpenedDb = url
    ? (() => {
        const db = createPgDb(url)
        return { db, kind: 'postgres' as const, close: () => db.destroy() }
      })()
    : { ...(await openPglite(config.env.DATA_DIR)), kind: 'pglite' as const }
  const migrated = await migrateToLatest(opened.db)
  if (!migrated.ok) {
    await opened.close()
    throw new Error(`migration ${migrated.failed} failed: ${migrated.error}`)
  }
  if (migrated.applied.length > 0) log.info('db.migrated', { applied: migrated.applied.join(',') })
  return opened
}
