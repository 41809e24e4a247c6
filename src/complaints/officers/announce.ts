import type { Kysely } from 'kysely'
import { noticeSince } from '../../admin/officer-grants.js'
import {
  claimAnnouncement,
  linkedOfficers,
  listUnannounced,
  releaseAnnouncement,
} from '../../admin/officer-grants-repository.js'
import { fromUtf8 } from '../../core/bytes.js'
import { uuidFromName } from '../../core/ids.js'
import type { Keyring } from '../../core/keyring.js'
import { errorFields, type Logger } from '../../core/logger.js'
import { formatThaiDateTime } from '../../core/time/index.js'
import type { Database } from '../../db/schema.js'
import type { LineMessage, LineResolver } from '../../line/port.js'
import { officerGroups } from '../reminders-repository.js'

// A new complaint officer is announced in LINE to the officers already there: to the officers'
// group(s) (labelled COMPLAINT_OFFICERS_LABEL) when there is one, otherwise to each officer's
// own linked LINE account. Each grant is claimed before sending, so two instances send once;
// when LINE cannot be reached at all the claim is given back and a later minute tries again.
// Grants older than the banner's 30 days are no longer news and are left alone.

export interface AnnounceDeps {
  db: Kysely<Database>
  log: Logger
  lines: LineResolver
  keyring: Keyring
  label: string
  timeZone: string
  tenureDays: number
}

const RETRYABLE = new Set(['unavailable', 'rate_limited'])
/** LINE's limit for one text message. */
const TEXT_MAX = 5000

export const grantedByLabel = (by: string) => (by === 'cli' ? 'คำสั่ง admin:create (CLI)' : by)

export function announcementText(
  g: { email: string; granted_by: string; granted_at: Date },
  timeZone: string,
  tenureDays: number,
): LineMessage[] {
  const text = [
    'แจ้งเจ้าหน้าที่รับเรื่องร้องเรียน: มีการให้สิทธิ์เจ้าหน้าที่รับเรื่องร้องเรียนแก่บัญชีใหม่',
    `บัญชี: ${g.email}`,
    `ผู้ให้สิทธิ์: ${grantedByLabel(g.granted_by)}`,
    `เมื่อ: ${formatThaiDateTime(g.granted_at, timeZone)}`,
    `บัญชีนี้จะอนุมัติการเปิดเผยตัวตนผู้ร้องเรียนไม่ได้จนครบ ${tenureDays} วัน หากไม่ทราบเรื่องนี้ โปรดตรวจสอบในระบบ`,
  ].join('\n')
  return [{ type: 'text', text: text.slice(0, TEXT_MAX) }]
}

async function recipients(deps: AnnounceDeps, orgId: string, grantee: string): Promise<string[]> {
  const groups = await officerGroups(deps.db, orgId, deps.label)
  if (groups.length > 0) return groups
  const linked = await linkedOfficers(deps.db, orgId, grantee)
  return Promise.all(linked.map(async (l) => fromUtf8(await deps.keyring.open(l.key_id, l.line_user))))
}

/** Announces the grants not yet announced (one organization's, or all); returns how many went. */
export async function announceOfficerGrants(deps: AnnounceDeps, now: Date, orgId?: string): Promise<number> {
  let sent = 0
  for (const g of await listUnannounced(deps.db, noticeSince(now), orgId)) {
    const line = await deps.lines(g.org_id)
    if (!line) continue
    const to = await recipients(deps, g.org_id, g.account_id)
    // Nobody to tell in LINE yet: the console banner shows it; a later minute tries again.
    if (to.length === 0) continue
    if (!(await claimAnnouncement(deps.db, g.id, now))) continue
    const messages = announcementText(g, deps.timeZone, deps.tenureDays)
    const results: string[] = []
    for (const recipient of to) {
      const retryKey = await uuidFromName(`officer-grant:${g.id}:${recipient}`)
      results.push((await line.push(recipient, messages, { retryKey })).kind)
    }
    if (results.every((k) => RETRYABLE.has(k))) {
      await releaseAnnouncement(deps.db, g.id)
      deps.log.warn('officer_grant.announce_failed', { outcome: results[0] ?? null })
      continue
    }
    sent++
    deps.log.info('officer_grant.announced', { recipients: results.length })
  }
  return sent
}

/** For the minute's job and the console: failures are logged, never thrown. */
export async function announceOfficerGrantsSafely(deps: AnnounceDeps, now: Date, orgId?: string) {
  try {
    await announceOfficerGrants(deps, now, orgId)
  } catch (err) {
    deps.log.error('officer_grant.announce_error', errorFields(err))
  }
}

/** The announcement's dependencies from the app's or the minute job's. */
export const announceDeps = (d: {
  db: Kysely<Database>
  log: Logger
  lines: LineResolver
  keyring: Keyring
  config: {
    timeZone: string
    env: { COMPLAINT_OFFICERS_LABEL: string; COMPLAINT_OFFICER_TENURE_DAYS: number }
  }
}): AnnounceDeps => ({
  db: d.db,
  log: d.log,
  lines: d.lines,
  keyring: d.keyring,
  label: d.config.env.COMPLAINT_OFFICERS_LABEL,
  timeZone: d.config.timeZone,
  tenureDays: d.config.env.COMPLAINT_OFFICER_TENURE_DAYS,
})
