import type { Kysely } from 'kysely'

// Where an engagement event happened: HMAC of the group or room (the same keyring purpose as
// chat_key), null in a 1:1 chat. A pledge pressed in a group then counts for that group's unit
// in the evidence reports, while chat_key stays the person who pressed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('engagement_events').addColumn('place_key', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('engagement_events').dropColumn('place_key').execute()
}
