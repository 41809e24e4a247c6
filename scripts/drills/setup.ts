/**
 * What every drill sets up: its own PostgreSQL (migrated), the fake LINE, N instances of the
 * built bot pointed at both (each at its own port of the fake), and helpers to seed groups and
 * schedule a broadcast the way the console does (service functions, then the minute tick).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { saveAudience } from '../../src/broadcasts/audiences.js'
import { listRuns } from '../../src/broadcasts/repository.js'
import { createDraft, scheduleBroadcast } from '../../src/broadcasts/service.js'
import { systemClock } from '../../src/core/clock.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { createPgDb } from '../../src/db/pg.js'
import type { Database } from '../../src/db/schema.js'
import { type Bot, health, startBot } from './bot.js'
import { DRILL_LINE_TOKEN, type DrillLine } from './fake-line.js'
import { type DrillPostgres, freePort, startPostgres } from './postgres.js'

export const SECRET = 'd'.repeat(32)
export const ORG = 'default'
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The bot's environment for instance `i` against this fake LINE (and database, when given). */
export function botEnv(line: DrillLine, i: number, databaseUrl?: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LINE_CHANNEL_SECRET: SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: DRILL_LINE_TOKEN,
    LINE_API_BASE_URL: line.urls[i] ?? line.urls[0] ?? '',
    LINE_DATA_API_BASE_URL: line.urls[i] ?? line.urls[0] ?? '',
    APP_SECRET: 'drill-app-secret-drill-app-secret-0123',
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl ?? '',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'drill-data-')),
  }
}

export interface Cluster {
  pg: DrillPostgres
  db: Kysely<Database>
  bots: Bot[]
  /** Starts instance i again on its port and environment (a supervisor's restart). */
  restart(i: number): Promise<Bot>
  /** Every instance started, restarted ones' first lives included (for their logs). */
  everyBot(): Bot[]
  close(): Promise<void>
}

/** PostgreSQL, migrated, and `n` instances on it (started one after another). */
export async function cluster(
  line: DrillLine,
  n: number,
  extra: (i: number) => { env?: Record<string, string>; nodeArgs?: string[] } = () => ({}),
): Promise<Cluster> {
  const pg = await startPostgres()
  const db = createPgDb(pg.url, { max: 4 })
  const migrated = await migrateToLatest(db)
  if (!migrated.ok) throw new Error(`migration failed: ${migrated.error}`)
  const bots: Bot[] = []
  /** Instances replaced by a restart: their logs still count. */
  const retired: Bot[] = []
  const specs: Parameters<typeof startBot>[0][] = []
  try {
    for (let i = 0; i < n; i++) {
      const x = extra(i)
      const spec = {
        name: String.fromCharCode(65 + i),
        port: await freePort(),
        env: { ...botEnv(line, i, pg.url), ...x.env },
        nodeArgs: x.nodeArgs ?? [],
      }
      specs.push(spec)
      bots.push(await startBot(spec))
    }
  } catch (err) {
    for (const b of bots) await b.stop()
    pg.destroy()
    throw err
  }
  return {
    pg,
    db,
    bots,
    everyBot: () => [...retired, ...bots],
    async restart(i) {
      const spec = specs[i]
      if (!spec) throw new Error(`no instance ${i}`)
      const bot = await startBot({ ...spec, name: `${spec.name}'` })
      const old = bots[i]
      if (old) retired.push(old)
      bots[i] = bot
      return bot
    },
    async close() {
      for (const b of retired) await b.stop()
      for (const b of bots) await b.stop()
      await db.destroy().catch(() => undefined)
      pg.destroy()
    },
  }
}

/** `n` active groups labelled `label`, in an audience of that name; their ids. */
export async function seedGroups(db: Kysely<Database>, prefix: string, n: number, audience: string) {
  const now = new Date()
  const ids = Array.from(
    { length: n },
    (_, i) => `C${prefix}${(i + 1).toString(16).padStart(32 - prefix.length, '0')}`,
  )
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000)
    await db
      .insertInto('line_groups')
      .values(
        chunk.map((id) => ({
          org_id: ORG,
          chat_id: id,
          chat_type: 'group' as const,
          status: 'active' as const,
          member_count: 12,
          updated_at: now,
        })),
      )
      .execute()
    await db
      .insertInto('group_labels')
      .values(chunk.map((id) => ({ org_id: ORG, chat_id: id, label: audience })))
      .execute()
  }
  await saveAudience(db, ORG, audience, audience, [{ kind: 'label', value: audience }], now)
  return ids
}

/** A No Gift broadcast to `audience`, due now: the next minute tick of any instance sends it. */
export async function scheduleNow(db: Kysely<Database>, audience: string): Promise<string> {
  const created = await createDraft({ db, clock: systemClock }, ORG, 'drill', {
    timeZone: 'Asia/Bangkok',
    title: 'No Gift',
    template: 'nogift',
    messages: [{ type: 'text', text: 'งดให้ งดรับของขวัญและประโยชน์อื่นใด (No Gift Policy)' }],
    audience,
    measure: 'nogift',
    runAt: new Date(),
  })
  if (!created.ok) throw new Error(created.error.en)
  const scheduled = await scheduleBroadcast({ db, clock: systemClock }, ORG, created.value.id)
  if (!scheduled.ok) throw new Error(scheduled.error.en)
  return created.value.id
}

/** The run's status (null before the tick made it). */
export async function runStatus(db: Kysely<Database>, broadcastId: string): Promise<string | null> {
  const [run] = await listRuns(db, ORG, broadcastId)
  return run?.status ?? null
}

export const finished = (status: string | null) =>
  status !== null && status !== 'pending' && status !== 'sending'

/** Waits until the wall clock's seconds reach `second` (node-cron ticks at :00). */
export async function untilSecond(second: number): Promise<void> {
  for (;;) {
    if (new Date().getSeconds() === second) return
    await sleep(200)
  }
}

/**
 * Waits until nothing more happens: no request pending at the fake, no new accepted answer for
 * `quietMs`, and every live instance's inbox empty; at most `maxMs`. Returns when the last
 * answer was accepted (Date.now()).
 */
export async function settle(line: DrillLine, bots: Bot[], quietMs = 4000, maxMs = 120_000): Promise<number> {
  const t0 = Date.now()
  let count = line.accepted().length
  let changed = Date.now()
  while (Date.now() - t0 < maxMs) {
    await sleep(500)
    const now = line.accepted().length
    if (now !== count) {
      count = now
      changed = Date.now()
    }
    if (Date.now() - changed < quietMs || line.pending().length > 0) continue
    let idle = true
    for (const b of bots.filter((x) => !x.exited())) {
      const h = await health(b.url)
      const inbox = h.body?.inbox as { pending?: number } | undefined
      if (h.status !== 200 || (inbox?.pending ?? 0) > 0) idle = false
    }
    if (idle) break
  }
  return line.accepted().at(-1)?.at ?? Date.now()
}

/** Median and 99th percentile of a list. */
export function percentiles(xs: number[]): { p50: number; p99: number; max: number } {
  const s = [...xs].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0
  return { p50: at(0.5), p99: at(0.99), max: s.at(-1) ?? 0 }
}

/** Log lines per event, error and warn, summed over instances: "event ×n, …". */
export function problemLines(bots: Bot[]): string {
  const m = new Map<string, number>()
  for (const b of bots) for (const [k, v] of b.problems()) m.set(k, (m.get(k) ?? 0) + v)
  const list = [...m.entries()].sort((a, b) => b[1] - a[1])
  return list.length === 0 ? 'none' : list.map(([k, v]) => `${k} ×${v}`).join(', ')
}

/** The most lines any one warn/error event wrote within one second (a log flood), and which. */
export function logPeak(bots: Bot[]): { event: string; perSecond: number } {
  const counts = new Map<string, number>()
  for (const b of bots) {
    for (const l of b.lines()) {
      if (!l.startsWith('{')) continue
      try {
        const r = JSON.parse(l) as { level?: string; event?: string; ts?: string }
        if (r.level !== 'error' && r.level !== 'warn') continue
        const k = `${r.event ?? '?'}@${(r.ts ?? '').slice(0, 19)}`
        counts.set(k, (counts.get(k) ?? 0) + 1)
      } catch {
        // not a log line
      }
    }
  }
  let best = { event: 'none', perSecond: 0 }
  for (const [k, n] of counts) if (n > best.perSecond) best = { event: k.split('@')[0] ?? '?', perSecond: n }
  return best
}
