import { type Kysely, sql } from 'kysely'

// The officers' side of complaints (issue 5): at most one pending identity-reveal request per
// case (two officers asking at once cannot both be pending), the status history of a case in
// order, and the closed cases that retention will turn into stubs.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unique index complaint_reveal_pending on complaint_reveal_requests (case_id) where status = 'pending'`.execute(
    db,
  )
  await sql`create index complaint_status_log_case on complaint_status_log (case_id, id)`.execute(db)
  await sql`create index complaint_cases_expiry on complaint_cases (expires_on) where stub = false and status = 'closed'`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index complaint_cases_expiry`.execute(db)
  await sql`drop index complaint_status_log_case`.execute(db)
  await sql`drop index complaint_reveal_pending`.execute(db)
}
