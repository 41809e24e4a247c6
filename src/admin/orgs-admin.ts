import type { Kysely } from 'kysely'
import type { AuditAction } from '../audit/actions.js'
import { audit } from '../audit/service.js'
import type { Session } from '../console/session.js'
import type { Keyring } from '../core/keyring.js'
import type { Database } from '../db/schema.js'
import { findOrg } from '../orgs/repository.js'
import { createOrg, SLUG, setOrgChannel } from '../orgs/service.js'
import { DEFAULT_ORG } from '../webhook/channels.js'
import { createAccount, type NewAccount } from './accounts.js'

// Organizations as the host sees them: the owner of the default organization adds agencies and
// replaces their LINE credentials. Input is checked before anything is written; the route runs
// it all in one transaction, so a refused first owner leaves no organization behind.

type Db = Kysely<Database>

export const isHost = (s: Session) => s.admin.role === 'owner' && s.admin.orgId === DEFAULT_ORG

export interface ChannelInput {
  channelSecret: string
  accessToken: string
}

export interface NewOrgInput extends ChannelInput {
  slug: string
  nameTh: string
  nameEn: string
  /** Optional: an owner account for the new organization, with a one-time password. */
  ownerEmail: string
}

export type OrgRefusal = 'invalid_slug' | 'org_exists' | 'org_name' | 'empty_secret' | 'empty_token'
type AccountRefusal = Extract<NewAccount, { ok: false }>['reason']

/** Thrown inside the transaction when the first owner cannot be created: the org rolls back. */
export class OwnerRefused extends Error {
  constructor(readonly reason: AccountRefusal) {
    super(reason)
  }
}

// LINE's secrets and tokens are single words; an empty or spaced value is a paste gone wrong.
const SECRET = /^\S{1,200}$/
const TOKEN = /^\S{1,2000}$/

export function checkChannel(input: ChannelInput): 'empty_secret' | 'empty_token' | null {
  if (!SECRET.test(input.channelSecret.trim())) return 'empty_secret'
  if (!TOKEN.test(input.accessToken.trim())) return 'empty_token'
  return null
}

const channelOf = (i: ChannelInput) => ({
  channelSecret: i.channelSecret.trim(),
  accessToken: i.accessToken.trim(),
})

/** Both organizations' logs: the host's owner did it, the agency's owners should see it. */
async function auditBoth(db: Db, now: Date, s: Session, action: AuditAction, slug: string, detail?: string) {
  const entry = {
    actorId: s.admin.id,
    actorEmail: s.admin.email,
    action,
    target: slug,
    detail: detail ?? null,
  }
  await audit(db, now, { ...entry, orgId: s.admin.orgId })
  if (slug !== s.admin.orgId) await audit(db, now, { ...entry, orgId: slug })
}

export async function addOrg(
  db: Db,
  keyring: Keyring,
  now: Date,
  s: Session,
  input: NewOrgInput,
): Promise<
  { ok: true; owner: { email: string; password: string } | null } | { ok: false; reason: OrgRefusal }
> {
  const slug = input.slug.trim()
  const nameTh = input.nameTh.trim()
  const nameEn = input.nameEn.trim() || nameTh
  if (!SLUG.test(slug)) return { ok: false, reason: 'invalid_slug' }
  if (nameTh.length === 0 || nameTh.length > 200 || nameEn.length > 200)
    return { ok: false, reason: 'org_name' }
  const bad = checkChannel(input)
  if (bad) return { ok: false, reason: bad }
  const made = await createOrg(db, keyring, { slug, nameTh, nameEn, channel: channelOf(input) })
  if (!made.ok) return { ok: false, reason: made.reason === 'exists' ? 'org_exists' : 'invalid_slug' }
  await auditBoth(db, now, s, 'org.created', slug, nameTh)
  const email = input.ownerEmail.trim()
  if (email === '') return { ok: true, owner: null }
  const owner = await createAccount(db, now, { orgId: slug, email, role: 'owner' }, s, keyring.secrets.hash)
  if (!owner.ok) throw new OwnerRefused(owner.reason)
  return { ok: true, owner: { email: email.toLowerCase(), password: owner.password } }
}

export async function rotateOrgChannel(
  db: Db,
  keyring: Keyring,
  now: Date,
  s: Session,
  slug: string,
  input: ChannelInput,
): Promise<
  { ok: true } | { ok: false; reason: 'not_found' | 'default_channel' | 'empty_secret' | 'empty_token' }
> {
  if (slug === DEFAULT_ORG) return { ok: false, reason: 'default_channel' }
  if (!(await findOrg(db, slug))) return { ok: false, reason: 'not_found' }
  const bad = checkChannel(input)
  if (bad) return { ok: false, reason: bad }
  await setOrgChannel(db, keyring, slug, channelOf(input))
  // Never the secret or token, not even a part: only that they changed.
  await auditBoth(db, now, s, 'org.channel_rotated', slug)
  return { ok: true }
}
