import type { Kysely } from 'kysely'
import type { AuditAction } from '../audit/actions.js'
import { audit } from '../audit/service.js'
import type { EvidenceCleaner } from '../complaints/evidence/cleaner.js'
import type { Database } from '../db/schema.js'
import { type CleanLogo, cleanLogo, type LogoRefusal, newLogoVersion } from '../orgs/logo.js'
import { checkProfile, type ProfileInput, type ProfileRefusal } from '../orgs/profile.js'
import { deleteOrgLogo, updateOrgProfile, upsertOrgLogo } from '../orgs/repository.js'

// An organization's own name and logo, changed by its owner (console) or by `npm run org:set`
// (actor null): checked, written, audited. Outcomes are values; the caller words them.

type Db = Kysely<Database>

/** Who did it: an admin of the console, or null for the CLI. */
export type Actor = { id: string; email: string } | null

async function record(db: Db, now: Date, slug: string, actor: Actor, action: AuditAction, detail?: string) {
  await audit(db, now, {
    orgId: slug,
    actorId: actor?.id ?? null,
    actorEmail: actor?.email ?? 'cli',
    action,
    target: slug,
    detail: detail ?? null,
  })
}

export type ProfileOutcome =
  | { kind: 'saved' }
  | { kind: 'refused'; refusals: ProfileRefusal[] }
  | { kind: 'not_found' }

export async function setOrgProfile(
  db: Db,
  now: Date,
  slug: string,
  actor: Actor,
  input: ProfileInput,
): Promise<ProfileOutcome> {
  const checked = checkProfile(input)
  if (!checked.ok) return { kind: 'refused', refusals: checked.refusals }
  const p = checked.profile
  if (!(await updateOrgProfile(db, slug, p))) return { kind: 'not_found' }
  const shown = [p.nameTh, p.nameEn, p.shortName].filter(Boolean).join(' · ')
  await record(db, now, slug, actor, 'org.profile_updated', shown)
  return { kind: 'saved' }
}

/**
 * Cleans before any write (re-encoding takes time no row should be locked for): a refused logo
 * leaves the old one in place. `db` is not a transaction.
 */
export async function setOrgLogo(
  db: Db,
  cleaner: EvidenceCleaner,
  now: Date,
  slug: string,
  actor: Actor,
  bytes: Uint8Array,
): Promise<{ ok: true } | { ok: false; refusal: LogoRefusal }> {
  const r = await cleanLogo(bytes, cleaner)
  if (!r.ok) return r
  await storeOrgLogo(db, now, slug, actor, r.logo)
  return { ok: true }
}

/** A logo already cleaned (cleanLogo), written and audited in one transaction. */
export async function storeOrgLogo(db: Db, now: Date, slug: string, actor: Actor, logo: CleanLogo) {
  await db.transaction().execute(async (trx) => {
    await upsertOrgLogo(trx, slug, logo, newLogoVersion(), now)
    await record(trx, now, slug, actor, 'org.logo_updated', `${logo.mime} ${logo.bytes.length} B`)
  })
}

/** False when there was no logo (nothing is audited then). */
export async function removeOrgLogo(db: Db, now: Date, slug: string, actor: Actor): Promise<boolean> {
  const removed = await deleteOrgLogo(db, slug)
  if (removed) await record(db, now, slug, actor, 'org.logo_removed')
  return removed
}
