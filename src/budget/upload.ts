import type { Kysely } from 'kysely'
import { appendAudit } from '../audit/repository.js'
import type { Session } from '../console/session.js'
import type { Clock } from '../core/clock.js'
import type { Database } from '../db/schema.js'
import type { Flows } from '../flows/types.js'
import type { UploadFields } from './pages-upload.js'
import { ensureMonthlyBroadcast, MONTHLY_TITLE, type MonthlyAudience } from './schedule.js'
import { type BudgetVersion, cardMessages, storeUpload, summaryOf } from './service.js'
import type { BudgetRow, FileType } from './types.js'

// One accepted upload, all in the route's transaction: the new version and its rows, the
// monthly broadcast when none is live yet, and the audit entries. Either all of it or none.

export interface UploadDeps {
  db: Kysely<Database>
  clock: Clock
  flows: Flows
  timeZone: string
}

export interface AcceptedUpload {
  session: Session
  fileName: string
  bytes: Uint8Array
  fields: UploadFields
  fileType: FileType
  rows: BudgetRow[]
}

export type MonthlyNote = 'created' | 'exists' | 'not_requested' | 'no_recipients' | 'refused'

const audienceOf = (f: UploadFields): MonthlyAudience =>
  f.audience === 'labels' ? { kind: 'labels', labels: f.labels } : { kind: f.audience }

export async function recordUpload(
  deps: UploadDeps,
  u: AcceptedUpload,
): Promise<{ version: BudgetVersion; monthly: MonthlyNote }> {
  const { db, clock } = deps
  const admin = u.session.admin
  const now = clock.now()
  const version = await storeUpload(db, {
    orgId: admin.orgId,
    uploader: { id: admin.id, email: admin.email },
    fileName: u.fileName,
    fileType: u.fileType,
    bytes: u.bytes,
    fiscalYear: u.fields.fiscalYear,
    asOf: u.fields.asOf,
    rows: u.rows,
    now,
  })
  const who = { org_id: admin.orgId, at: now, actor_id: admin.id, actor_email: admin.email }
  await appendAudit(db, {
    ...who,
    action: 'budget.uploaded',
    target: version.fileName,
    detail: `FY${version.fiscalYear} v${version.versionNo} · ${version.rowCount} rows · sha256 ${version.checksum.slice(0, 16)}`,
  })
  const summary = summaryOf(version, u.rows)
  if (!summary) return { version, monthly: 'refused' }
  const monthly = await ensureMonthlyBroadcast(
    { db, clock },
    {
      orgId: admin.orgId,
      adminId: admin.id,
      audience: audienceOf(u.fields),
      day: u.fields.day,
      timeZone: deps.timeZone,
      messages: cardMessages(deps.flows, summary),
    },
  )
  if (monthly.kind === 'created') {
    const detail = 'default monthly budget summary'
    await appendAudit(db, { ...who, action: 'broadcast.created', target: MONTHLY_TITLE, detail })
    await appendAudit(db, { ...who, action: 'broadcast.scheduled', target: MONTHLY_TITLE, detail })
  }
  return { version, monthly: monthly.kind === 'skipped' ? monthly.reason : monthly.kind }
}
