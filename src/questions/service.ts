import type { Kysely } from 'kysely'
import { fromUtf8, utf8 } from '../core/bytes.js'
import type { Keyring } from '../core/keyring.js'
import { checkSecret, newCode, newSecret, normalizeReceipt, type Random } from '../core/receipt.js'
import { BE_OFFSET, localDay } from '../core/time/index.js'
import type { Database } from '../db/schema.js'
import {
  findByCode,
  findQuestion,
  insertQuestion,
  recordFailedCheck,
  resetFailedChecks,
} from './repository.js'
import type { QuestionIdentity, QuestionKind, QuestionStatus } from './tables.js'

type Db = Kysely<Database>

export interface NewQuestion {
  orgId: string
  topic: string
  kind: QuestionKind
  identity: QuestionIdentity
  text: string
  /** Named only: the name the asker gave, and the LINE id the answer goes back to. */
  name: string | null
  replyTo: string | null
}

export interface Receipt {
  code: string
  /** Anonymous only: shown once, stored only as a slow hash. */
  secret: string | null
}

/**
 * Stores a question. An anonymous one keeps nothing that points at the asker: no LINE id, no
 * HMAC of one, no name, and only the day it was asked.
 */
export async function submitQuestion(
  db: Db,
  keyring: Keyring,
  q: NewQuestion,
  opts: { now: Date; tz: string; random: Random },
): Promise<Receipt> {
  const anonymous = q.identity === 'anonymous'
  const year = Number(localDay(opts.now, opts.tz).slice(0, 4)) + BE_OFFSET
  const code = newCode('Q', year, opts.random)
  const secret = anonymous ? newSecret(opts.random) : null
  const seal = async (s: string | null) => (s === null || s === '' ? null : keyring.seal(utf8(s)))
  await insertQuestion(db, {
    id: crypto.randomUUID(),
    org_id: q.orgId,
    topic: q.topic,
    kind: q.kind,
    identity: q.identity,
    code,
    secret_hash: secret ? await keyring.secrets.hash(secret) : null,
    body: await keyring.seal(utf8(q.text)),
    asker_name: anonymous ? null : await seal(q.name),
    reply_to: anonymous ? null : await seal(q.replyTo),
    key_id: keyring.keyId,
    asked_on: localDay(opts.now, opts.tz),
  })
  return { code, secret }
}

export type FollowUp =
  | { kind: 'not_found' }
  | { kind: 'locked'; until: Date }
  | { kind: 'wrong' }
  | { kind: 'ok'; status: QuestionStatus; answer: string | null }

/** Code + secret → status and answer; wrong secrets count towards a lock on that code. */
export async function followUp(
  db: Db,
  keyring: Keyring,
  orgId: string,
  code: string,
  secret: string,
  now: Date,
): Promise<FollowUp> {
  const row = await findByCode(db, orgId, normalizeReceipt(code))
  if (!row?.secret_hash) return { kind: 'not_found' }
  const check = await checkSecret({ ...row, secret_hash: row.secret_hash }, secret, now, keyring.secrets)
  if (check.kind === 'locked') return check
  if (check.kind === 'wrong') {
    await recordFailedCheck(db, row.id, check.lockUntil)
    return check.lockUntil ? { kind: 'locked', until: check.lockUntil } : { kind: 'wrong' }
  }
  if (row.failed_checks > 0) await resetFailedChecks(db, row.id)
  const answer = row.answer ? fromUtf8(await keyring.open(row.key_id, row.answer)) : null
  return { kind: 'ok', status: row.status, answer }
}

export interface QuestionView {
  id: string
  code: string
  kind: QuestionKind
  identity: QuestionIdentity
  askedOn: string
  status: QuestionStatus
  text: string
  name: string | null
  answer: string | null
  answeredAt: Date | null
  canReplyInLine: boolean
}

/** Decrypts one question for an officer; the route writes the audited read. */
export async function openQuestion(
  db: Db,
  keyring: Keyring,
  orgId: string,
  id: string,
): Promise<QuestionView | null> {
  const row = await findQuestion(db, orgId, id)
  if (!row) return null
  const open = async (b: Uint8Array | null) => (b ? fromUtf8(await keyring.open(row.key_id, b)) : null)
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    identity: row.identity,
    askedOn: row.asked_on,
    status: row.status,
    text: (await open(row.body)) ?? '',
    name: await open(row.asker_name),
    answer: await open(row.answer),
    answeredAt: row.answered_at,
    canReplyInLine: row.reply_to !== null,
  }
}
