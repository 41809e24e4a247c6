import pg from 'pg'

/**
 * Every repository test runs against PGlite and a real PostgreSQL server. Without one the
 * suite fails here, loudly, rather than silently testing half of what it claims.
 */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set. Run `npm test` (it starts PostgreSQL) or point it at a PostgreSQL server.',
    )
  }
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
    await client.query('select 1')
  } catch (err) {
    throw new Error(`TEST_DATABASE_URL is not reachable: ${(err as Error).message}`)
  } finally {
    await client.end().catch(() => {})
  }
}
