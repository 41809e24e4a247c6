import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
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
/** Data directories of other migrations kept, the most recently used first (40 MB each). */
const KEEP_OTHERS = 3

let building: Promise<string> | null = null

/** The path of a migrated PGlite data directory (a tarball), built when missing. */
export function ensurePgliteSnapshot(): Promise<string> {
  // Every project's globalSetup asks, in one process: build once.
  building ??= build().catch((err: unknown) => {
    building = null
    throw err
  })
  return building
}

async function build(): Promise<string> {
  const file = join(DIR, `pglite-${schemaHash()}.tar`)
  if (existsSync(file)) {
    // Its time of use, which decides what the clean-up below keeps.
    const now = new Date()
    utimesSync(file, now, now)
    return file
  }
  const pglite = await PGlite.create()
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
  try {
    const migrated = await migrateToLatest(db)
    if (!migrated.ok) throw new Error(`migration ${migrated.failed} failed: ${migrated.error}`)
    const dump = await pglite.dumpDataDir('none')
    mkdirSync(DIR, { recursive: true })
    // Written aside and renamed, so a parallel run never loads half a file.
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`
    writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()))
    renameSync(partial, file)
    // Those of other migrations would pile up, but the few used last stay: checkouts of other
    // migrations (engineers in parallel, a clone of an older commit) may be loading them now.
    const others = readdirSync(DIR)
      .filter((f) => f.startsWith('pglite-') && f.endsWith('.tar') && join(DIR, f) !== file)
      .map((f) => ({
        path: join(DIR, f),
        used: statSync(join(DIR, f), { throwIfNoEntry: false })?.mtimeMs ?? 0,
      }))
      .sort((a, b) => b.used - a.used)
    for (const old of others.slice(KEEP_OTHERS)) rmSync(old.path, { force: true })
    return file
  } finally {
    await db.destroy()
  }
}
