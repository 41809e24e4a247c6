import { randomBytes } from 'node:crypto'
import pg from 'pg'

// Test databases on the PostgreSQL server of TEST_DATABASE_URL, each named with its birth so
// that those of killed runs can be told apart and dropped.

const PREFIX = 'itest_'
// A test lasts seconds. A database still in use after an hour keeps a connection open, and
// DROP DATABASE without FORCE then refuses, so only abandoned ones go.
const ABANDONED_AFTER_MS = 60 * 60 * 1000

export function postgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL
  if (!url) throw new Error('TEST_DATABASE_URL is not set')
  return url
}

export function databaseUrl(base: string, name: string): string {
  const url = new URL(base)
  url.pathname = `/${name}`
  return url.toString()
}

export async function withClient<T>(base: string, use: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: base })
  await client.connect()
  try {
    return await use(client)
  } finally {
    await client.end()
  }
}

/** Drops what it can; a database in use (or already gone) is someone else's business. */
export async function dropQuietly(c: pg.Client, names: string[]): Promise<void> {
  for (const name of names) await c.query(`drop database if exists "${name}"`).catch(() => {})
}

/**
 * A new database: empty, or a copy of `template` (which nobody may be connected to). Named with
 * the run that made it, so that the run's teardown finds what its test processes left open.
 */
export async function createTestDatabase(base: string, template?: string, run = 'x'): Promise<string> {
  const name = `${PREFIX}${Date.now().toString(36)}_${run}_${randomBytes(6).toString('hex')}`
  const from = template === undefined ? '' : ` template "${template}"`
  await withClient(base, (c) => c.query(`create database "${name}"${from}`))
  return name
}

/** Drops a database even while this role's connections are in it. */
async function forceDrop(c: pg.Client, name: string): Promise<void> {
  // A pool a test forgot to close must not keep its database alive. Not DROP … WITH (FORCE):
  // it refuses outright when an autovacuum worker is in the database, which plain DROP waits out.
  await c.query(
    `select pg_terminate_backend(pid) from pg_stat_activity
     where datname = $1 and usename = current_user and pid <> pg_backend_pid()`,
    [name],
  )
  await c.query(`drop database if exists "${name}"`)
}

export async function dropTestDatabase(base: string, name: string): Promise<void> {
  await withClient(base, (c) => forceDrop(c, name))
}

/** A name for one test run, which its databases carry. */
export function newRunId(): string {
  return randomBytes(4).toString('hex')
}

/** Every database of one run, in use or not: its test processes are gone when this runs. */
export async function dropRun(c: pg.Client, run: string): Promise<void> {
  const { rows } = await c.query<{ datname: string }>(
    `select datname from pg_database where starts_with(datname, $1) and split_part(datname, '_', 3) = $2`,
    [PREFIX, run],
  )
  // Quietly, as dropQuietly: one that will not go is left to dropAbandoned.
  for (const { datname } of rows) await forceDrop(c, datname).catch(() => {})
}

/** Test databases that killed runs left behind; they would otherwise pile up without bound. */
export async function dropAbandoned(c: pg.Client): Promise<void> {
  const { rows } = await c.query<{ datname: string }>(
    'select datname from pg_database where starts_with(datname, $1)',
    [PREFIX],
  )
  const born = (name: string) => Number.parseInt(name.slice(PREFIX.length).split('_')[0] ?? '', 36)
  const old = rows.map((r) => r.datname).filter((n) => Date.now() - born(n) > ABANDONED_AFTER_MS)
  await dropQuietly(c, old)
}
