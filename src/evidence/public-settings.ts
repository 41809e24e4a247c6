import type { Kysely } from 'kysely'
import { audit } from '../audit/service.js'
import type { Session } from '../console/session.js'
import type { Database } from '../db/schema.js'

// The opt-in for the public evidence page. Off by default: an organization's figures are
// published only after one of its owners turns the page on.

export async function isPublic(db: Kysely<Database>, orgId: string): Promise<boolean> {
  const row = await db
    .selectFrom('evidence_public')
    .select('enabled')
    .where('org_id', '=', orgId)
    .executeTakeFirst()
  return row?.enabled === true
}

/** Sets the switch for the session's organization and audits the change, in one transaction. */
export async function setPublic(
  db: Kysely<Database>,
  now: Date,
  s: Session,
  enabled: boolean,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('evidence_public')
      .values({ org_id: s.admin.orgId, enabled, changed_at: now, changed_by: s.admin.email })
      .onConflict((oc) =>
        oc.column('org_id').doUpdateSet({ enabled, changed_at: now, changed_by: s.admin.email }),
      )
      .execute()
    await audit(trx, now, {
      orgId: s.admin.orgId,
      actorId: s.admin.id,
      actorEmail: s.admin.email,
      action: enabled ? 'evidence.published' : 'evidence.unpublished',
      target: 'public-page',
    })
  })
}

/** Where the organization's page is: the default one has the short address. */
export function publicPath(orgId: string, fy: number): string {
  return orgId === 'default' ? `/public/ita/${fy}` : `/public/${orgId}/ita/${fy}`
}
