import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type {
  CaseStatus,
  ComplaintCasesTable,
  ComplaintEvidenceTable,
  ComplaintMessagesTable,
  Outcome,
} from './tables.js'

type Db = Kysely<Database>

export async function insertCase(db: Db, row: Insertable<ComplaintCasesTable>): Promise<void> {
  await db.insertInto('complaint_cases').values(row).execute()
}

export function findCaseByCode(db: Db, orgId: string, code: string) {
  return db
    .selectFrom('complaint_cases')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('code', '=', code)
    .executeTakeFirst()
}

export function findCase(db: Db, orgId: string, id: string) {
  return db
    .selectFrom('complaint_cases')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function insertEvidence(db: Db, row: Insertable<ComplaintEvidenceTable>): Promise<void> {
  await db.insertInto('complaint_evidence').values(row).execute()
}

export async function lastEvidencePosition(db: Db, caseId: string): Promise<number> {
  const r = await db
    .selectFrom('complaint_evidence')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('case_id', '=', caseId)
    .executeTakeFirst()
  return Number(r?.p ?? 0)
}

export function countEvidence(db: Db, caseId: string) {
  return db
    .selectFrom('complaint_evidence')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow()
}

export function listMessages(db: Db, caseId: string) {
  return db
    .selectFrom('complaint_messages')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute()
}

/** The next message number of a case; the unique (case, seq) index settles a race. */
export async function insertMessage(
  db: Db,
  row: Omit<Insertable<ComplaintMessagesTable>, 'seq'>,
): Promise<number> {
  const last = await db
    .selectFrom('complaint_messages')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('case_id', '=', row.case_id)
    .executeTakeFirst()
  const seq = Number(last?.seq ?? 0) + 1
  await db
    .insertInto('complaint_messages')
    .values({ ...row, seq })
    .execute()
  return seq
}

export async function insertStatus(
  db: Db,
  row: {
    org_id: string
    case_id: string
    status: CaseStatus
    outcome: Outcome | null
    officer_id: string | null
    at: Date
  },
): Promise<void> {
  await db.insertInto('complaint_status_log').values(row).execute()
}

/** The complainant asked to stop LINE notices: the only LINE id ever kept with a case goes. */
export async function clearNotify(db: Db, caseId: string): Promise<void> {
  await db.updateTable('complaint_cases').set({ notify_to: null }).where('id', '=', caseId).execute()
}
