import type { Kysely } from 'kysely'
import { fromUtf8 } from '../../core/bytes.js'
import type { Keyring } from '../../core/keyring.js'
import type { Database } from '../../db/schema.js'
import { listMessages } from '../repository.js'
import type { CaseStatus, EvidenceKind, Outcome } from '../tables.js'
import type { CaseRow } from './cases.js'
import { evidenceName } from './evidence.js'
import { listExclusions, listHandlers } from './exclusions-repository.js'
import { listEvidenceMeta, listOfficerEmails, listStatusLog } from './repository.js'
import { listRevealRequests } from './reveal-repository.js'

// A case as an officer sees it once opened (the route records the read first).

type Db = Kysely<Database>

export interface EvidenceItem {
  id: string
  kind: EvidenceKind
  mime: string
  sizeBytes: number
  /** "หลักฐาน-1.jpg": made from its place in the case, never the name the complainant's file had. */
  name: string
  addedOn: string
}

export interface RevealRequest {
  id: string
  requestedBy: string
  requesterEmail: string | null
  reason: string
  status: 'pending' | 'approved' | 'rejected'
  decidedBy: string | null
  deciderEmail: string | null
  requestedAt: Date
  decidedAt: Date | null
  toldAt: Date | null
}

export interface CaseDetail {
  row: CaseRow
  /** What, when, where, who, as the complainant wrote them; empty for a stub. */
  content: Record<string, string>
  messages: { author: 'complainant' | 'officer'; officer: string | null; text: string; sentOn: string }[]
  evidence: EvidenceItem[]
  /**
   * In the order it happened. `day` is set, and `at` is not to be shown, for what the day's
   * entry wrote ("received"): it keeps the filing's day only, never a time.
   */
  history: { status: CaseStatus; outcome: Outcome | null; at: Date; day: string | null; by: string | null }[]
  exclusions: { adminId: string; email: string | null; by: string | null; at: Date }[]
  handlers: { id: string; email: string }[]
  reveals: RevealRequest[]
}

const asRecord = (v: unknown): Record<string, string> =>
  typeof v === 'object' && v !== null
    ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : {}

export async function openCase(db: Db, keyring: Keyring, row: CaseRow): Promise<CaseDetail> {
  const open = async (keyId: string, b: Uint8Array) => fromUtf8(await keyring.open(keyId, b))
  const content = row.content ? asRecord(JSON.parse(await open(row.key_id, row.content))) : {}
  const rawMessages = await listMessages(db, row.id)
  const officerIds = [...new Set(rawMessages.flatMap((m) => (m.officer_id ? [m.officer_id] : [])))]
  const emails = new Map((await listOfficerEmails(db, row.org_id, officerIds)).map((a) => [a.id, a.email]))
  const messages = await Promise.all(
    rawMessages.map(async (m) => ({
      author: m.author,
      officer: m.officer_id ? (emails.get(m.officer_id) ?? null) : null,
      text: await open(m.key_id, m.body),
      sentOn: m.sent_on,
    })),
  )
  const evidence = (await listEvidenceMeta(db, row.id)).map((e, i) => ({
    id: e.id,
    kind: e.kind,
    mime: e.mime,
    sizeBytes: e.size_bytes,
    name: evidenceName(i + 1, e.mime),
    addedOn: e.added_on,
  }))
  const history = (await listStatusLog(db, row.id)).map((h) => ({
    status: h.status,
    outcome: h.outcome,
    at: h.at,
    // Written by the entry at midnight UTC of the filing's day (service.ts dayStart).
    day: h.officer_id === null ? h.at.toISOString().slice(0, 10) : null,
    by: h.email,
  }))
  const exclusions = (await listExclusions(db, row.id)).map((x) => ({
    adminId: x.admin_id,
    email: x.email,
    by: x.by_email,
    at: x.at,
  }))
  const handlers = (await listHandlers(db, row.org_id)).map((h) => ({ id: h.id, email: h.email }))
  const reveals = (await listRevealRequests(db, row.org_id, row.id)).map(
    (r): RevealRequest => ({
      id: r.id,
      requestedBy: r.requested_by,
      requesterEmail: r.requester_email,
      reason: r.reason,
      status: r.status,
      decidedBy: r.decided_by,
      deciderEmail: r.decider_email,
      requestedAt: r.requested_at,
      decidedAt: r.decided_at,
      toldAt: r.complainant_told_at,
    }),
  )
  return { row, content, messages, evidence, history, exclusions, handlers, reveals }
}
