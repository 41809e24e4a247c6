import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect } from 'kysely'
import type { Database } from '../db/schema.js'
import { typeParsers } from '../db/types.js'
import { acquireDirLock } from './lockfile.js'

export interface EmbeddedDb {
  db: Kysely<Database>
  close(): Promise<void>
}

/** Embedded PostgreSQL (PGlite) in `<dataDir>/pgdata`, or in memory when dataDir is null (tests). */
export async function openPglite(dataDir: string | null): Promise<EmbeddedDb> {
  const lock = dataDir ? acquireDirLock(dataDir) : null
  try {
    const pglite = await PGlite.create(dataDir ? join(dataDir, 'pgdata') : undefined, {
      parsers: typeParsers,
    })
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
    return {
      db,
      async close() {
        await db.destroy()
        lock?.release()
      },
    }
  } catch (err) {
    lock?.release()
    throw err
  }
}
