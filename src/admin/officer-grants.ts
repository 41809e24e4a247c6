import type { Kysely } from 'kysely'
import { audit } from '../audit/service.js'
import type { Session } from '../console/session.js'
import type { Database } from '../db/schema.js'
import { insertGrant, listGrantsSince } from './officer-grants-repository.js'

// Granting the complaint-officer role: the account's officer_since is the grant's time (the
// caller writes it with the role), and the grant itself is recorded and audited here, for the
// banner every officer sees and the LINE announcement to them (complaints/officers/announce.ts).

type Db = Kysely<Database>

/** How long a grant stays on the officers' banner and may still be announced in LINE. */
export const GRANT_NOTICE_DAYS = 30
const DAY_MS = 86_400_000

export interface Grant {
  id: string
  email: string
  grantedBy: string
  grantedAt: Date
}

/** Inside the transaction that gives the role, so a grant is never silent. */
export async function recordOfficerGrant(
  db: Db,
  now: Date,
  g: { orgId: string; accountId: string; email: string },
  actor: Session | null,
): Promise<string> {
  const id = crypto.randomUUID()
  const by = actor?.admin.email ?? 'cli'
  await insertGrant(db, {
    id,
    org_id: g.orgId,
    account_id: g.accountId,
    email: g.email,
    granted_by: by,
    granted_at: now,
  })
  await audit(db, now, {
    orgId: g.orgId,
    actorId: actor?.admin.id ?? null,
    actorEmail: by,
    action: 'account.officer_granted',
    target: g.email,
    detail: id,
  })
  return id
}

export const noticeSince = (now: Date) => new Date(now.getTime() - GRANT_NOTICE_DAYS * DAY_MS)

/** Grants of the last GRANT_NOTICE_DAYS days, newest first. */
export async function recentGrants(db: Db, orgId: string, now: Date): Promise<Grant[]> {
  return (await listGrantsSince(db, orgId, noticeSince(now))).map((r) => ({
    id: r.id,
    email: r.email,
    grantedBy: r.granted_by,
    grantedAt: r.granted_at,
  }))
}
