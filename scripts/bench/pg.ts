import { execFileSync } from 'node:child_process'
import pg from 'pg'

/** The benchmarks' PostgreSQL: BENCH_DATABASE_URL, TEST_DATABASE_URL, or the one ensure-postgres starts. */
export const benchDatabaseUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  execFileSync('bash', ['scripts/ensure-postgres.sh'], { encoding: 'utf8' }).trim()

/**
 * The benchmarks work in a database of their own (`<database>_bench`, created when the role may),
 * so test suites running at the same time, which create and drop schemas in the test database,
 * cannot break a migration's catalog lookups in the middle of a run. Falls back to the given one.
 */
let benchDb: Promise<string> | null = null
function benchDatabase(): Promise<string> {
  benchDb ??= (async () => {
    const u = new URL(benchDatabaseUrl)
    const name = `${u.pathname.slice(1) || 'postgres'}_bench`
    const c = new pg.Client({ connectionString: benchDatabaseUrl })
    await c.connect()
    try {
      const found = await c.query('select 1 from pg_database where datname = $1', [name])
      if (found.rowCount === 0) await c.query(`create database "${name.replace(/"/g, '""')}"`)
      u.pathname = `/${name}`
      return u.toString()
    } catch {
      return benchDatabaseUrl
    } finally {
      await c.end()
    }
  })()
  return benchDb
}

/** A URL whose connections work in a fresh, empty schema of that name. */
export async function freshSchema(name: string): Promise<string> {
  const base = await benchDatabase()
  const c = new pg.Client({ connectionString: base })
  await c.connect()
  await c.query(`drop schema if exists ${name} cascade`)
  await c.query(`create schema ${name}`)
  await c.end()
  const u = new URL(base)
  u.searchParams.set('options', `-c search_path=${name}`)
  return u.toString()
}
