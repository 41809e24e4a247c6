import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { utf8 } from '../../src/core/bytes.js'
import { fixedClock } from '../../src/core/clock.js'
import { createKeyring, type Keyring } from '../../src/core/keyring.js'
import { silentLogger } from '../../src/core/logger.js'
import { createPgDb } from '../../src/db/pg.js'
import { claimDue, insertEvents } from '../../src/webhook/inbox-repository.js'
import { createInboxWorker, retryDelayMs } from '../../src/webhook/inbox-worker.js'
import { TEST_APP_SECRET, TEST_DATA_KEY } from '../helpers/app.js'
import { DB_KINDS, openTestDb, type TestDb } from '../helpers/db.js'

const T0 = new Date('2026-11-22T03:00:00Z')

/** Even chats are a person's 1:1 chat (handled rows deleted), odd ones a group (kept as done). */
const sourceOf = (chat: number) =>
  chat % 2 === 0 ? { type: 'user', userId: `U-${chat}` } : { type: 'group', groupId: `C-${chat}` }

async function seed(db: TestDb['db'], keyring: Keyring, chats: number, perChat: number) {
  const rows = []
  for (let c = 0; c < chats; c++) {
    for (let i = 0; i < perChat; i++) {
      const event = { type: 'x', source: sourceOf(c), chat: c, seq: i }
      rows.push({
        event_id: `e-${c}-${String(i).padStart(4, '0')}`,
        org_id: 'default',
        event_type: 'message',
        mode: 'active',
        chat_key: `chat-${c}`,
        message_id: null,
        // Interleave timestamps across chats; within a chat they rise with seq.
        event_ts: new Date(T0.getTime() - 100_000 + i * 100 + c),
        next_attempt_at: new Date(T0.getTime() - 100_000),
        status: 'pending' as const,
        payload: await keyring.seal(utf8(JSON.stringify(event))),
        key_id: keyring.keyId,
        outcome: null,
      })
    }
  }
  // Insert in shuffled order: arrival order must not matter.
  rows.sort(() => Math.random() - 0.5)
  await insertEvents(db, rows)
}

describe.each(DB_KINDS)('inbox worker (%s)', (kind) => {
  let t: TestDb
  let keyring: Keyring
  beforeEach(async () => {
    // Two workers on two connections, as two instances would be: a database of its own.
    t = await openTestDb(kind, { isolation: 'connections' })
    keyring = await createKeyring(TEST_APP_SECRET, TEST_DATA_KEY)
  })
  afterEach(() => t.close())

  it('two instances draining at once handle every event exactly once, each chat in order', async () => {
    await seed(t.db, keyring, 8, 15)
    const second = kind === 'postgres' && t.url ? createPgDb(t.url, { max: 5 }) : t.db
    const seen: { chat: number; seq: number; worker: string }[] = []
    const makeWorker = (name: string, db: TestDb['db']) =>
      createInboxWorker({
        timeZone: 'Asia/Bangkok',
        db,
        keyring,
        clock: fixedClock(T0),
        log: silentLogger,
        batchSize: 4,
        dispatch: async (_org, raw) => {
          const e = raw as { chat: number; seq: number }
          seen.push({ chat: e.chat, seq: e.seq, worker: name })
          await new Promise((r) => setTimeout(r, Math.random() * 3))
          return 'ok'
        },
      })
    try {
      const [a, b] = await Promise.all([makeWorker('a', t.db).drain(), makeWorker('b', second).drain()])
      expect(a + b).toBe(120)
    } finally {
      if (second !== t.db) await second.destroy()
    }
    expect(seen).toHaveLength(120)
    for (let c = 0; c < 8; c++) {
      expect(seen.filter((s) => s.chat === c).map((s) => s.seq)).toEqual([...Array(15).keys()])
    }
    // Nothing left open; the groups' rows stay as done, the 1:1 chats' rows are gone.
    const left = await t.db.selectFrom('webhook_inbox').select(['event_id', 'status']).execute()
    expect(left.filter((r) => r.status !== 'done')).toHaveLength(0)
    const groupIds = left.map((r) => r.event_id)
    expect(groupIds).toHaveLength(60)
    expect(groupIds.every((id) => Number(id.split('-')[1]) % 2 === 1)).toBe(true)
  })

  it('takes over an event whose worker died mid-handling once its lease expires', async () => {
    await seed(t.db, keyring, 1, 2)
    const clock = fixedClock(T0)
    // A worker claims the first event and dies without finishing it.
    const claimed = await claimDue(t.db, clock.now(), new Date(T0.getTime() + 60_000), 10)
    expect(claimed.map((r) => r.event_id)).toEqual(['e-0-0000'])
    const handled: number[] = []
    const worker = createInboxWorker({
      timeZone: 'Asia/Bangkok',
      db: t.db,
      keyring,
      clock,
      log: silentLogger,
      leaseMs: 60_000,
      dispatch: async (_o, raw) => {
        handled.push((raw as { seq: number }).seq)
        return 'ok'
      },
    })
    // Within the lease nothing of that chat runs: order is kept.
    expect(await worker.drain()).toBe(0)
    clock.advance(61_000)
    expect(await worker.drain()).toBe(2)
    expect(handled).toEqual([0, 1])
    // Chat 0 is a 1:1 chat: once handled, its rows are gone.
    expect(await t.db.selectFrom('webhook_inbox').select('event_id').execute()).toEqual([])
  })

  it('a slow event holds only its own chat: the others are handled and completed meanwhile, in order', async () => {
    await seed(t.db, keyring, 3, 3)
    let release = () => {}
    const gate = new Promise<void>((r) => {
      release = r
    })
    const seen: string[] = []
    const worker = createInboxWorker({
      timeZone: 'Asia/Bangkok',
      db: t.db,
      keyring,
      clock: fixedClock(T0),
      log: silentLogger,
      batchSize: 4,
      dispatch: async (_org, raw) => {
        const e = raw as { chat: number; seq: number }
        seen.push(`${e.chat}:${e.seq}`)
        // Chat 0's first event waits, as an answer LINE is slow to take would.
        if (e.chat === 0 && e.seq === 0) await gate
        return 'ok'
      },
    })
    const draining = worker.drain()
    // Chats 1 and 2 run to their end while chat 0's first event is still under way.
    await vi.waitFor(async () => {
      const open = await t.db
        .selectFrom('webhook_inbox')
        .select('event_id')
        .where('status', '!=', 'done')
        .execute()
      expect(open.map((r) => r.event_id).sort()).toEqual(['e-0-0000', 'e-0-0001', 'e-0-0002'])
    })
    expect(seen.filter((s) => s.startsWith('0:'))).toEqual(['0:0'])
    release()
    expect(await draining).toBe(9)
    for (const c of [0, 1, 2])
      expect(seen.filter((s) => s.startsWith(`${c}:`))).toEqual([0, 1, 2].map((i) => `${c}:${i}`))
  })

  it('an event that arrives while a slow one is under way is handled at once, not after it', async () => {
    await seed(t.db, keyring, 1, 1)
    let release = () => {}
    const gate = new Promise<void>((r) => {
      release = r
    })
    const seen: string[] = []
    const worker = createInboxWorker({
      timeZone: 'Asia/Bangkok',
      db: t.db,
      keyring,
      clock: fixedClock(T0),
      log: silentLogger,
      dispatch: async (_org, raw) => {
        const e = raw as { chat: number; seq: number }
        seen.push(`${e.chat}:${e.seq}`)
        if (e.chat === 0) await gate
        return 'ok'
      },
    })
    const draining = worker.drain()
    await vi.waitFor(() => expect(seen).toEqual(['0:0']))
    // A new person writes (another chat); the webhook kicks the worker, as routes.ts does.
    const event = { type: 'x', source: sourceOf(1), chat: 1, seq: 0 }
    await insertEvents(t.db, [
      {
        event_id: 'e-1-late',
        org_id: 'default',
        event_type: 'message',
        mode: 'active',
        chat_key: 'chat-1',
        message_id: null,
        event_ts: T0,
        next_attempt_at: new Date(T0.getTime() - 1000),
        status: 'pending' as const,
        payload: await keyring.seal(utf8(JSON.stringify(event))),
        key_id: keyring.keyId,
        outcome: null,
      },
    ])
    worker.kick()
    await vi.waitFor(() => expect(seen).toEqual(['0:0', '1:0']))
    release()
    expect(await draining).toBe(2)
  })

  it('stop() waits for in-flight handling and refuses new drains', async () => {
    await seed(t.db, keyring, 1, 1)
    let release = () => {}
    const gate = new Promise<void>((r) => {
      release = r
    })
    let finished = false
    const worker = createInboxWorker({
      timeZone: 'Asia/Bangkok',
      db: t.db,
      keyring,
      clock: fixedClock(T0),
      log: silentLogger,
      dispatch: async () => {
        await gate
        finished = true
        return 'ok'
      },
    })
    worker.kick()
    await new Promise((r) => setTimeout(r, 50))
    const stopping = worker.stop()
    release()
    await stopping
    expect(finished).toBe(true)
    // The in-flight 1:1 event was finished through to deleting its row before stop() resolved.
    expect(await t.db.selectFrom('webhook_inbox').select('event_id').execute()).toEqual([])
    // A stopped worker handles nothing new: a later event stays pending.
    await seed(t.db, keyring, 2, 1)
    expect(await worker.drain()).toBe(0)
    expect(await t.db.selectFrom('webhook_inbox').select('status').execute()).toEqual([
      { status: 'pending' },
      { status: 'pending' },
    ])
  })
})

describe('retry backoff', () => {
  it('doubles from 2 s and caps at 5 minutes', () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([2000, 4000, 8000])
    expect(retryDelayMs(20)).toBe(300_000)
  })
})

describe.each(DB_KINDS)('inbox retention (%s)', (kind) => {
  it('purges finished rows past the retention and keeps open and recent ones', async () => {
    const t = await openTestDb(kind)
    try {
      const keyring = await createKeyring(TEST_APP_SECRET, TEST_DATA_KEY)
      const clock = fixedClock(T0)
      const row = (id: string, status: 'done' | 'ignored' | 'pending' | 'parked', daysAgo: number) => ({
        event_id: id,
        org_id: 'default',
        event_type: 'message',
        mode: 'active',
        chat_key: null,
        message_id: null,
        event_ts: null,
        received_at: new Date(T0.getTime() - daysAgo * 86_400_000),
        status,
        payload: null,
        key_id: null,
        outcome: null,
      })
      await insertEvents(t.db, [
        row('old-done', 'done', 8),
        row('old-ignored', 'ignored', 9),
        row('old-pending', 'pending', 8),
        row('old-parked', 'parked', 8),
        row('new-done', 'done', 1),
      ])
      const worker = createInboxWorker({
        timeZone: 'Asia/Bangkok',
        db: t.db,
        keyring,
        clock,
        log: silentLogger,
        dispatch: async () => 'ok',
      })
      expect(await worker.purge()).toBe(2)
      const left = await t.db.selectFrom('webhook_inbox').select('event_id').orderBy('event_id').execute()
      expect(left.map((r) => r.event_id)).toEqual(['new-done', 'old-parked', 'old-pending'])
    } finally {
      await t.close()
    }
  })
})
