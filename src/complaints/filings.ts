import type { Kysely } from 'kysely'
import { fromUtf8, utf8 } from '../core/bytes.js'
import type { Keyring } from '../core/keyring.js'
import { newCode, newSecret, type Random } from '../core/receipt.js'
import { BE_OFFSET, localDay } from '../core/time/index.js'
import type { Database } from '../db/schema.js'
import { deleteDraftFiles, listDraftFiles, type SealedFile } from './drafts.js'
import { deleteFiling, insertFiling, listFilingFiles, lockFilings } from './filings-repository.js'
import {
  clearNotify,
  findCase,
  findCaseByCode,
  insertEvidence,
  insertMessage,
  lastEvidencePosition,
} from './repository.js'
import { type CaseEntry, type Deadlines, enterCase, type NewComplaint } from './service.js'

// Filing and entry are two moments on purpose (README "Complaints: who can learn what"). The
// filing is one sealed row written while the complainant is active, keyed by nothing; the
// case tables are written only by the day's entry, all filings at once in random order, so
// a case's row ids, transaction id and place in the table say nothing about when it was
// filed or who was active around it.

type Db = Kysely<Database>

export interface Submission extends NewComplaint {
  /** The LINE draft whose evidence goes with the filing; its rows are deleted, not updated. */
  draftKey: string | null
  /** Web-form evidence, cleaned and sealed (drafts.ts sealFiles). */
  files: readonly SealedFile[]
}

/** The receipt's secret, hashed before the filing's transaction opens (drawReceipt). */
export interface Receipt {
  secret: string
  hash: string
}

// The slow half of a filing runs before its transaction: AES-GCM over megabytes of photos
// (drafts.ts sealFiles) and the secret's PBKDF2 (100,000 iterations) run on libuv's pool, at the cleaning threads' low
// priority (runtime/thread-priority.ts). A transaction that waited for them held a connection
// (PGlite's only one, which every webhook's insert then waited for) and the evidence writes'
// queue (AppDeps['evidenceWrites']).

export async function drawReceipt(keyring: Keyring, random: Random): Promise<Receipt> {
  const secret = newSecret(random)
  return { secret, hash: await keyring.secrets.hash(secret) }
}

/** What waits in a filing, sealed whole: a new complaint, a reply, or "stop notifying me". */
type Sealed =
  | ({ v: 1; op: 'file' } & Omit<CaseEntry, 'orgId'>)
  | { v: 1; op: 'reply'; caseId: string; text: string; day: string }
  | { v: 1; op: 'notify_off'; caseId: string }

interface Queued {
  orgId: string
  draftKey: string | null
  files: readonly SealedFile[]
}

/** One filing row with its files; a LINE draft's files are copied in and their rows deleted. */
async function queue(db: Db, keyring: Keyring, q: Queued, sealed: Sealed): Promise<void> {
  const id = crypto.randomUUID()
  const drafted = q.draftKey ? await listDraftFiles(db, q.orgId, q.draftKey) : []
  await insertFiling(
    db,
    { id, org_id: q.orgId, sealed: await keyring.seal(utf8(JSON.stringify(sealed))), key_id: keyring.keyId },
    [...drafted, ...q.files].map((f, i) => ({ ...f, id: crypto.randomUUID(), filing_id: id, seq: i + 1 })),
  )
  if (q.draftKey) await deleteDraftFiles(db, q.orgId, q.draftKey)
}

type When = { now: Date; timeZone: string }

/**
 * Files a complaint in the caller's transaction with a receipt drawn before it (drawReceipt);
 * the secret is returned once, never stored.
 */
export async function submitComplaint(
  db: Db,
  keyring: Keyring,
  s: Submission,
  opts: When & { random: Random; receipt: Receipt },
): Promise<{ code: string; secret: string }> {
  const day = localDay(opts.now, opts.timeZone)
  // A code already a case's is drawn again (the entry would hold the filing back forever);
  // a randomness that keeps repeating itself is a fault, not something to loop on.
  const draw = () => newCode('C', Number(day.slice(0, 4)) + BE_OFFSET, opts.random)
  let code = draw()
  for (let tries = 1; await findCaseByCode(db, s.orgId, code); tries++) {
    if (tries >= 8) throw new Error('case codes keep colliding: is the random source broken?')
    code = draw()
  }
  const { orgId, draftKey, files, ...complaint } = s
  await queue(
    db,
    keyring,
    { orgId, draftKey, files },
    {
      v: 1,
      op: 'file',
      ...complaint,
      day,
      code,
      secretHash: opts.receipt.hash,
    },
  )
  return { code, secret: opts.receipt.secret }
}

/** A complainant's reply (text and/or evidence) to a case, entered with the day's filings. */
export async function submitReply(
  db: Db,
  keyring: Keyring,
  r: Queued & { caseId: string; text: string },
  opts: When,
): Promise<void> {
  const day = localDay(opts.now, opts.timeZone)
  await queue(db, keyring, r, { v: 1, op: 'reply', caseId: r.caseId, text: r.text, day })
}

/** "Delete my LINE ID from the case", done at the day's entry like every complainant's write. */
export async function submitNotifyOff(db: Db, keyring: Keyring, orgId: string, caseId: string) {
  await queue(db, keyring, { orgId, draftKey: null, files: [] }, { v: 1, op: 'notify_off', caseId })
}

/** Fisher–Yates with the injected randomness: the entry order must not be the filing order. */
function shuffle<T>(items: T[], random: Random): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const r = random(4)
    const j = (((r[0] ?? 0) << 24) | ((r[1] ?? 0) << 16) | ((r[2] ?? 0) << 8) | (r[3] ?? 0)) >>> 0
    const k = j % (i + 1)
    const a = out[i]
    const b = out[k]
    if (a === undefined || b === undefined) continue
    out[i] = b
    out[k] = a
  }
  return out
}

export type EntryResult = { entered: number; held: number }
type Filing = { id: string; org_id: string }

/** Moves a filing's files to its case, dated by the filing's day, after the case's others. */
async function moveFiles(db: Db, f: Filing, caseId: string, day: string) {
  let position = await lastEvidencePosition(db, caseId)
  for (const file of await listFilingFiles(db, f.id)) {
    position++
    await insertEvidence(db, {
      id: crypto.randomUUID(),
      org_id: f.org_id,
      case_id: caseId,
      draft_key: null,
      source_message: null,
      kind: file.kind,
      mime: file.mime,
      size_bytes: file.size_bytes,
      name: null,
      content: file.content,
      key_id: file.key_id,
      added_on: day,
      draft_expires_at: null,
      position,
    })
  }
}

/** Writes one filing into the case tables; false when it must wait (a code already taken). */
async function enterOne(
  db: Db,
  keyring: Keyring,
  f: Filing,
  s: Sealed,
  deadlines: Omit<Deadlines, 'timeZone'>,
) {
  if (s.op === 'file') {
    if (await findCaseByCode(db, f.org_id, s.code)) return false
    const { v: _v, op: _op, ...entry } = s
    await moveFiles(db, f, await enterCase(db, keyring, { ...entry, orgId: f.org_id }, deadlines), s.day)
    return true
  }
  const row = await findCase(db, f.org_id, s.caseId)
  // A case made a stub by retention since: the reply has nowhere to go and is dropped.
  if (!row || row.stub) return true
  if (s.op === 'notify_off') {
    await clearNotify(db, row.id)
    return true
  }
  if (s.text !== '') {
    await insertMessage(db, {
      id: crypto.randomUUID(),
      org_id: f.org_id,
      case_id: row.id,
      author: 'complainant',
      officer_id: null,
      body: await keyring.seal(utf8(s.text)),
      key_id: keyring.keyId,
      sent_on: s.day,
    })
  }
  await moveFiles(db, f, row.id, s.day)
  return true
}

/**
 * The day's entry, in the caller's transaction: every waiting filing is written into the case
 * tables in random order and deleted. A new complaint whose code is already a case's (one in
 * 887 million) is held back and counted, never overwritten.
 */
export async function enterFilings(
  db: Db,
  keyring: Keyring,
  opts: Omit<Deadlines, 'timeZone'> & { random: Random },
): Promise<EntryResult> {
  let entered = 0
  let held = 0
  for (const f of shuffle(await lockFilings(db), opts.random)) {
    const s = JSON.parse(fromUtf8(await keyring.open(f.key_id, f.sealed))) as Sealed
    if (!(await enterOne(db, keyring, f, s, opts))) {
      held++
      continue
    }
    await deleteFiling(db, f.id)
    entered++
  }
  return { entered, held }
}
