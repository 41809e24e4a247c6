import type { Kysely } from 'kysely'
import { appendAudit } from '../audit/repository.js'
import { randomToken } from '../console/session.js'
import { timingSafeEqual, toHex, utf8 } from '../core/bytes.js'
import type { Database } from '../db/schema.js'
import { findOrg } from '../orgs/repository.js'
import type { ApiTokenRow } from './tables.js'

type Db = Kysely<Database>

// A token reads `itab_<prefix>_<secret>`. The prefix finds the row (and is what a list shows);
// the SHA-256 of the whole token is then compared in constant time, so neither the lookup nor
// the comparison tells an attacker how much of a guessed secret was right.
const SCHEME = 'itab'
const TOKEN_RE = /^itab_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/
/** last_used_at is written at most this often, so every API call is not also a write. */
const TOUCH_MS = 60_000

export interface ApiCaller {
  tokenId: string
  orgId: string
  name: string
  /** The audit log's actor for everything done with this token. */
  actor: string
}

export const actorOf = (name: string) => `api:${name}`

export async function sha256Hex(s: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(s))))
}

function randomPrefix(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  // 252 = 7 × 36: rejection sampling keeps every character equally likely.
  const out: string[] = []
  while (out.length < 10) {
    for (const b of crypto.getRandomValues(new Uint8Array(20))) {
      if (b < 252 && out.length < 10) out.push(alphabet[b % 36] ?? '')
    }
  }
  return out.join('')
}

export type CreateTokenResult =
  | { ok: true; token: string; row: ApiTokenRow }
  | { ok: false; reason: 'no_org' | 'invalid_name' }

/** Creates a token and returns it once; only its hash is stored. Audited as its creator. */
export async function createApiToken(
  db: Db,
  now: Date,
  input: { orgId: string; name: string; createdBy: string; createdByEmail?: string | null },
): Promise<CreateTokenResult> {
  const name = input.name.trim()
  if (name.length === 0 || name.length > 100) return { ok: false, reason: 'invalid_name' }
  if (!(await findOrg(db, input.orgId))) return { ok: false, reason: 'no_org' }
  const prefix = randomPrefix()
  const token = `${SCHEME}_${prefix}_${randomToken(32)}`
  const row = await db
    .insertInto('api_tokens')
    .values({
      id: crypto.randomUUID(),
      org_id: input.orgId,
      name,
      prefix,
      token_hash: await sha256Hex(token),
      created_by: input.createdBy,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await appendAudit(db, {
    org_id: input.orgId,
    at: now,
    actor_id: input.createdBy,
    actor_email: input.createdByEmail ?? null,
    action: 'api_token.created',
    target: row.id,
    detail: `${name} (${prefix})`,
  })
  return { ok: true, token, row }
}

export async function revokeApiToken(
  db: Db,
  now: Date,
  orgId: string,
  id: string,
  by: string,
  byEmail: string | null = null,
) {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  const revoked = Number(r.numUpdatedRows) > 0
  if (revoked) {
    await appendAudit(db, {
      org_id: orgId,
      at: now,
      actor_id: by,
      actor_email: byEmail,
      action: 'api_token.revoked',
      target: id,
    })
  }
  return revoked
}

export const listApiTokens = (db: Db, orgId: string) =>
  db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_by', 'created_at', 'last_used_at', 'revoked_at'])
    .where('org_id', '=', orgId)
    .orderBy('created_at')
    .execute()

/** The caller behind an Authorization header, or null (unknown, malformed or revoked). */
export async function authenticate(db: Db, now: Date, header: string | undefined): Promise<ApiCaller | null> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  const token = m?.[1] ?? ''
  const parts = TOKEN_RE.exec(token)
  const hash = await sha256Hex(token)
  const prefix = parts?.[1]
  if (!prefix) return null
  const row = await db.selectFrom('api_tokens').selectAll().where('prefix', '=', prefix).executeTakeFirst()
  if (!row || !timingSafeEqual(utf8(row.token_hash), utf8(hash)) || row.revoked_at !== null) return null
  if (row.last_used_at === null || now.getTime() - row.last_used_at.getTime() >= TOUCH_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute()
  }
  return { tokenId: row.id, orgId: row.org_id, name: row.name, actor: actorOf(row.name) }
}
