import { addLabel, saveAudience } from '../../src/broadcasts/audiences.js'
import { cancelBroadcast } from '../../src/broadcasts/lifecycle.js'
import { type BroadcastInput, createDraft, scheduleBroadcast } from '../../src/broadcasts/service.js'
import { ALL_FOLLOWERS, type BroadcastRow } from '../../src/broadcasts/tables.js'
import { DEFAULT_SEND_OPTIONS, tick } from '../../src/broadcasts/tick.js'
import { upsertFriend } from '../../src/contacts/repository.js'
import { appendEvents, type EngagementEvent, engagementChatKey } from '../../src/engagement/events.js'
import type { ReportDeps } from '../../src/evidence/report.js'
import type { LineMessage, PushOptions, SendResult } from '../../src/line/port.js'
import { fileCase } from '../complaints/file-case.js'
import { MemoryLine } from '../fakes/memory-line.js'
import type { TestApp } from '../helpers/app.js'
import { chatAs } from '../helpers/chat.js'
import { fromGroup, fromUser } from '../helpers/line-events.js'

// A small but realistic fiscal year 2569 (1 Oct 2025 – 30 Sep 2026) of the 'default'
// organization for the report service's tests, written through the real writers where it
// matters: broadcasts sent by the scheduler's tick to a LINE double, pledges and the
// declaration through the signed webhook, complaints through the complaint service; the rest
// appended as the handlers append them. The figures the tests expect are worked out by hand
// from what is written here.

export const ORG = 'default'
export const OTHER = 'other-agency'
export const G = {
  /** กองคลัง, 10 members */
  g1: `C${'1'.repeat(32)}`,
  /** กองคลัง, 6 members: the No Gift reminder fails to reach it */
  g2: `C${'2'.repeat(32)}`,
  /** กองการเจ้าหน้าที่, 8 members */
  g3: `C${'3'.repeat(32)}`,
  /** no label, 4 members: never reached */
  g4: `C${'4'.repeat(32)}`,
}
export const U = Object.fromEntries(
  ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'x', 'y'].map((c) => [c, `U${c.repeat(32)}`]),
) as Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'x' | 'y', string>

/** A LINE double that refuses pushes to the chats in `refuse` (a group the bot was removed from). */
export class ScriptedLine extends MemoryLine {
  refuse = new Set<string>()
  override async push(to: string, messages: LineMessage[], opts: PushOptions): Promise<SendResult> {
    if (!this.refuse.has(to)) return super.push(to, messages, opts)
    this.calls.push({ op: 'push', to, messages, opts })
    return { kind: 'rejected', status: 400, detail: 'not a member' }
  }
}

export const at = (iso: string) => new Date(iso)

export function reportDeps(t: TestApp): ReportDeps {
  const { db, keyring, flows, clock, config } = t.deps
  return { db, keyring, flows, clock, timeZone: config.timeZone }
}

type Ev = Omit<EngagementEvent, 'chatKey' | 'placeKey'> & { chat: string | null; place: string | null }

/** Appends events as the handlers do, keying the chat and the place with the app's keyring. */
export async function appendAs(t: TestApp, list: Ev[]): Promise<void> {
  const k = (id: string | null) => (id ? engagementChatKey(t.deps.keyring, id) : Promise.resolve(null))
  const out: EngagementEvent[] = []
  for (const { chat, place, ...e } of list)
    out.push({ ...e, chatKey: await k(chat), placeKey: await k(place) })
  await appendEvents(t.deps.db, out)
}

export const ev = (
  kind: string,
  measure: string | null,
  iso: string,
  chat: string | null,
  place: string | null = null,
  data: Record<string, unknown> = {},
  orgId = ORG,
): Ev => ({ orgId, kind, measure, occurredAt: at(iso), data, chat, place })

async function sendDue(t: TestApp, line: ScriptedLine, when: Date): Promise<void> {
  t.clock.set(when)
  const deps = {
    db: t.deps.db,
    lineFor: async () => line,
    keyring: t.deps.keyring,
    clock: t.clock,
    sleep: async () => {},
    options: { ...DEFAULT_SEND_OPTIONS, maxPerSecond: null },
  }
  for (let i = 0; i < 5; i++) await tick(deps, t.clock.now())
}

async function broadcast(
  t: TestApp,
  input: Partial<BroadcastInput> & { runAt: Date },
): Promise<BroadcastRow> {
  t.clock.set(new Date(input.runAt.getTime() - 3_600_000))
  const deps = { db: t.deps.db, clock: t.clock }
  const made = await createDraft(deps, ORG, 'admin-1', {
    timeZone: 'Asia/Bangkok',
    title: 'ข้อความ',
    template: 'text',
    messages: [{ type: 'text', text: 'ข้อความ' }],
    audience: 'aud-units',
    ...input,
  })
  if (!made.ok) throw new Error(made.error.code)
  const s = await scheduleBroadcast(deps, ORG, made.value.id)
  if (!s.ok) throw new Error(s.error.code)
  return s.value
}

export async function groups(t: TestApp, org: string, rows: [string, number | null, string | null][]) {
  const since = at('2025-06-01T00:00:00Z')
  for (const [id, members, label] of rows) {
    await t.deps.db
      .insertInto('line_groups')
      .values({
        org_id: org,
        chat_id: id,
        chat_type: 'group',
        status: 'active',
        member_count: members,
        joined_at: since,
        updated_at: since,
      })
      .execute()
    if (label) await addLabel(t.deps.db, org, id, label)
  }
}

export interface SeededYear {
  nogiftReminder: BroadcastRow
  songkran: BroadcastRow
  budgetMonthly: BroadcastRow
}

async function complaints(t: TestApp): Promise<void> {
  // Six through LINE and one on the web in the year, and one in the other agency.
  const file = (orgId: string, channel: 'line' | 'web', day: string) =>
    fileCase(
      t.deps.db,
      t.deps.keyring,
      { orgId, channel, category: 'bribery', content: { what: 'x' }, identity: null, notifyTo: null },
      { now: at(`${day}T03:00:00Z`) },
    )
  for (const day of ['2025-10-20', '2025-11-20', '2026-01-20', '2026-02-20', '2026-03-20', '2026-06-20']) {
    await file(ORG, 'line', day)
  }
  await file(ORG, 'web', '2026-07-20')
  await file(OTHER, 'line', '2026-07-20')
}

export async function seedYear(t: TestApp, line: ScriptedLine): Promise<SeededYear> {
  const db = t.deps.db
  const since = at('2025-06-01T00:00:00Z')
  await groups(t, ORG, [
    [G.g1, 10, 'กองคลัง'],
    [G.g2, 6, 'กองคลัง'],
    [G.g3, 8, 'กองการเจ้าหน้าที่'],
    [G.g4, 4, null],
  ])
  for (const u of [U.a, U.b, U.c]) await upsertFriend(db, ORG, u, 'following', since)
  const units = [
    { kind: 'label' as const, value: 'กองคลัง' },
    { kind: 'label' as const, value: 'กองการเจ้าหน้าที่' },
  ]
  await saveAudience(db, ORG, 'aud-units', 'ทุกกอง', units, since)
  await saveAudience(db, ORG, 'aud-finance', 'กองคลัง', [{ kind: 'label', value: 'กองคลัง' }], since)

  // Budget: monthly on the 1st at 09:00 Bangkok to กองคลัง (G1, G2); two runs, then cancelled.
  const budgetMonthly = await broadcast(t, {
    title: 'สรุปงบประมาณรายเดือน',
    audience: 'aud-finance',
    measure: 'budget',
    runAt: at('2025-10-01T01:00:00Z'),
    recurrence: '0 9 1 * *',
    timeZone: 'Asia/Bangkok',
  })
  await sendDue(t, line, at('2025-10-01T02:00:00Z'))
  await sendDue(t, line, at('2025-11-01T02:00:00Z'))
  await cancelBroadcast({ db, clock: t.clock }, ORG, budgetMonthly.id)

  // No Gift: a reminder before New Year to every unit, which G2 refuses…
  const nogiftReminder = await broadcast(t, {
    title: 'เตือนก่อนปีใหม่',
    template: 'nogift',
    measure: 'nogift',
    runAt: at('2025-12-20T02:00:00Z'),
  })
  line.refuse.add(G.g2)
  await sendDue(t, line, at('2025-12-20T02:00:00Z'))
  line.refuse.clear()
  // …and one before Songkran to all followers (LINE's broadcast: one delivery, no key).
  const songkran = await broadcast(t, {
    title: 'เตือนก่อนสงกรานต์',
    template: 'nogift',
    measure: 'nogift',
    audience: ALL_FOLLOWERS,
    runAt: at('2026-04-06T02:00:00Z'),
  })
  await sendDue(t, line, at('2026-04-06T02:00:00Z'))

  // Pledges through the webhook: three in G1, one in G3, b again (not counted), a again in 1:1.
  const pledge = (ref: string) => `action=pledge&m=nogift&ref=${ref}`
  t.clock.set(at('2025-12-21T03:00:00Z'))
  for (const u of [U.a, U.b, U.c]) await chatAs(t, line, fromGroup(G.g1, u)).tap(pledge(nogiftReminder.id))
  await chatAs(t, line, fromGroup(G.g1, U.b)).tap(pledge(nogiftReminder.id))
  t.clock.set(at('2025-12-22T03:00:00Z'))
  await chatAs(t, line, fromGroup(G.g3, U.d)).tap(pledge(nogiftReminder.id))
  t.clock.set(at('2026-04-07T03:00:00Z'))
  await chatAs(t, line, fromUser(U.a)).tap(pledge(songkran.id))
  // The declaration asked for in 1:1.
  t.clock.set(at('2026-01-05T03:00:00Z'))
  await chatAs(t, line, fromUser(U.e)).say('ประกาศเจตนารมณ์')

  await appendAs(t, [
    ev('gift.reported', 'nogift', '2026-05-10T03:00:00Z', U.h, null, { handling: 'returned' }),
    ev('question.asked', 'budget', '2026-02-03T00:00:00Z', null, null, { kind: 'ask' }),
    ev('question.asked', 'budget', '2026-02-03T00:00:00Z', null, null, { kind: 'object' }),
    ev('quiz.completed', 'assets', '2025-10-15T03:00:00Z', U.a, G.g1, { score: 3, total: 3 }),
    ev('quiz.completed', 'assets', '2025-11-02T03:00:00Z', U.b, null, { score: 2, total: 3 }),
    ev('quiz.completed', 'assets', '2026-02-10T03:00:00Z', U.f, null, { score: 1, total: 3 }),
    ev('guide.viewed', 'assets', '2025-10-15T03:00:00Z', U.a, G.g1),
    ev('guide.viewed', 'assets', '2026-03-01T03:00:00Z', U.g),
    // 23:59:59.999 on 30 September in Bangkok is FY2568; midnight is FY2569.
    ev('guide.viewed', 'assets', '2025-09-30T16:59:59.999Z', U.x),
    ev('guide.viewed', 'assets', '2025-09-30T17:00:00.000Z', U.y),
    // Another agency, with the same groups and people: never counted here.
    ev('pledge', 'nogift', '2025-12-21T03:00:00Z', U.c, G.g1, {}, OTHER),
    ev('guide.viewed', 'assets', '2026-01-01T03:00:00Z', U.f, G.g3, {}, OTHER),
    ev('message.sent', 'budget', '2026-01-01T03:00:00Z', G.g1, G.g1, {}, OTHER),
  ])
  await groups(t, OTHER, [[G.g1, 50, 'กองคลัง']])
  await complaints(t)
  t.clock.set(at('2026-11-22T03:00:00Z'))
  return { nogiftReminder, songkran, budgetMonthly }
}
