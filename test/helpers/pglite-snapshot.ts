import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect } from 'kysely'
import { migrateToLatest } from '../../src/db/migrate.js'
import type { Database } from '../../src/db/schema.js'
import { schemaHash } from './pg-template.js'

// PGlite's initdb and the migrations take seconds; loading a migrated data directory takes one.
// Made once and kept under node_modules/.cache (keyed like the PostgreSQL template, so no copy
// outlives a change to the migrations or to PGlite), every test process loads it.

const DIR = 'node_modules/.cache/itest'

/** The path of a migrated PGlite data directory (a tarball), built when missing. */
export async function ensurePgliteSnapshot(): Promise<string> {
  const file = join(DIR, `pglite-${schemaHash()}.tar`)
  if (existsSync(file)) return file
  const pglite = await PGlite.create()
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
  try {
    const migrated = await migrateToLatest(db)
    if (!migrated.ok) throw new Error(`migration ${migrated.failed} failed: ${migrated.error}`)
    const dump = await pglite.dumpDataDir('none')
    mkdirSync(DIR, { recursive: true })
    // Written aside and renamed, so a parallel run never loads half a file.
    const partial = `${file}.${process.pid}`
    writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()))
    renameSync(partial, file)
    return file
  } finally {
    await db.destroy()
  }
}
