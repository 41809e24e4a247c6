import type { Kysely } from 'kysely'
import { fromUtf8 } from '../../core/bytes.js'
import type { Keyring } from '../../core/keyring.js'
import type { Database } from '../../db/schema.js'
import type { CaseRow } from './cases.js'
import { revealNotice } from './i18n-people.js'
import {
  decideRevealRequest,
  findRevealRequest,
  insertRevealRequest,
  listRevealRequests,
} from './reveal-repository.js'
import { type Officer, postOfficerMessage } from './status.js'
import type { Tenure } from './tenure.js'

// A named complainant's identity is sealed apart from the complaint. Seeing it takes a request
// with a reason, a second officer's approval (the table refuses the same person), and the
// complainant being told first: the notice is in their thread when the approval commits, and
// the identity is shown only after the LINE notice (if they asked for notices) was attempted.
// The approver must have held the officer role for a while (tenure.ts): an account made to
// approve is announced to the officers and waits.

type Db = Kysely<Database>
export const REASON_MAX = 500

export async function requestReveal(
  db: Db,
  row: CaseRow,
  reason: string,
  by: Officer,
): Promise<
  | { ok: true; id: string }
  | { ok: false; reason: 'stub' | 'not_named' | 'reason_required' | 'pending_exists' }
> {
  if (row.stub) return { ok: false, reason: 'stub' }
  if (row.identity !== 'named' || !row.identity_sealed) return { ok: false, reason: 'not_named' }
  const why = reason.trim()
  if (why.length === 0 || why.length > REASON_MAX) return { ok: false, reason: 'reason_required' }
  const id = crypto.randomUUID()
  const row2 = {
    id,
    org_id: row.org_id,
    case_id: row.id,
    requested_by: by.id,
    reason: why,
    requested_at: by.now,
  }
  return (await insertRevealRequest(db, row2)) ? { ok: true, id } : { ok: false, reason: 'pending_exists' }
}

export type Decided =
  | { ok: true; status: 'approved'; notifyTo: string | null }
  | { ok: true; status: 'rejected' }
  | { ok: false; reason: 'not_found' | 'same_officer' | 'decided' | 'stub' }
  | { ok: false; reason: 'too_new'; from: Date }

export async function decideReveal(
  db: Db,
  keyring: Keyring,
  row: CaseRow,
  requestId: string,
  approve: boolean,
  by: Officer,
  standing: Tenure,
): Promise<Decided> {
  if (row.stub) return { ok: false, reason: 'stub' }
  const req = await findRevealRequest(db, row.org_id, row.id, requestId)
  if (!req) return { ok: false, reason: 'not_found' }
  if (req.requested_by === by.id) return { ok: false, reason: 'same_officer' }
  // A new officer may still reject: only an approval opens the identity.
  if (approve && !standing.ok) return { ok: false, reason: 'too_new', from: standing.from }
  const status = approve ? 'approved' : 'rejected'
  if (!(await decideRevealRequest(db, req.id, { status, decided_by: by.id, decided_at: by.now })))
    return { ok: false, reason: 'decided' }
  if (!approve) return { ok: true, status: 'rejected' }
  // Told first: the notice enters the complainant's thread in the approving transaction.
  await postOfficerMessage(db, keyring, row, revealNotice(req.reason), by)
  const notifyTo = row.notify_to ? fromUtf8(await keyring.open(row.key_id, row.notify_to)) : null
  return { ok: true, status: 'approved', notifyTo }
}

export type Identity =
  | { ok: true; requestId: string; identity: Record<string, string> }
  | { ok: false; reason: 'not_named' | 'identity_forbidden' }
  | { ok: false; reason: 'not_told'; requestId: string }

/** Only the requester and the approver of an approved request, and only once the complainant was told. */
export async function openIdentity(
  db: Db,
  keyring: Keyring,
  row: CaseRow,
  adminId: string,
): Promise<Identity> {
  if (row.identity !== 'named' || !row.identity_sealed) return { ok: false, reason: 'not_named' }
  const requests = await listRevealRequests(db, row.org_id, row.id)
  const mine = requests.find(
    (r) => r.status === 'approved' && (r.requested_by === adminId || r.decided_by === adminId),
  )
  if (!mine) return { ok: false, reason: 'identity_forbidden' }
  if (!mine.complainant_told_at) return { ok: false, reason: 'not_told', requestId: mine.id }
  const parsed: unknown = JSON.parse(fromUtf8(await keyring.open(row.key_id, row.identity_sealed)))
  const identity =
    typeof parsed === 'object' && parsed !== null
      ? Object.fromEntries(
          Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
        )
      : {}
  return { ok: true, requestId: mine.id, identity }
}
