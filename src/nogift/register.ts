import type { Kysely } from 'kysely'
import { fromUtf8 } from '../core/bytes.js'
import type { Keyring } from '../core/keyring.js'
import { fiscalYearRange } from '../core/time/index.js'
import type { Database } from '../db/schema.js'
import { bandOf } from './gifts.js'
import { findGiftReport, listGiftReports } from './repository.js'
import type { GiftStatus } from './tables.js'

export interface GiftRow {
  id: string
  reference: string
  giverType: string
  valueBaht: string
  band: ReturnType<typeof bandOf>
  receivedOn: string
  handling: string
  status: GiftStatus
}

type Listed = Awaited<ReturnType<typeof listGiftReports>>[number]
const toGiftRow = (r: Listed): GiftRow => ({
  id: r.id,
  reference: r.reference,
  giverType: r.giver_type,
  valueBaht: r.value_baht,
  band: bandOf(r.value_baht),
  receivedOn: r.received_on,
  handling: r.handling,
  status: r.status,
})

export async function giftRegister(db: Kysely<Database>, orgId: string, fy: number): Promise<GiftRow[]> {
  const { from, to } = fiscalYearRange(fy)
  return (await listGiftReports(db, orgId, from, to)).map(toGiftRow)
}

/** One report with its sealed description opened: the route records the read in the audit log. */
export async function openGift(db: Kysely<Database>, keyring: Keyring, orgId: string, id: string) {
  const row = await findGiftReport(db, orgId, id)
  if (!row) return null
  const details = row.details ? fromUtf8(await keyring.open(row.key_id, row.details)) : ''
  return { gift: toGiftRow(row), details, reviewedAt: row.reviewed_at }
}
