import type { Kysely, Selectable } from 'kysely'
import { fromUtf8, utf8 } from '../core/bytes.js'
import type { Keyring } from '../core/keyring.js'
import { addDays, localDay } from '../core/time/index.js'
import type { Database } from '../db/schema.js'
import { countEvidence, insertCase, insertMessage, insertStatus, listMessages } from './repository.js'
import type { CaseStatus, Channel, ComplaintCasesTable, Outcome } from './tables.js'

type Db = Kysely<Database>

export interface Deadlines {
  ackDays: number
  feedbackDays: number
  timeZone: string
}

/** What a complainant files; complaints/filings.ts keeps it sealed until the day's entry. */
export interface NewComplaint {
  orgId: string
  channel: Channel
  category: string
  /** What happened, when, where, who: sealed together. */
  content: Record<string, string>
  /** Only for a named complaint: sealed on its own, revealed only through an approved request. */
  identity: Record<string, string> | null
  /** Only when the complainant asked to be told in LINE; deleted when the case closes. */
  notifyTo: string | null
}

/** A filing as the day's entry writes it: the receipt was made when it was filed. */
export interface CaseEntry extends NewComplaint {
  code: string
  secretHash: string
  /** The day it was filed ('YYYY-MM-DD', local): the only time a case keeps of its filing. */
  day: string
}

/** Midnight UTC of a day: what event logs record for a complaint, never the time of day. */
export const dayStart = (day: string) => new Date(`${day}T00:00:00Z`)

/**
 * Writes a case in the caller's (entry) transaction. The row holds no LINE id, no key derived
 * from one and only the day; its id is random.
 */
export async function enterCase(
  db: Db,
  keyring: Keyring,
  c: CaseEntry,
  deadlines: Omit<Deadlines, 'timeZone'>,
): Promise<string> {
  const id = crypto.randomUUID()
  const seal = (v: unknown) => keyring.seal(utf8(JSON.stringify(v)))
  await insertCase(db, {
    id,
    org_id: c.orgId,
    code: c.code,
    secret_hash: c.secretHash,
    channel: c.channel,
    category: c.category,
    identity: c.identity ? 'named' : 'anonymous',
    content: await seal(c.content),
    identity_sealed: c.identity ? await seal(c.identity) : null,
    notify_to: c.notifyTo ? await keyring.seal(utf8(c.notifyTo)) : null,
    key_id: keyring.keyId,
    received_on: c.day,
    ack_due: addDays(c.day, deadlines.ackDays),
    feedback_due: addDays(c.day, deadlines.feedbackDays),
  })
  await insertStatus(db, {
    org_id: c.orgId,
    case_id: id,
    status: 'received',
    outcome: null,
    officer_id: null,
    at: dayStart(c.day),
  })
  return id
}

export interface CaseMessage {
  author: 'complainant' | 'officer'
  text: string
  sentOn: string
}

export interface ComplainantView {
  id: string
  code: string
  status: CaseStatus
  outcome: Outcome | null
  receivedOn: string
  ackDue: string
  feedbackDue: string
  messages: CaseMessage[]
  evidence: number
}

/** What a complainant may see of a case: status, dates, the thread, how much evidence. */
export async function complainantView(
  db: Db,
  keyring: Keyring,
  row: Pick<
    Selectable<ComplaintCasesTable>,
    'id' | 'code' | 'status' | 'outcome' | 'received_on' | 'ack_due' | 'feedback_due'
  >,
): Promise<ComplainantView> {
  const messages = await Promise.all(
    (await listMessages(db, row.id)).map(async (m) => ({
      author: m.author,
      text: fromUtf8(await keyring.open(m.key_id, m.body)),
      sentOn: m.sent_on,
    })),
  )
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    outcome: row.outcome,
    receivedOn: row.received_on,
    ackDue: row.ack_due,
    feedbackDue: row.feedback_due,
    messages,
    evidence: Number((await countEvidence(db, row.id)).n),
  }
}

/** A message in a case's thread; a complainant's carries only the day. */
export async function addMessage(
  db: Db,
  keyring: Keyring,
  m: {
    orgId: string
    caseId: string
    author: 'complainant' | 'officer'
    officerId: string | null
    text: string
    now: Date
    timeZone: string
  },
): Promise<number> {
  return insertMessage(db, {
    id: crypto.randomUUID(),
    org_id: m.orgId,
    case_id: m.caseId,
    author: m.author,
    officer_id: m.officerId,
    body: await keyring.seal(utf8(m.text)),
    key_id: keyring.keyId,
    sent_on: localDay(m.now, m.timeZone),
  })
}
