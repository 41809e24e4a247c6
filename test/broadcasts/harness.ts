import { afterEach, beforeEach } from 'vitest'
import { saveAudience } from '../../src/broadcasts/audiences.js'
import { type BroadcastInput, createDraft, scheduleBroadcast } from '../../src/broadcasts/service.js'
import { ALL_FOLLOWERS, type BroadcastRow } from '../../src/broadcasts/tables.js'
import { DEFAULT_SEND_OPTIONS, type TickDeps, type TickReport, tick } from '../../src/broadcasts/tick.js'
import { updateGroupProfile, upsertFriend, upsertGroupJoined } from '../../src/contacts/repository.js'
import { fixedClock } from '../../src/core/clock.js'
import { createKeyring, type Keyring } from '../../src/core/keyring.js'
import type { LinePort } from '../../src/line/port.js'
import { createLineApi, type LineApiOptions } from '../../src/line/sdk-adapter.js'
import { type FakeLine, startFakeLine } from '../fakes/fake-line-server.js'
import { TEST_APP_SECRET, TEST_DATA_KEY } from '../helpers/app.js'
import { type DbKind, type OpenOptions, openTestDb, type TestDb } from '../helpers/db.js'

export const ORG = 'default'
export const T0 = new Date('2026-11-22T03:00:00Z')
export const AUDIENCE = 'aud-finance'
export const text = (t: string) => [{ type: 'text' as const, text: t }]

export const groupId = (i: number) => `C${i.toString(16).padStart(32, '0')}`
export const userId = (i: number) => `U${i.toString(16).padStart(32, '0')}`

export interface Harness {
  t: TestDb
  line: FakeLine
  api: LinePort
  keyring: Keyring
  clock: ReturnType<typeof fixedClock>
  /** Another adapter on the same fake (e.g. a short timeout). */
  apiWith(o: Partial<LineApiOptions>): LinePort
  deps(over?: Partial<TickDeps>): TickDeps
  /** Ticks at the clock's time until no run is open, advancing the clock by `stepMs` between ticks. */
  drain(over?: Partial<TickDeps>, stepMs?: number): Promise<TickReport[]>
}

/** A database, a fake LINE over HTTP and an adapter whose backoff does not wait. */
export function useHarness(kind: DbKind, opts: OpenOptions = {}): Harness {
  const h = {} as Harness
  beforeEach(async () => {
    h.t = await openTestDb(kind, opts)
    h.line = await startFakeLine()
    h.keyring = await createKeyring(TEST_APP_SECRET, TEST_DATA_KEY)
    h.clock = fixedClock(T0)
    h.apiWith = (o) =>
      createLineApi({
        accessToken: h.line.token,
        apiBaseUrl: h.line.url,
        dataApiBaseUrl: h.line.url,
        // Generous: a loaded machine must not turn a slow answer on loopback into a LINE timeout.
        // Tests of timeouts set their own (apiWith).
        timeoutMs: 10_000,
        sleep: async () => {},
        ...o,
      })
    h.api = h.apiWith({})
    h.deps = (over = {}) => ({
      db: h.t.db,
      lineFor: async () => h.api,
      keyring: h.keyring,
      clock: h.clock,
      sleep: async () => {},
      ...over,
      options: { ...DEFAULT_SEND_OPTIONS, maxPerSecond: null, ...over.options },
    })
    h.drain = async (over = {}, stepMs = 60_000) => {
      const reports: TickReport[] = []
      for (let i = 0; i < 50; i++) {
        reports.push(await tick(h.deps(over), h.clock.now()))
        const open = await h.t.db
          .selectFrom('broadcast_runs')
          .select('id')
          .where('status', 'in', ['pending', 'sending'])
          .execute()
        if (open.length === 0) return reports
        h.clock.advance(stepMs)
      }
      throw new Error('runs still open after 50 ticks')
    }
  })
  afterEach(async () => {
    await h.line.close()
    await h.t.close()
  })
  return h
}

/** n active groups labelled 'กองคลัง' (one member each unless given), in an audience by label. */
export async function seedGroups(h: Harness, n: number, members: number | null = 1): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => groupId(i + 1))
  const db = h.t.db
  for (const chunk of chunks(ids, 500)) {
    await db
      .insertInto('line_groups')
      .values(
        chunk.map((id) => ({
          org_id: ORG,
          chat_id: id,
          chat_type: 'group' as const,
          status: 'active' as const,
          member_count: members,
          joined_at: T0,
          updated_at: T0,
        })),
      )
      .execute()
    await db
      .insertInto('group_labels')
      .values(chunk.map((id) => ({ org_id: ORG, chat_id: id, label: 'กองคลัง' })))
      .execute()
  }
  if (members !== null) for (const id of ids.slice(0, 20)) h.line.setGroup(id, { name: 'g', members })
  await saveAudience(db, ORG, AUDIENCE, 'กองคลัง', [{ kind: 'label', value: 'กองคลัง' }], T0)
  return ids
}

export async function seedFollowers(h: Harness, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => userId(i + 1))
  for (const id of ids) await upsertFriend(h.t.db, ORG, id, 'following', T0)
  h.line.setFollowers(ids)
  return ids
}

export { ALL_FOLLOWERS, updateGroupProfile, upsertGroupJoined }

export function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n))
  return out
}

/** Recipients LINE accepted, with how many times each. */
export function deliveredCounts(line: FakeLine): Map<string, number> {
  const m = new Map<string, number>()
  for (const d of line.delivered()) m.set(d.to, (m.get(d.to) ?? 0) + 1)
  return m
}

/** A broadcast created and scheduled through the service (due now unless runAt is given). */
export async function scheduled(h: Harness, input: Partial<BroadcastInput> = {}): Promise<BroadcastRow> {
  const deps = { db: h.t.db, clock: h.clock }
  const created = await createDraft(deps, ORG, 'admin-1', {
    timeZone: 'Asia/Bangkok',
    title: 'No Gift reminder',
    template: 'nogift',
    messages: text('งดให้ งดรับของขวัญ'),
    audience: AUDIENCE,
    measure: 'nogift',
    runAt: h.clock.now(),
    ...input,
  })
  if (!created.ok) throw new Error(`createDraft: ${created.error.code}`)
  const s = await scheduleBroadcast(deps, ORG, created.value.id)
  if (!s.ok) throw new Error(`scheduleBroadcast: ${s.error.code}`)
  return s.value
}
