import { type Kysely, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { migrations } from '../../migrations/index.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { createPgDb } from '../../src/db/pg.js'
import type { Database } from '../../src/db/schema.js'
import { openTestDb, type TestDb } from '../helpers/db.js'
import { createTestDatabase, databaseUrl, dropTestDatabase, postgresUrl } from '../helpers/pg-server.js'

/**
 * What the migrations made: every object of the schema, Kysely's record, and each table's row
 * count (not the rows themselves: they carry the moment they were made).
 */
async function describeSchema(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ item: string }>`
    select 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
           || ' ' || coalesce(column_default, '') as item
      from information_schema.columns where table_schema = current_schema()
    union all select 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
      from pg_constraint where connamespace = current_schema()::regnamespace
    union all select 'index ' || indexdef from pg_indexes where schemaname = current_schema()
    union all select 'function ' || pg_get_functiondef(oid) from pg_proc
      where pronamespace = current_schema()::regnamespace
    union all select 'trigger ' || pg_get_triggerdef(t.oid) from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace
    union all select 'sequence ' || sequencename || ' ' || coalesce(last_value, 0) from pg_sequences
      where schemaname = current_schema()
    union all select 'migration ' || name from kysely_migration
    union all select 'lock ' || id || ' ' || is_locked from kysely_migration_lock
    union all select 'rows ' || table_name || ' ' || (xpath('/row/n/text()',
        query_to_xml(format('select count(*) as n from %I', table_name), false, true, '')))[1]::text
      from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'
    order by 1`.execute(db)
  return rows.map((r) => r.item)
}

describe('migrations on PostgreSQL', () => {
  const base = postgresUrl()
  let fresh: string | undefined
  let copy: TestDb | undefined
  afterAll(async () => {
    await copy?.close()
    if (fresh) await dropTestDatabase(base, fresh)
  })

  it('build an empty database, and the test template is exactly what they build', async () => {
    fresh = await createTestDatabase(base)
    const db = createPgDb(databaseUrl(base, fresh), { max: 2 })
    try {
      expect(await migrateToLatest(db)).toEqual({ ok: true, applied: Object.keys(migrations) })
      expect(await migrateToLatest(db)).toEqual({ ok: true, applied: [] })
      copy = await openTestDb('postgres', { isolation: 'database' })
      expect(await migrateToLatest(copy.db)).toEqual({ ok: true, applied: [] })
      const built = await describeSchema(db)
      expect(built.filter((i) => i.startsWith('trigger '))).toHaveLength(2)
      expect(await describeSchema(copy.db)).toEqual(built)
    } finally {
      await db.destroy()
    }
  })
})
