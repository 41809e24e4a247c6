import { execFileSync } from 'node:child_process'
import pg from 'pg'

/** The benchmarks' PostgreSQL: BENCH_DATABASE_URL, TEST_DATABASE_URL, or the one ensure-postgres starts. */
export const benchDatabaseUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  execFileSync('bash', ['scripts/ensure-postgres.sh'], { encoding: 'utf8' }).trim()

/** A URL whose connections work in a fresh, empty schema of that name. */
export async function freshSchema(name: string): Promise<string> {
  const c = new pg.Client({ connectionString: benchDatabaseUrl })
  await c.connect()
  await c.query(`drop schema if exists ${name} cascade`)
  await c.query(`create schema ${name}`)
  await c.end()
  const u = new URL(benchDatabaseUrl)
  u.searchParams.set('options', `-c search_path=${name}`)
  return u.toString()
}
