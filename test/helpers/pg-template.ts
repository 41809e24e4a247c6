import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import type pg from 'pg'
import { migrateToLatest } from '../../src/db/migrate.js'
import { createPgDb } from '../../src/db/pg.js'
import { createTestDatabase, databaseUrl, dropAbandoned, dropQuietly, withClient } from './pg-server.js'

// Every PostgreSQL database the tests use (one per test process, and one per test that asks
// for its own) is a copy of a template that the real migrations built: a copy costs tens of
// milliseconds, migrating a fresh schema most of a second.
// The copy is exact (tables, functions, triggers, rows, Kysely's bookkeeping), so a test's
// `migrateToLatest` on it is a no-op. PostgreSQL 15 copies with WAL_LOG by default; FILE_COPY
// measured slower, and its checkpoints stall every parallel test.

const PREFIX = 'tpl_itest_'
// One lock for every template build (advisory locks are per database: all take it in the base
// database), so parallel forks and runs build a template once and never copy one half-built.
const BUILD_LOCK = 7_304_118_221
/** Templates of other migrations kept (about 10 MB each), newest first. */
const KEEP_OTHERS = 3

/**
 * Keyed by what makes the template: the migrations' source, the code that runs them, and the
 * locked dependencies (Kysely's bookkeeping tables are Kysely's). No template outlives a change.
 */
export function schemaHash(): string {
  const root = new URL('../../', import.meta.url)
  const files = readdirSync(new URL('migrations/', root), { withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => `migrations/${f.name}`)
  const hash = createHash('sha256')
  for (const file of [...files.sort(), 'src/db/migrate.ts', 'package-lock.json']) {
    hash.update(`${file}\0`).update(readFileSync(new URL(file, root)))
  }
  return hash.digest('hex').slice(0, 16)
}

const templateName = () => `${PREFIX}${schemaHash()}`

async function buildTemplate(c: pg.Client, base: string, name: string): Promise<void> {
  await c.query('select pg_advisory_lock($1)', [BUILD_LOCK])
  try {
    if ((await c.query('select 1 from pg_database where datname = $1', [name])).rowCount) return
    // Under the lock no build is under way: any other template is of other migrations (or an
    // interrupted build). The newest few stay: checkouts of different migrations (engineers in
    // parallel, a clone of an older commit) run side by side on one server, and dropping each
    // other's templates only makes them rebuild in turn. Older ones would pile up.
    const { rows } = await c.query<{ datname: string }>(
      `select datname from pg_database where starts_with(datname, $1) and datname <> $2
       order by oid desc offset $3`,
      [PREFIX, name, KEEP_OTHERS],
    )
    await dropQuietly(
      c,
      rows.map((r) => r.datname),
    )
    const wip = `${name}_wip`
    await c.query(`create database "${wip}"`)
    const db = createPgDb(databaseUrl(base, wip), { max: 1 })
    const migrated = await migrateToLatest(db).finally(() => db.destroy())
    if (!migrated.ok) throw new Error(`migration ${migrated.failed} failed: ${migrated.error}`)
    // A copy fails while anyone is connected to the template; the rename publishes it whole.
    await c.query(`alter database "${wip}" allow_connections false`)
    await c.query(`alter database "${wip}" rename to "${name}"`)
  } finally {
    await c.query('select pg_advisory_unlock($1)', [BUILD_LOCK])
  }
}

let template: Promise<string> | null = null

/** The template of this checkout's migrations, looked for (and built if missing) once a process. */
export function ensureTemplate(base: string, opts: { again?: boolean } = {}): Promise<string> {
  if (opts.again) template = null
  template ??= withClient(base, async (c) => {
    const name = templateName()
    await buildTemplate(c, base, name)
    await dropAbandoned(c)
    return name
  }).catch((err: unknown) => {
    template = null
    throw err
  })
  return template
}

/** A new database holding exactly what the migrations make, copied from `name`. */
export async function copyTemplate(base: string, name: string, run: string): Promise<string> {
  try {
    return await createTestDatabase(base, name, run)
  } catch (err) {
    // Runs of other migrations dropped ours as old (3D000: no such database): build it again,
    // even if this process built it once already.
    if (!(err instanceof Error && 'code' in err && err.code === '3D000')) throw err
    return await createTestDatabase(base, await ensureTemplate(base, { again: true }), run)
  }
}
