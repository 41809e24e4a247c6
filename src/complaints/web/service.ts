import type { Kysely } from 'kysely'
import type { Keyring } from '../../core/keyring.js'
import type { Random } from '../../core/receipt.js'
import type { Database } from '../../db/schema.js'
import type { SealedFile } from '../drafts.js'
import { type Receipt, submitComplaint, submitReply } from '../filings.js'
import { findCase } from '../repository.js'
import { type ComplainantView, complainantView } from '../service.js'
import type { ReportInput } from './fields.js'

// What the web channel writes, always inside the caller's transaction: a complaint with its
// evidence, or a complainant's reply with evidence. Nothing here knows who is on the other
// end: no address, no browser, only the day.

type Db = Kysely<Database>

export interface WebDeps {
  keyring: Keyring
  timeZone: string
  now: Date
}

/**
 * A web filing: the report and its cleaned files, sealed together until the day's entry. The
 * files come sealed and the receipt drawn, before the caller's transaction (filings.ts).
 */
export function fileWebReport(
  db: Db,
  d: WebDeps & { random: Random; receipt: Receipt },
  orgId: string,
  input: ReportInput,
  files: readonly SealedFile[],
): Promise<{ code: string; secret: string }> {
  return submitComplaint(
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
      files,
    },
    { timeZone: d.timeZone, now: d.now, random: d.random, receipt: d.receipt },
  )
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

/**
 * A reply waits, sealed, for the day's entry like a new complaint (complaints/filings.ts); its
 * files come sealed, before the caller's transaction.
 */
export async function replyAsComplainant(
  db: Db,
  d: WebDeps,
  orgId: string,
  caseId: string,
  text: string,
  files: readonly SealedFile[],
): Promise<ReplyResult> {
  const row = await findCase(db, orgId, caseId)
  if (!row || row.stub) return { kind: 'gone' }
  if (row.status === 'closed') return { kind: 'closed' }
  await submitReply(
    db,
    d.keyring,
    { orgId, caseId, text, draftKey: null, files },
    { now: d.now, timeZone: d.timeZone },
  )
  return { kind: 'ok' }
}
