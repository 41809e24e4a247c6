import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

/** What statistics need of each case received in a period: never content, stubs included. */
export function listCaseFacts(db: Kysely<Database>, orgId: string, from: string, to: string) {
  return db
    .selectFrom('complaint_cases')
    .select(['category', 'channel', 'status', 'outcome', 'received_on', 'acknowledged_on', 'closed_on'])
    .where('org_id', '=', orgId)
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .execute()
}
