import type { Kysely } from 'kysely'
import { localDay } from '../../admin/thai-date.js'
import { utf8 } from '../../core/bytes.js'
import type { Keyring } from '../../core/keyring.js'
import type { Random } from '../../core/receipt.js'
import type { Database } from '../../db/schema.js'
import { findCase, insertEvidence } from '../repository.js'
import {
  addMessage,
  type ComplainantView,
  complainantView,
  type Deadlines,
  fileComplaint,
} from '../service.js'
import type { ReportInput } from './fields.js'
import type { CleanFile } from './files.js'

// What the web channel writes, always inside the caller's transaction: a complaint with its
// evidence, or a complainant's reply with evidence. Nothing here knows who is on the other
// end: no address, no browser, only the day.

type Db = Kysely<Database>

export interface WebDeps {
  keyring: Keyring
  timeZone: string
  now: Date
}

/** Sealed evidence of a case: content and name encrypted, the day only. */
export async function storeEvidence(db: Db, d: WebDeps, orgId: string, caseId: string, files: CleanFile[]) {
  for (const f of files) {
    await insertEvidence(db, {
      id: crypto.randomUUID(),
      org_id: orgId,
      case_id: caseId,
      draft_key: null,
      source_message: null,
      kind: f.kind,
      mime: f.mime,
      size_bytes: f.bytes.length,
      name: await d.keyring.seal(utf8(f.name)),
      content: await d.keyring.seal(new Uint8Array(f.bytes)),
      key_id: d.keyring.keyId,
      added_on: localDay(d.now, d.timeZone),
      draft_expires_at: null,
    })
  }
}

export async function fileWebReport(
  db: Db,
  d: WebDeps & { deadlines: Omit<Deadlines, 'timeZone'>; random: Random },
  orgId: string,
  input: ReportInput,
  files: CleanFile[],
): Promise<{ code: string; secret: string }> {
  const filed = await fileComplaint(
    db,
    d.keyring,
    {
      orgId,
      channel: 'web',
      category: input.category,
      content: input.content,
      identity: input.identity,
      notifyTo: null,
      draftKey: null,
    },
    { ...d.deadlines, timeZone: d.timeZone, now: d.now, random: d.random },
  )
  await storeEvidence(db, d, orgId, filed.id, files)
  return { code: filed.code, secret: filed.secret }
}

/** What the complainant sees of a case whose secret was checked moments ago (access token). */
export async function viewCase(
  db: Db,
  keyring: Keyring,
  orgId: string,
  id: string,
): Promise<ComplainantView | null> {
  const row = await findCase(db, orgId, id)
  if (!row || row.stub) return null
  return complainantView(db, keyring, row)
}

export type ReplyResult = { kind: 'ok' } | { kind: 'gone' } | { kind: 'closed' }

export async function replyAsComplainant(
  db: Db,
  d: WebDeps,
  orgId: string,
  caseId: string,
  text: string,
  files: CleanFile[],
): Promise<ReplyResult> {
  const row = await findCase(db, orgId, caseId)
  if (!row || row.stub) return { kind: 'gone' }
  if (row.status === 'closed') return { kind: 'closed' }
  if (text.length > 0) {
    await addMessage(db, d.keyring, {
      orgId,
      caseId,
      author: 'complainant',
      officerId: null,
      text,
      now: d.now,
      timeZone: d.timeZone,
    })
  }
  await storeEvidence(db, d, orgId, caseId, files)
  return { kind: 'ok' }
}
