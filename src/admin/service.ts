import type { Kysely } from 'kysely'
import { audit } from '../audit/service.js'
import {
  type Admin,
  hashToken,
  randomToken,
  SESSION_ABSOLUTE_MS,
  SESSION_TOUCH_MS,
  type Session,
  sessionState,
  signCookie,
  unsignCookie,
} from '../console/session.js'
import type { Keyring } from '../core/keyring.js'
import type { SecretHasher } from '../core/secret-hash.js'
import type { Database } from '../db/schema.js'
import { MIN_PASSWORD_LENGTH } from './password.js'
import * as repo from './repository.js'
import {
  ADDRESS_THROTTLE,
  accountDelayUntil,
  GLOBAL_THROTTLE,
  lockedUntil,
  THROTTLE_WINDOW_MS,
} from './throttle.js'

type Db = Kysely<Database>
export interface AuthDeps {
  keyring: Keyring
  now: Date
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase()

export type LoginResult =
  | { ok: true; cookie: string; admin: Admin }
  | { ok: false; reason: 'invalid' }
  /** This address (or, during a wide attack, every address that failed) is locked until then. */
  | { ok: false; reason: 'locked'; until: Date }
  /** The account was failed on recently: it may be tried again at `until` (throttle.ts). */
  | { ok: false; reason: 'wait'; until: Date }

/** Every failure counts against these three keys (throttle.ts). */
const GLOBAL_KEY = 'g:all'

type Refusal = Extract<LoginResult, { reason: 'locked' | 'wait' }>

async function refusal(
  db: Db,
  keys: { account: string; address: string },
  now: Date,
): Promise<Refusal | null> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS)
  const byAddress = await repo.recentFailures(db, keys.address, since)
  const addressLock = lockedUntil(byAddress, now, ADDRESS_THROTTLE)
  if (addressLock) return { ok: false, reason: 'locked', until: addressLock }
  if (byAddress.length > 0) {
    const globalLock = lockedUntil(await repo.recentFailures(db, GLOBAL_KEY, since), now, GLOBAL_THROTTLE)
    if (globalLock) return { ok: false, reason: 'locked', until: globalLock }
  }
  const wait = accountDelayUntil(await repo.recentFailures(db, keys.account, since), now)
  return wait ? { ok: false, reason: 'wait', until: wait } : null
}

export async function login(
  db: Db,
  deps: AuthDeps,
  input: { email: string; password: string; address: string },
): Promise<LoginResult> {
  const { keyring, now } = deps
  const email = normalizeEmail(input.email)
  const accountKey = `a:${await keyring.pseudonym('admin-login-account', email)}`
  const addressKey = `i:${await keyring.pseudonym('admin-login-address', input.address)}`
  const keys = { account: accountKey, address: addressKey }
  const account = await repo.findAccountByEmail(db, email)
  const who = {
    orgId: account?.org_id ?? null,
    actorId: account?.id ?? null,
    actorEmail: account?.email ?? null,
  }

  // Refused attempts are not failures: guessing while refused does not lengthen anyone's wait.
  // `db` is the route's transaction: the lock holds until the failure below is committed.
  await repo.lockLoginKey(db, accountKey)
  const refused = await refusal(db, keys, now)
  if (refused) {
    await audit(db, now, { ...who, action: 'login.locked' })
    return refused
  }
  // An unknown account is checked against the decoy, at the same cost as a real hash: timing
  // does not tell which e-mails have accounts.
  const valid = await keyring.secrets.verify(input.password, account?.password_hash ?? keyring.secrets.decoy)
  if (!account || !valid || account.disabled_at) {
    for (const key of [accountKey, addressKey, GLOBAL_KEY]) await repo.insertFailure(db, key, now)
    await audit(db, now, { ...who, action: 'login.failed', detail: account ? null : 'unknown account' })
    const now2 = await refusal(db, keys, now)
    return now2?.reason === 'locked' ? now2 : { ok: false, reason: 'invalid' }
  }
  await repo.clearFailures(db, accountKey)
  if (keyring.secrets.needsRehash(account.password_hash)) {
    await repo.setPassword(
      db,
      account.org_id,
      account.id,
      await keyring.secrets.hash(input.password),
      account.must_change_password,
    )
  }
  const token = randomToken()
  await repo.insertSession(db, {
    token_hash: await hashToken(token),
    account_id: account.id,
    org_id: account.org_id,
    csrf_token: randomToken(),
    created_at: now,
    last_seen_at: now,
    expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
  })
  await audit(db, now, { ...who, action: 'login.succeeded' })
  const admin: Admin = {
    id: account.id,
    orgId: account.org_id,
    email: account.email,
    role: account.role,
    mustChangePassword: account.must_change_password,
  }
  return { ok: true, cookie: await signCookie(keyring, token), admin }
}

export type SessionLookup = { kind: 'none' } | { kind: 'expired' } | { kind: 'ok'; session: Session }

/** The session behind a cookie; expired ones are deleted so they cannot come back. */
export async function loadSession(
  db: Db,
  deps: AuthDeps,
  cookie: string | undefined,
): Promise<SessionLookup> {
  const token = await unsignCookie(deps.keyring, cookie)
  if (!token) return { kind: 'none' }
  const tokenHash = await hashToken(token)
  const row = await repo.findSession(db, tokenHash)
  if (!row) return { kind: 'none' }
  if (row.disabled_at || sessionState(row, deps.now) !== 'valid') {
    await repo.deleteSession(db, tokenHash)
    return { kind: 'expired' }
  }
  if (deps.now.getTime() - row.last_seen_at.getTime() >= SESSION_TOUCH_MS) {
    await repo.touchSession(db, tokenHash, deps.now)
  }
  const admin: Admin = {
    id: row.account_id,
    orgId: row.org_id,
    email: row.email,
    role: row.role,
    mustChangePassword: row.must_change_password,
  }
  return { kind: 'ok', session: { admin, tokenHash, csrfToken: row.csrf_token } }
}

export async function logout(db: Db, now: Date, s: Session): Promise<void> {
  await repo.deleteSession(db, s.tokenHash)
  await audit(db, now, {
    orgId: s.admin.orgId,
    actorId: s.admin.id,
    actorEmail: s.admin.email,
    action: 'logout',
  })
}

export type PasswordChange =
  | { ok: true }
  | { ok: false; reason: 'wrong_current' | 'too_short' | 'mismatch' | 'same' }

export async function changePassword(
  db: Db,
  now: Date,
  s: Session,
  input: { current: string; next: string; confirm: string },
  secrets: SecretHasher,
): Promise<PasswordChange> {
  const account = await repo.findAccount(db, s.admin.orgId, s.admin.id)
  if (!account || !(await secrets.verify(input.current, account.password_hash))) {
    return { ok: false, reason: 'wrong_current' }
  }
  if (input.next.length < MIN_PASSWORD_LENGTH) return { ok: false, reason: 'too_short' }
  if (input.next !== input.confirm) return { ok: false, reason: 'mismatch' }
  if (input.next === input.current) return { ok: false, reason: 'same' }
  await repo.setPassword(db, account.org_id, account.id, await secrets.hash(input.next), false)
  // Any other session (someone who had the old password) ends here.
  await repo.deleteSessionsOf(db, account.id, s.tokenHash)
  await audit(db, now, {
    orgId: account.org_id,
    actorId: account.id,
    actorEmail: account.email,
    action: 'password.changed',
  })
  return { ok: true }
}
