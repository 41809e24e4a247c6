import type { Kysely } from 'kysely'
import { Migrator } from 'kysely/migration'
import { migrations } from '../../migrations/index.js'
import type { Database } from './schema.js'

export type MigrateResult = { ok: true; applied: string[] } | { ok: false; failed: string; error: string }

/** Applies pending migrations. Kysely's Migrator holds an advisory lock, so parallel starts are safe. */
/** `schema` names the schema of Kysely's own bookkeeping tables when not `public` (tests isolate by schema). */
export async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<MigrateResult> {
  const migrator = new Migrator({
    db,
    ...(schema ? { migrationTableSchema: schema } : {}),
    provider: { getMigrations: async () => migrations },
  })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? '(unknown)'
    return { ok: false, failed, error: error instanceof Error ? error.message : String(error) }
  }
  return { ok: true, applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}
