import { type Kysely, sql } from 'kysely'

// Budget summaries (issue 4): every upload is kept as a version of its fiscal year (who, when,
// which file, its checksum) with its rows; the highest version of a year is the current one.
// Amounts are numeric(16,2) baht: exact, and both drivers return them as strings.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('budget_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.slug'))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull().check(sql`fiscal_year between 2540 and 2700`))
    .addColumn('version_no', 'integer', (c) => c.notNull().check(sql`version_no >= 1`))
    .addColumn('file_name', 'text', (c) => c.notNull().check(sql`length(file_name) between 1 and 255`))
    .addColumn('file_type', 'text', (c) => c.notNull().check(sql`file_type in ('csv', 'xlsx')`))
    .addColumn('checksum', 'text', (c) => c.notNull().check(sql`checksum ~ '^[0-9a-f]{64}$'`))
    .addColumn('row_count', 'integer', (c) => c.notNull().check(sql`row_count >= 1`))
    .addColumn('as_of', 'date', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_email', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    // Two uploads racing for the same number: one of them fails and is retried by its uploader.
    .addUniqueConstraint('budget_versions_number', ['org_id', 'fiscal_year', 'version_no'])
    .execute()

  await db.schema
    .createTable('budget_rows')
    .addColumn('version_id', 'text', (c) => c.notNull().references('budget_versions.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull().check(sql`period ~ '^(Q[1-4]|M(0[1-9]|1[0-2]))$'`))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('allocation', sql`numeric(16, 2)`, (c) => c.notNull().check(sql`allocation >= 0`))
    .addColumn('commitment', sql`numeric(16, 2)`, (c) => c.notNull().check(sql`commitment >= 0`))
    .addColumn('disbursement', sql`numeric(16, 2)`, (c) => c.notNull().check(sql`disbursement >= 0`))
    .addColumn('target', sql`numeric(16, 2)`, (c) => c.notNull().check(sql`target >= 0`))
    .addColumn('target_pct', sql`numeric(5, 2)`)
    .addPrimaryKeyConstraint('budget_rows_pk', ['version_id', 'line'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('budget_rows').execute()
  await db.schema.dropTable('budget_versions').execute()
}
