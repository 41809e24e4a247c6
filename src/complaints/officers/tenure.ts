import type { Kysely } from 'kysely'
import { findOfficerSince } from '../../admin/officer-grants-repository.js'
import type { Database } from '../../db/schema.js'

// A new complaint officer waits COMPLAINT_OFFICER_TENURE_DAYS before approving an identity
// reveal or opening a case someone was excluded from: an account made for the purpose (by an
// owner, or for an excluded officer) is announced to the other officers and cannot act at once.

const DAY_MS = 86_400_000

export type Tenure = { ok: true } | { ok: false; from: Date }

/** Standing comes `days` days after the grant, to the millisecond. */
export function tenure(since: Date | undefined, days: number, now: Date): Tenure {
  // Not an active officer at all: no grant to count from (the role gate keeps such accounts out).
  if (!since) return { ok: false, from: new Date(now.getTime() + days * DAY_MS) }
  const from = new Date(since.getTime() + days * DAY_MS)
  return now.getTime() >= from.getTime() ? { ok: true } : { ok: false, from }
}

export async function tenureOf(
  db: Kysely<Database>,
  orgId: string,
  adminId: string,
  days: number,
  now: Date,
): Promise<Tenure> {
  return tenure(await findOfficerSince(db, orgId, adminId), days, now)
}
