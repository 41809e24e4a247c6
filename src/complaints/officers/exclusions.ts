import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { CaseRow } from './cases.js'
import { insertExclusion, listExclusions, listHandlers } from './exclusions-repository.js'

// Conflict of interest: an officer keeps another officer, or themselves, out of
// a case. Final by design, and never the last handler left: somebody must be able to act.

type Db = Kysely<Database>

export type Excluded =
  | { ok: true; email: string }
  | { ok: false; reason: 'not_handler' | 'already_excluded' | 'last_handler' }

export async function excludeOfficer(
  db: Db,
  row: CaseRow,
  adminId: string,
  by: { id: string; now: Date },
): Promise<Excluded> {
  const handlers = await listHandlers(db, row.org_id)
  const target = handlers.find((h) => h.id === adminId)
  if (!target) return { ok: false, reason: 'not_handler' }
  const excluded = new Set((await listExclusions(db, row.id)).map((x) => x.admin_id))
  if (excluded.has(adminId)) return { ok: false, reason: 'already_excluded' }
  const remaining = handlers.filter((h) => !excluded.has(h.id) && h.id !== adminId)
  if (remaining.length === 0) return { ok: false, reason: 'last_handler' }
  const added = await insertExclusion(db, {
    case_id: row.id,
    admin_id: adminId,
    excluded_by: by.id,
    at: by.now,
  })
  return added ? { ok: true, email: target.email } : { ok: false, reason: 'already_excluded' }
}
