import { readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect, type PostgresDialect } from 'kysely'
import { inject } from 'vitest'
import { createPgDb, createPgDialect } from '../../src/db/pg.js'
import type { Database } from '../../src/db/schema.js'
import { pgliteCodecs } from '../../src/runtime/pglite.js'
import { databaseUrl, dropTestDatabase, postgresUrl } from './pg-server.js'
import { copyTemplate as copyOf } from './pg-template.js'
import { type Lease, SharedConnection } from './rollback.js'

export const DB_KINDS = ['pglite', 'postgres'] as const
export type DbKind = (typeof DB_KINDS)[number]

/**
 * How a test is kept apart from the others:
 * - `rollback` (the default): one transaction on a connection this test process keeps open,
 *   rolled back on close (test/helpers/rollback.ts says what that cannot give);
 * - `connections`: other connections see what it commits, for tests of two instances (locks,
 *   SKIP LOCKED, leases, CLIs): on PostgreSQL a database of its own with its `url`; PGlite has
 *   one connection, so there it is rolled back like the rest;
 * - `database`: a database of its own on both, for what a transaction hides (sequences that
 *   start afresh, system columns of committed rows, VACUUM).
 */
export type Isolation = 'rollback' | 'connections' | 'database'

export interface TestDb {
  kind: DbKind
  isolation: Isolation
  db: Kysely<Database>
  /** PostgreSQL with a database of its own: a URL to it, for a second connection pool. */
  url?: string
  /** PGlite with a database of its own: the instance, e.g. to read its data directory's bytes. */
  pglite?: PGlite
  close(): Promise<void>
}

export interface OpenOptions {
  isolation?: Isolation
}

/** A fresh, migrated database (in effect): see `Isolation` for how. */
export async function openTestDb(kind: DbKind, opts: OpenOptions = {}): Promise<TestDb> {
  const isolation = opts.isolation ?? 'rollback'
  if (kind === 'postgres' && isolation !== 'rollback') return ownPostgres(isolation)
  if (kind === 'pglite' && isolation === 'database') return ownPglite()
  return leaseShared(kind)
}

interface Shared {
  connection: SharedConnection
  dialect: Pick<PostgresDialect, 'createAdapter' | 'createIntrospector' | 'createQueryCompiler'>
}

function leased(kind: DbKind, shared: Shared, lease: Lease): TestDb {
  const db = lease.db(shared.dialect)
  // Kysely destroys only a driver it has used, so the lease is ended here too.
  const close = async () => {
    await db.destroy()
    await lease.end()
  }
  const testDb: TestDb = { kind, isolation: 'rollback', db, close }
  // Nothing another connection could reach: a test that wants one says so, instead of quietly
  // testing two "instances" on one connection.
  if (kind === 'postgres') {
    Object.defineProperty(testDb, 'url', {
      get() {
        throw new Error(
          "a second connection sees nothing of a rolled-back test: open it with { isolation: 'connections' }",
        )
      },
    })
  }
  return testDb
}

// The connections this test process runs rolled-back tests on, each to a database of its own:
// opened on first use and kept. A test holding two databases at once (two agencies' servers,
// say) leases two; most tests lease one.
const pools = new Map<DbKind, Promise<Shared>[]>()
const MAX_OPEN = 4

async function leaseShared(kind: DbKind): Promise<TestDb> {
  const pool = pools.get(kind) ?? []
  pools.set(kind, pool)
  for (;;) {
    for (const opening of pool) {
      const shared = await opening
      // busy and lease() are read and taken with no await between them: no other test slips in.
      if (!shared.connection.busy) return leased(kind, shared, await shared.connection.lease())
    }
    // A test that forgets close() keeps its connection; more of them would hide the leak.
    if (pool.length >= MAX_OPEN) {
      throw new Error(`${MAX_OPEN} ${kind} test databases are open at once: does a test forget close()?`)
    }
    const opening = openShared(kind)
    opening.catch(() => pool.splice(pool.indexOf(opening), 1))
    pool.push(opening)
    await opening
  }
}

async function openShared(kind: DbKind): Promise<Shared> {
  const dialect =
    kind === 'pglite'
      ? new PGliteDialect({ pglite: await loadPglite() })
      : createPgDialect(databaseUrl(postgresUrl(), await copyTemplate()), { max: 1 })
  const driver = dialect.createDriver()
  await driver.init()
  // Held for the life of the process; the run's teardown drops the database under it.
  return { connection: new SharedConnection(await driver.acquireConnection()), dialect }
}

/** PGlite from the data directory that globalSetup migrated once for the whole run. */
function loadPglite(): Promise<PGlite> {
  const snapshot = inject('pgliteSnapshot')
  // The codecs local mode runs with (src/runtime/pglite.ts), so the tests store what it stores.
  return PGlite.create({ ...pgliteCodecs, loadDataDir: new Blob([readFileSync(snapshot)]) })
}

/** A copy of the template that globalSetup migrated once for the whole run. */
function copyTemplate(): Promise<string> {
  return copyOf(postgresUrl(), inject('pgTemplate'), inject('runId'))
}

async function ownPglite(): Promise<TestDb> {
  const pglite = await loadPglite()
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
  return { kind: 'pglite', isolation: 'database', db, pglite, close: () => db.destroy() }
}

async function ownPostgres(isolation: Isolation): Promise<TestDb> {
  const base = postgresUrl()
  const name = await copyTemplate()
  const url = databaseUrl(base, name)
  const db = createPgDb(url, { max: 5 })
  return {
    kind: 'postgres',
    isolation,
    db,
    url,
    async close() {
      await db.destroy()
      await dropTestDatabase(base, name)
    },
  }
}
