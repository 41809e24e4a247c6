import { openAsComplainant } from '../../../src/complaints/follow-access.js'
import { insertEvidence } from '../../../src/complaints/repository.js'
import type { Channel } from '../../../src/complaints/tables.js'
import { utf8 } from '../../../src/core/bytes.js'
import { Client, PASSWORD_A, PASSWORD_B, seedAccount, seedGroup } from '../../admin/helpers.js'
import { MemoryLine } from '../../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../../helpers/app.js'
import type { DbKind, Isolation } from '../../helpers/db.js'
import { fileCase as fileAndEnter } from '../file-case.js'

export const PASSWORD_C = 'correct horse battery C'
/** Content that must never reach a list, a log or a LINE push. */
export const SENTINEL = 'SENTINEL-CONTENT เงินทอนโครงการถนน'
export const NOTIFY_ID = `U${'9f'.repeat(16)}`
export const OFFICERS_GROUP = `C${'0c'.repeat(16)}`
export const OFFICERS_LABEL = 'เจ้าหน้าที่รับเรื่องร้องเรียน'

export interface World {
  t: TestApp
  line: MemoryLine
  officerA: string
  officerB: string
  owner: string
  as(who: 'a' | 'b' | 'owner' | 'broadcaster' | 'auditor'): Promise<Client>
  file(opts?: FileOptions): Promise<{ id: string; code: string; secret: string }>
  status(id: string): Promise<string>
  follow(c: { code: string; secret: string }): ReturnType<typeof openAsComplainant>
}

export interface FileOptions {
  named?: boolean
  notify?: boolean
  category?: string
  channel?: Channel
  orgId?: string
}

const ACCOUNTS = {
  a: ['officer-a@agency.go.th', PASSWORD_A],
  b: ['officer-b@agency.go.th', PASSWORD_B],
  owner: ['owner@agency.go.th', PASSWORD_C],
  broadcaster: ['news@agency.go.th', PASSWORD_C],
  auditor: ['auditor@agency.go.th', PASSWORD_C],
} as const

/** The default agency with two complaint officers, an owner, a broadcaster and an auditor. */
export async function officerWorld(
  kind: DbKind,
  opts: { now?: Date; isolation?: Isolation; env?: Record<string, string> } = {},
): Promise<World> {
  const line = new MemoryLine()
  const t = await createTestApp(kind, { line, ...opts })
  const officerA = await seedAccount(t, 'default', ACCOUNTS.a[0], 'complaint_officer', ACCOUNTS.a[1])
  const officerB = await seedAccount(t, 'default', ACCOUNTS.b[0], 'complaint_officer', ACCOUNTS.b[1])
  const owner = await seedAccount(t, 'default', ACCOUNTS.owner[0], 'owner', ACCOUNTS.owner[1])
  await seedAccount(t, 'default', ACCOUNTS.broadcaster[0], 'broadcaster', ACCOUNTS.broadcaster[1])
  await seedAccount(t, 'default', ACCOUNTS.auditor[0], 'auditor', ACCOUNTS.auditor[1])
  // Officers A and B have held the role for two months (their grants long announced): a new
  // officer's wait and announcement are tested on their own.
  await setOfficerSince(t, [officerA, officerB], new Date(t.clock.now().getTime() - 60 * DAY_MS))
  const address = {
    a: '192.0.2.21',
    b: '192.0.2.22',
    owner: '192.0.2.23',
    broadcaster: '192.0.2.24',
    auditor: '192.0.2.25',
  }
  return {
    t,
    line,
    officerA,
    officerB,
    owner,
    async as(who) {
      const c = new Client(t, address[who])
      const res = await c.login(ACCOUNTS[who][0], ACCOUNTS[who][1])
      if (res.status !== 303) throw new Error(`login as ${who}: ${res.status}`)
      return c
    },
    file: (o = {}) => fileCase(t, o),
    async status(id) {
      const row = await t.deps.db
        .selectFrom('complaint_cases')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      return row.status
    },
    follow: (c) =>
      openAsComplainant(t.deps.db, t.deps.keyring, {
        orgId: 'default',
        client: { channel: 'web', address: '192.0.2.99' },
        code: c.code,
        secret: c.secret,
        now: t.clock.now(),
      }),
  }
}

export function fileCase(t: TestApp, o: FileOptions = {}) {
  return fileAndEnter(
    t.deps.db,
    t.deps.keyring,
    {
      orgId: o.orgId ?? 'default',
      channel: o.channel ?? 'line',
      category: o.category ?? 'procurement',
      content: { what: SENTINEL, when: 'ต.ค. 2569', where: 'กองพัสดุ', who: 'หัวหน้าฝ่าย' },
      identity: o.named ? { name: 'นางสาวผู้แจ้ง ตัวอย่าง', contact: '081-000-0000' } : null,
      notifyTo: o.notify ? NOTIFY_ID : null,
    },
    { now: t.clock.now() },
  )
}

/** A piece of evidence already on the case (as intake leaves it: sealed, no draft key). */
export async function addEvidence(
  t: TestApp,
  caseId: string,
  bytes: Uint8Array<ArrayBuffer>,
  mime: string,
  name: string,
) {
  const id = crypto.randomUUID()
  await insertEvidence(t.deps.db, {
    id,
    org_id: 'default',
    case_id: caseId,
    draft_key: null,
    source_message: null,
    kind: mime.startsWith('image/') ? 'image' : 'file',
    mime,
    size_bytes: bytes.length,
    name: await t.deps.keyring.seal(utf8(name)),
    content: await t.deps.keyring.seal(bytes),
    key_id: t.deps.keyring.keyId,
    added_on: '2026-11-22',
    draft_expires_at: null,
  })
  return id
}

export async function labelOfficersGroup(t: TestApp, orgId = 'default', chatId = OFFICERS_GROUP) {
  await seedGroup(t, orgId, chatId, 'ศูนย์รับเรื่องร้องเรียน', 4)
  await t.deps.db
    .insertInto('group_labels')
    .values({ org_id: orgId, chat_id: chatId, label: OFFICERS_LABEL })
    .execute()
}

export const DAY_MS = 86_400_000

/** Moves when accounts became complaint officers (seeding makes them officers "now"), grants too. */
export async function setOfficerSince(t: TestApp, ids: string[], since: Date) {
  await t.deps.db.updateTable('admin_accounts').set({ officer_since: since }).where('id', 'in', ids).execute()
  await t.deps.db
    .updateTable('admin_officer_grants')
    .set({ granted_at: since, announced_at: since })
    .where('account_id', 'in', ids)
    .execute()
}

export const actions = async (t: TestApp) =>
  (
    await t.deps.db
      .selectFrom('admin_audit_log')
      .select(['action', 'target', 'detail', 'actor_email'])
      .where('action', 'like', 'complaint.%')
      .orderBy('id')
      .execute()
  ).map((r) => ({ action: r.action, target: r.target, detail: r.detail, actor: r.actor_email }))
