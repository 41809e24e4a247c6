import { type Kysely, sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import { migrations } from '../../migrations/index.js'
import type { Database } from './schema.js'

export type MigrateResult = { ok: true; applied: string[] } | { ok: false; failed: string; error: string }

/**
 * Applies pending migrations. Kysely's Migrator holds an advisory lock, so parallel starts are safe.
 * Kysely's bookkeeping tables live in the connection's current schema. Named explicitly because
 * the Migrator otherwise finds its tables in *any* schema of the server (another install's, or a
 * test's) and then fails to lock.
 */
export async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<MigrateResult> {
  const current = await sql<{ s: string }>`select current_schema() as s`.execute(db)
  const migrator = new Migrator({
    db,
    migrationTableSchema: schema ?? current.rows[0]?.s ?? 'public',
    provider: { getMigrations: async () => migrations },
  })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? '(unknown)'
    return { ok: false, failed, error: error instanceof Error ? error.message : String(error) }
  }
  return { ok: true, applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}
