import type { ColumnType, Kysely } from 'kysely'
import { audit } from '../audit/service.js'
import type { Session } from '../console/session.js'
import { countFollowers } from '../contacts/repository.js'
import type { Database } from '../db/schema.js'

// Unit labels live in `group_labels` (the broadcast slice's table, shared with audiences).
// Declared locally through withTables so this slice compiles whichever lands first.
interface GroupLabelsTable {
  org_id: string
  chat_id: string
  label: string
  created_at: ColumnType<Date, Date | string | undefined, never>
}
const withLabels = (db: Kysely<Database>) => db.withTables<{ group_labels: GroupLabelsTable }>()

export interface GroupView {
  chatId: string
  name: string | null
  memberCount: number | null
  labels: string[]
}

export async function homeCounts(db: Kysely<Database>, orgId: string) {
  const groups = await db
    .selectFrom('line_groups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow()
  return { groups: Number(groups.n), followers: await countFollowers(db, orgId) }
}

export async function listGroups(db: Kysely<Database>, orgId: string): Promise<GroupView[]> {
  const groups = await db
    .selectFrom('line_groups')
    .select(['chat_id', 'name', 'member_count'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .orderBy('name')
    .execute()
  const labels = await withLabels(db)
    .selectFrom('group_labels')
    .select(['chat_id', 'label'])
    .where('org_id', '=', orgId)
    .orderBy('label')
    .execute()
  return groups.map((g) => ({
    chatId: g.chat_id,
    name: g.name,
    memberCount: g.member_count,
    labels: labels.filter((l) => l.chat_id === g.chat_id).map((l) => l.label),
  }))
}

/** "กองคลัง, ฝ่ายพัสดุ" → distinct trimmed labels, at most 10 of 50 characters each. */
export function parseLabels(raw: string): string[] | null {
  const labels = [
    ...new Set(
      raw
        .split(/[,\n]/)
        .map((l) => l.trim().normalize('NFC'))
        .filter((l) => l !== ''),
    ),
  ]
  if (labels.length > 10 || labels.some((l) => l.length > 50)) return null
  return labels
}

export type LabelResult = { ok: true } | { ok: false; reason: 'not_found' | 'invalid' }

/** Replaces a group's labels. Run inside the route's transaction. */
export async function setGroupLabels(
  db: Kysely<Database>,
  now: Date,
  actor: Session,
  chatId: string,
  raw: string,
): Promise<LabelResult> {
  const labels = parseLabels(raw)
  if (!labels) return { ok: false, reason: 'invalid' }
  const orgId = actor.admin.orgId
  const group = await db
    .selectFrom('line_groups')
    .select(['chat_id', 'name'])
    .where('org_id', '=', orgId)
    .where('chat_id', '=', chatId)
    .executeTakeFirst()
  if (!group) return { ok: false, reason: 'not_found' }
  const ldb = withLabels(db)
  await ldb.deleteFrom('group_labels').where('org_id', '=', orgId).where('chat_id', '=', chatId).execute()
  if (labels.length > 0) {
    await ldb
      .insertInto('group_labels')
      .values(labels.map((label) => ({ org_id: orgId, chat_id: chatId, label })))
      .execute()
  }
  // The group's display name, not its LINE id (contact class stays out of the audit log).
  await audit(db, now, {
    orgId,
    actorId: actor.admin.id,
    actorEmail: actor.admin.email,
    action: 'group.labelled',
    target: group.name ?? '(no name)',
    detail: labels.join(', '),
  })
  return { ok: true }
}
