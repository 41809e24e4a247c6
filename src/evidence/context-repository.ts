import type { Kysely } from 'kysely'
import { countFollowers } from '../contacts/repository.js'
import type { Database } from '../db/schema.js'

type Db = Kysely<Database>

// What the report needs beside the log: the groups (members, unit labels), the broadcast runs
// of the year with their delivery counts, the organization's name. Contact-class ids (group
// ids) stay in the service, which turns them into the log's keys and drops them.

export async function listGroups(db: Db, orgId: string) {
  return db
    .selectFrom('line_groups')
    .select(['chat_id', 'member_count'])
    .where('org_id', '=', orgId)
    .execute()
}

export async function listGroupLabels(db: Db, orgId: string) {
  return db.selectFrom('group_labels').select(['chat_id', 'label']).where('org_id', '=', orgId).execute()
}

/** Runs that started in [start, end), with their broadcast's title and audience name. */
export async function listRuns(db: Db, orgId: string, start: Date, end: Date) {
  return db
    .selectFrom('broadcast_runs as r')
    .innerJoin('broadcasts as b', 'b.id', 'r.broadcast_id')
    .leftJoin('audiences as a', (j) => j.onRef('a.id', '=', 'r.audience').onRef('a.org_id', '=', 'r.org_id'))
    .select([
      'r.id',
      'r.broadcast_id',
      'r.measure',
      'r.audience',
      'r.started_at',
      'r.scheduled_for',
      'b.title',
      'a.name as audience_name',
    ])
    .where('r.org_id', '=', orgId)
    .where('r.started_at', '>=', start)
    .where('r.started_at', '<', end)
    .orderBy('r.started_at')
    .execute()
}

/** Deliveries of the given runs by status (the current state: a retried failure counts as sent). */
export async function deliveryCounts(db: Db, orgId: string, runIds: readonly string[]) {
  if (runIds.length === 0) return []
  return db
    .selectFrom('broadcast_deliveries')
    .select((eb) => ['run_id', 'status', eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('run_id', 'in', runIds)
    .groupBy(['run_id', 'status'])
    .execute()
}

export async function orgName(db: Db, orgId: string) {
  return db.selectFrom('orgs').select(['name_th', 'name_en']).where('slug', '=', orgId).executeTakeFirst()
}

export { countFollowers }
