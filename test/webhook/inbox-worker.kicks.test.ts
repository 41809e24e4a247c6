import { type Kysely, type KyselyPlugin, sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { utf8 } from '../../src/core/bytes.js'
import { fixedClock } from '../../src/core/clock.js'
import { createKeyring, type Keyring } from '../../src/core/keyring.js'
import { silentLogger } from '../../src/core/logger.js'
import { createPgDb } from '../../src/db/pg.js'
import type { Database } from '../../src/db/schema.js'
import { insertEvents } from '../../src/webhook/inbox-repository.js'
import { createInboxWorker, type InboxWorkerOptions } from '../../src/webhook/inbox-worker.js'
import { TEST_APP_SECRET, TEST_DATA_KEY } from '../helpers/app.js'
import { DB_KINDS, openTestDb, type TestDb } from '../helpers/db.js'
import { statementName } from './statements.fixture.js'

// The worker claims only when a kick, a completion or a full claim says something may be due
// (inbox-worker.ts): these are the moments a kick could slip between two claims.

const T0 = new Date('2026-11-22T03:00:00Z')

/** Calls `after` once each statement of that name has been answered, before its caller sees it. */
function afterStatement(name: string, after: () => Promise<void> | void): KyselyPlugin {
  const ids = new Set<unknown>()
  return {
    transformQuery(args) {
      if (statementName(args.node) === name) ids.add(args.queryId)
      return args.node
    },
    async transformResult(args) {
      if (ids.delete(args.queryId)) await after()
      return args.result
    },
  }
}

/** A gate a test opens when it is ready. */
function gate() {
  let open = () => {}
  const opened = new Promise<void>((r) => {
    open = r
  })
  return { open, opened }
}

describe.each(DB_KINDS)('inbox worker kicks (%s)', (kind) => {
  let t: TestDb
  let keyring: Keyring
  beforeEach(async () => {
    t = await openTestDb(kind, { isolation: 'connections' })
    keyring = await createKeyring(TEST_APP_SECRET, TEST_DATA_KEY)
  })
  afterEach(() => t.close())

  /** Stores an event of a group chat `chat` (so its row stays, as done), `n` ms after T0. */
  const store = async (id: string, chat: number, n: number) => {
    const event = { type: 'x', source: { type: 'group', groupId: `C-${chat}` }, id }
    await insertEvents(t.db, [
      {
        event_id: id,
        org_id: 'default',
        event_type: 'message',
        mode: 'active',
        chat_key: `chat-${chat}`,
        message_id: null,
        event_ts: new Date(T0.getTime() + n),
        next_attempt_at: T0,
        status: 'pending' as const,
        payload: await keyring.seal(utf8(JSON.stringify(event))),
        key_id: keyring.keyId,
        outcome: null,
      },
    ])
  }
  const worker = (dispatch: InboxWorkerOptions['dispatch'], more: Partial<InboxWorkerOptions> = {}) =>
    createInboxWorker({
      timeZone: 'Asia/Bangkok',
      db: t.db,
      keyring,
      clock: fixedClock(T0),
      log: silentLogger,
      dispatch,
      ...more,
    })
  const status = async (id: string) =>
    (await t.db.selectFrom('webhook_inbox').select('status').where('event_id', '=', id).executeTakeFirst())
      ?.status

  it("an event that arrives while its chat's previous one is in flight is claimed once that one completes, without another kick", async () => {
    await store('a', 1, 0)
    const slow = gate()
    const seen: string[] = []
    const w = worker(async (_org, raw) => {
      const id = (raw as { id: string }).id
      seen.push(id)
      if (id === 'a') await slow.opened
      return 'ok'
    })
    const draining = w.arrived()
    await vi.waitFor(() => expect(seen).toEqual(['a']))
    // The webhook stores the chat's next event and kicks: its claim finds the chat busy.
    await store('b', 1, 10)
    const kicked = w.arrived()
    await new Promise((r) => setTimeout(r, 50))
    expect(seen).toEqual(['a'])
    expect(await status('b')).toBe('pending')
    slow.open()
    expect(await draining).toBe(2)
    expect(await kicked).toBe(2)
    expect(seen).toEqual(['a', 'b'])
    expect(await status('b')).toBe('done')
  })

  it('a kick that comes while the drain is setting its wake-up is not lost', async () => {
    // The drain's last statement (when the next open answer falls due) is held until the
    // webhook has stored an event and kicked.
    const held = gate()
    let holding = false
    const hold = afterStatement('select answer_outbox', async () => {
      if (holding) return
      holding = true
      await held.opened
    })
    const seen: string[] = []
    const w = worker(
      async (_org, raw) => {
        seen.push((raw as { id: string }).id)
        return 'ok'
      },
      { db: t.db.withPlugin(hold), lines: async () => null, wake: () => () => {} },
    )
    const draining = w.drain()
    await vi.waitFor(() => expect(holding).toBe(true))
    await store('late', 2, 0)
    const kicked = w.arrived()
    held.open()
    await Promise.all([draining, kicked])
    await vi.waitFor(async () => expect(await status('late')).toBe('done'), { timeout: 2000 })
    expect(seen).toEqual(['late'])
  })

  it.skipIf(kind !== 'postgres')(
    'a kick whose event is newer than a completion being written is claimed once that write is done',
    async () => {
      // A second connection holds the completing event's row, so its completion waits with its
      // snapshot taken: the statement cannot see the chat's next event, stored meanwhile.
      const url = t.url ?? ''
      const other = createPgDb(url, { max: 2 })
      const locked = gate()
      const release = gate()
      let holder: Promise<void> = Promise.resolve()
      let claims = 0
      const countClaims = afterStatement('claim events', () => {
        claims++
      })
      try {
        await store('a', 1, 0)
        const seen: string[] = []
        const w = worker(
          async (_org, raw) => {
            const id = (raw as { id: string }).id
            seen.push(id)
            if (id === 'a') {
              holder = other.transaction().execute(async (trx) => {
                await trx
                  .selectFrom('webhook_inbox')
                  .select('event_id')
                  .where('event_id', '=', 'a')
                  .forUpdate()
                  .execute()
                locked.open()
                await release.opened
              })
              await locked.opened
            }
            return 'ok'
          },
          { db: t.db.withPlugin(countClaims) },
        )
        const draining = w.arrived()
        await vi.waitFor(async () => expect(await lockWaiters(other)).toBeGreaterThan(0))
        await store('b', 1, 10)
        const before = claims
        const kicked = w.arrived()
        // The kick's claim runs while "a" is still processing: "b" has to wait for it.
        await vi.waitFor(() => expect(claims).toBeGreaterThan(before))
        expect(await status('b')).toBe('pending')
        release.open()
        await holder
        expect(await draining).toBe(2)
        await kicked
        expect(seen).toEqual(['a', 'b'])
      } finally {
        release.open()
        await holder.catch(() => {})
        await other.destroy()
      }
    },
  )
})

/** Statements of this database waiting for a row lock. */
async function lockWaiters(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock'`.execute(db)
  return rows[0]?.n ?? 0
}
