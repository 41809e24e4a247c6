import { type Kysely, sql } from 'kysely'

// Wrong guesses at a complaint's code and secret, counted per client and per organization in
// short time buckets, so guessing slows the guesser and never locks a case. A row's key is an
// HMAC of the client (or organization) and the bucket: no address, no LINE id, no case, no
// time but the day, which is only there to delete yesterday's rows.
// UNLOGGED: nothing of it reaches the WAL, and after a crash the counts simply start afresh.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('complaint_follow_throttle')
    .modifyFront(sql`unlogged`)
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .execute()
  await sql`create index complaint_follow_throttle_day on complaint_follow_throttle (day)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('complaint_follow_throttle').execute()
}
