import type { Kysely } from 'kysely'
import { audit } from '../audit/service.js'
import { ROLES, type Role, type Session } from '../console/session.js'
import type { Database } from '../db/schema.js'
import { findOrg } from '../orgs/repository.js'
import { DEFAULT_ORG } from '../webhook/channels.js'
import { recordOfficerGrant } from './officer-grants.js'
import { generatePassword, MIN_PASSWORD_LENGTH } from './password.js'
import * as repo from './repository.js'
import { normalizeEmail } from './service.js'

type Db = Kysely<Database>

export interface AccountView {
  id: string
  email: string
  role: Role
  disabled: boolean
  mustChangePassword: boolean
  createdAt: Date
}

export const LOCAL_OWNER_EMAIL = 'admin@localhost'
const EMAIL = /^[^\s@]+@[^\s@]+$/

export const isRole = (v: unknown): v is Role =>
  typeof v === 'string' && (ROLES as readonly string[]).includes(v)

export type NewAccount =
  | { ok: true; id: string; password: string }
  | { ok: false; reason: 'invalid_email' | 'invalid_role' | 'exists' | 'no_org' | 'too_short' }

/**
 * Creates an account that must change its password at first login. The password is one-time:
 * shown once to whoever created the account, then only its hash exists. `hash` is the slow
 * KDF, the keyring's (core/secret-hash.ts); a caller that seeds many accounts with one password
 * may hash it once.
 */
export async function createAccount(
  db: Db,
  now: Date,
  input: { orgId: string; email: string; role: unknown; password?: string | undefined },
  actor: Session | null,
  hash: (password: string) => Promise<string>,
): Promise<NewAccount> {
  const email = normalizeEmail(input.email)
  if (!EMAIL.test(email) || email.length > 200) return { ok: false, reason: 'invalid_email' }
  if (!isRole(input.role)) return { ok: false, reason: 'invalid_role' }
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
    return { ok: false, reason: 'too_short' }
  }
  if (!(await findOrg(db, input.orgId))) return { ok: false, reason: 'no_org' }
  if (await repo.findAccountByEmail(db, email)) return { ok: false, reason: 'exists' }
  const password = input.password ?? generatePassword()
  const id = crypto.randomUUID()
  await repo.insertAccount(db, {
    id,
    org_id: input.orgId,
    email,
    role: input.role,
    password_hash: await hash(password),
    must_change_password: true,
    created_at: now,
    officer_since: input.role === 'complaint_officer' ? now : null,
  })
  await audit(db, now, {
    orgId: input.orgId,
    actorId: actor?.admin.id ?? null,
    actorEmail: actor?.admin.email ?? 'cli',
    action: 'account.created',
    target: email,
    detail: input.role,
  })
  // Whoever creates an officer is announced to the officers (console banner and LINE).
  if (input.role === 'complaint_officer')
    await recordOfficerGrant(db, now, { orgId: input.orgId, accountId: id, email }, actor)
  return { ok: true, id, password }
}

/** Local mode: an owner for the default org at first start; its password is returned once. */
export async function ensureLocalOwner(
  db: Db,
  now: Date,
  hash: (password: string) => Promise<string>,
): Promise<string | null> {
  if ((await repo.countAccounts(db, DEFAULT_ORG)) > 0) return null
  const made = await createAccount(
    db,
    now,
    { orgId: DEFAULT_ORG, email: LOCAL_OWNER_EMAIL, role: 'owner' },
    null,
    hash,
  )
  return made.ok ? made.password : null
}

export async function listAccountViews(db: Db, orgId: string): Promise<AccountView[]> {
  return (await repo.listAccounts(db, orgId)).map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    disabled: r.disabled_at !== null,
    mustChangePassword: r.must_change_password,
    createdAt: r.created_at,
  }))
}

export type Disable = { ok: true } | { ok: false; reason: 'not_found' | 'self' | 'already' }

/** Another org's account id is simply not found: the query is scoped by the actor's org. */
export async function disableAccount(db: Db, now: Date, actor: Session, id: string): Promise<Disable> {
  const account = await repo.findAccount(db, actor.admin.orgId, id)
  if (!account) return { ok: false, reason: 'not_found' }
  if (account.id === actor.admin.id) return { ok: false, reason: 'self' }
  if ((await repo.disableAccount(db, actor.admin.orgId, id, now)) === 0)
    return { ok: false, reason: 'already' }
  await repo.deleteSessionsOf(db, id)
  await audit(db, now, {
    orgId: actor.admin.orgId,
    actorId: actor.admin.id,
    actorEmail: actor.admin.email,
    action: 'account.disabled',
    target: account.email,
  })
  return { ok: true }
}
