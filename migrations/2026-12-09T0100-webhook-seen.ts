import type { Kysely } from 'kysely'

// The 1:1 events handled today, so a redelivery of one (LINE never got our 200: a crash after
// the commit, a timeout) is recognised after its inbox row is gone. Only a keyed hash of LINE's
// event id and the local day: no chat, no time, no outcome. Rows of earlier days are deleted
// by the inbox's purge each minute, and the table is rewritten with the other intake tables
// after the complaints' daily entry (src/complaints/entry.ts), so it never says more than the
// day's own intake already does.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhook_seen')
    .addColumn('event_key', 'text', (c) => c.primaryKey())
    .addColumn('day', 'date', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_seen').execute()
}
