import type { Kysely } from 'kysely'
import { audit } from '../audit/service.js'
import type { Session } from '../console/session.js'
import { fromUtf8, utf8 } from '../core/bytes.js'
import type { Keyring } from '../core/keyring.js'
import type { Database } from '../db/schema.js'
import * as links from './line-link-repository.js'
import { findAccount, insertFailure, recentFailures } from './repository.js'
import { laterOf, lockedUntil, type ThrottlePolicy } from './throttle.js'

// An admin links their own LINE account to receive tests of broadcasts. The console shows a
// six-digit code; the admin sends "ผูกบัญชี 123456" to the bot in 1:1 chat (line-link-handler.ts).
// A code is one million guesses wide, so it lives ten minutes, works once, is stored only as a
// keyed HMAC (a database leak does not reveal live codes), and wrong guesses are throttled per
// LINE user and per organization: at most 30 guesses per organization in any ten minutes.

type Db = Kysely<Database>
export const LINK_CODE_TTL_MS = 10 * 60_000
export const LINK_USER_THROTTLE: ThrottlePolicy = { max: 5, windowMs: 10 * 60_000 }
export const LINK_ORG_THROTTLE: ThrottlePolicy = { max: 30, windowMs: 10 * 60_000 }

/** Six digits, each value equally likely (rejection sampling over 32-bit draws). */
export function randomLinkCode(): string {
  const limit = Math.floor(0x1_0000_0000 / 1_000_000) * 1_000_000
  for (;;) {
    const [n = limit] = crypto.getRandomValues(new Uint32Array(1))
    if (n < limit) return String(n % 1_000_000).padStart(6, '0')
  }
}

const codeHash = (keyring: Keyring, orgId: string, code: string) =>
  keyring.pseudonym('admin-line-link-code', `${orgId}:${code}`)

const who = (s: Session) => ({ orgId: s.admin.orgId, actorId: s.admin.id, actorEmail: s.admin.email })

/** A fresh code for the admin; any earlier one of theirs stops working. Audited, never the code. */
export async function issueLinkCode(db: Db, keyring: Keyring, now: Date, s: Session) {
  const orgId = s.admin.orgId
  await links.deleteExpiredCodes(db, orgId, now)
  await links.deleteCodesOf(db, orgId, s.admin.id)
  const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS)
  for (;;) {
    const code = randomLinkCode()
    const row = { org_id: orgId, account_id: s.admin.id, created_at: now, expires_at: expiresAt }
    if (await links.insertCode(db, { ...row, code_hash: await codeHash(keyring, orgId, code) })) {
      await audit(db, now, { ...who(s), action: 'line_link.code_issued' })
      return { code, expiresAt }
    }
  }
}

export type RedeemResult =
  | { ok: true; email: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; until: Date }

/**
 * A code sent to the bot: links the sender's LINE user id (sealed) to the code's admin account.
 * Anything but a live code of this organization, for an active account, links nothing.
 */
export async function redeemLinkCode(
  db: Db,
  keyring: Keyring,
  now: Date,
  input: { orgId: string; lineUserId: string; code: string },
): Promise<RedeemResult> {
  const { orgId } = input
  const userKey = `l:u:${await keyring.pseudonym('admin-line-link-user', input.lineUserId)}`
  const orgKey = `l:o:${orgId}`
  const lockOf = async (key: string, policy: ThrottlePolicy) =>
    lockedUntil(await recentFailures(db, key, new Date(now.getTime() - policy.windowMs)), now, policy)
  const locked = laterOf(await lockOf(userKey, LINK_USER_THROTTLE), await lockOf(orgKey, LINK_ORG_THROTTLE))
  if (locked) return { ok: false, reason: 'throttled', until: locked }

  const taken = await links.takeCode(db, orgId, await codeHash(keyring, orgId, input.code), now)
  const account = taken ? await findAccount(db, orgId, taken.account_id) : undefined
  if (!account || account.disabled_at) {
    await insertFailure(db, userKey, now)
    await insertFailure(db, orgKey, now)
    return { ok: false, reason: 'invalid' }
  }
  await links.upsertLink(db, {
    account_id: account.id,
    org_id: orgId,
    line_user: await keyring.seal(utf8(input.lineUserId)),
    key_id: keyring.keyId,
    linked_at: now,
  })
  await audit(db, now, { orgId, actorId: account.id, actorEmail: account.email, action: 'line_link.linked' })
  return { ok: true, email: account.email }
}

/** A code shown in a group is no longer secret: it is cancelled whether or not it was live. */
export async function burnLinkCode(db: Db, keyring: Keyring, now: Date, orgId: string, code: string) {
  await links.takeCode(db, orgId, await codeHash(keyring, orgId, code), now)
}

export async function linkedSince(db: Db, orgId: string, accountId: string): Promise<Date | null> {
  return (await links.findLink(db, orgId, accountId))?.linked_at ?? null
}

/** The admin's own LINE user id, opened only to send them a test. */
export async function linkedLineUser(db: Db, keyring: Keyring, s: Session): Promise<string | null> {
  const row = await links.findLink(db, s.admin.orgId, s.admin.id)
  return row ? fromUtf8(await keyring.open(row.key_id, row.line_user)) : null
}

export async function unlinkLine(db: Db, now: Date, s: Session): Promise<boolean> {
  const removed = (await links.deleteLink(db, s.admin.orgId, s.admin.id)) > 0
  if (removed) await audit(db, now, { ...who(s), action: 'line_link.unlinked' })
  return removed
}
