import { afterEach, beforeEach } from 'vitest'
import { aggregationUnitFor } from '../../src/broadcasts/units.js'
import { fixedClock } from '../../src/core/clock.js'
import { createLogger } from '../../src/core/logger.js'
import { collectLineStatistics, type InsightJobDeps, type InsightOptions } from '../../src/insights/job.js'
import type { LinePort } from '../../src/line/port.js'
import { createLineApi } from '../../src/line/sdk-adapter.js'
import { type FakeLine, type RecordedRequest, startFakeLine } from '../fakes/fake-line-server.js'
import { type DbKind, type OpenOptions, openTestDb, type TestDb } from '../helpers/db.js'

export const ORG = 'default'
/** 10:30 in Bangkok on 22 Nov: yesterday's (21 Nov) figures are due. */
export const T0 = new Date('2026-11-22T03:30:00Z')
export const DAY = '20261121'

export interface InsightHarness {
  t: TestDb
  line: FakeLine
  api: LinePort
  clock: ReturnType<typeof fixedClock>
  logs: string[]
  deps(over?: Partial<InsightOptions>): InsightJobDeps
  /** One minute's run of the job at the clock's time. */
  run(over?: Partial<InsightOptions>): Promise<void>
  /** Insight requests the fake LINE received, by path tail, with their query. */
  asked(): { what: string; query: Record<string, string>; status: number | null }[]
}

/** A database, a fake LINE over HTTP on the test clock, and the real adapter in front of it. */
export function useInsightHarness(kind: DbKind, opts: OpenOptions = {}): InsightHarness {
  const h = {} as InsightHarness
  beforeEach(async () => {
    h.t = await openTestDb(kind, opts)
    h.clock = fixedClock(T0)
    h.line = await startFakeLine({ now: () => h.clock.now().getTime() })
    h.api = createLineApi({
      accessToken: h.line.token,
      apiBaseUrl: h.line.url,
      dataApiBaseUrl: h.line.url,
      timeoutMs: 2_000,
    })
    h.logs = []
    const log = createLogger({ level: 'debug', write: (l) => h.logs.push(l) })
    h.deps = (over = {}) => ({
      db: h.t.db,
      lines: async () => h.api,
      log,
      timeZone: 'Asia/Bangkok',
      options: over,
    })
    h.run = (over = {}) => collectLineStatistics(h.deps(over), [ORG], h.clock.now())
    h.asked = () =>
      h.line
        .requests()
        .filter((r: RecordedRequest) => r.path.startsWith('/v2/bot/insight/'))
        .map((r) => ({ what: r.path.split('/').at(-1) ?? '', query: r.query, status: r.status }))
  })
  afterEach(async () => {
    await h.line.close()
    await h.t.close()
  })
  return h
}

/** A broadcast pushed to one group at `sentAt` (or to all followers through LINE's broadcast). */
export async function seedSent(
  h: InsightHarness,
  sentAt: Date,
  opts: { allFollowers?: boolean; recipients?: number } = {},
) {
  const id = crypto.randomUUID()
  const runId = crypto.randomUUID()
  const db = h.t.db
  const common = { org_id: ORG, messages: '[]', audience: 'aud', measure: 'nogift' }
  await db
    .insertInto('broadcasts')
    .values({
      ...common,
      id,
      title: 't',
      time_zone: 'Asia/Bangkok',
      template: 'text',
      run_at: sentAt,
      recurrence: null,
      status: 'sent',
      next_run_at: null,
      created_by: 'a',
    })
    .execute()
  await db
    .insertInto('broadcast_runs')
    .values({
      ...common,
      id: runId,
      broadcast_id: id,
      reason: null,
      scheduled_for: sentAt,
      status: 'sent',
      started_at: sentAt,
      finished_at: sentAt,
    })
    .execute()
  const n = opts.recipients ?? 1
  await db
    .insertInto('broadcast_deliveries')
    .values(
      Array.from({ length: n }, (_, i) => ({
        org_id: ORG,
        run_id: runId,
        recipient: opts.allFollowers ? 'all_followers' : `C${String(i).padStart(32, '0')}`,
        recipient_type: opts.allFollowers ? ('all_followers' as const) : ('group' as const),
        status: 'sent' as const,
        retry_key: crypto.randomUUID(),
        next_attempt_at: sentAt,
        sent_at: new Date(sentAt.getTime() + i * 1000),
      })),
    )
    .execute()
  return { id, unit: aggregationUnitFor(id) }
}
