import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { dropRun, newRunId, withClient } from './pg-server.js'
import { ensureTemplate } from './pg-template.js'
import { ensurePgliteSnapshot } from './pglite-snapshot.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL database every test database is copied from (test/helpers/pg-template.ts). */
    pgTemplate: string
    /** A migrated PGlite data directory on disk (test/helpers/pglite-snapshot.ts). */
    pgliteSnapshot: string
    /** This run's name, carried by the databases its test processes make. */
    runId: string
  }
}

/**
 * The database tests run against PGlite and a real PostgreSQL server. Without one the suite
 * fails here, loudly, rather than silently testing half of what it claims. The migrations run
 * here, once a run for each kind; test processes copy or load what they made.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set. Run `npm test` (it starts PostgreSQL) or point it at a PostgreSQL server.',
    )
  }
  await checkServer(url)
  const runId = newRunId()
  const [template, snapshot] = await Promise.all([ensureTemplate(url), ensurePgliteSnapshot()])
  project.provide('pgTemplate', template)
  project.provide('pgliteSnapshot', snapshot)
  project.provide('runId', runId)
  return () => withClient(url, (c) => dropRun(c, runId))
}

async function checkServer(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  let mayCreateDatabases: boolean
  try {
    await client.connect()
    const role = await client.query<{ ok: boolean }>(
      'select rolcreatedb or rolsuper as ok from pg_roles where rolname = current_user',
    )
    mayCreateDatabases = role.rows[0]?.ok === true
  } catch (err) {
    throw new Error(`TEST_DATABASE_URL is not reachable: ${(err as Error).message}`)
  } finally {
    await client.end().catch(() => {})
  }
  // Each test process gets a database of its own, copied from a template (pg-template.ts).
  if (!mayCreateDatabases) {
    throw new Error(
      "TEST_DATABASE_URL's role may not CREATE DATABASE (scripts/ensure-postgres.sh makes one that may).",
    )
  }
}
