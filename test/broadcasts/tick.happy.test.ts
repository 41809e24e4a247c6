import { describe, expect, it } from 'vitest'
import { countByStatus, listDeliveries } from '../../src/broadcasts/deliveries.js'
import { findBroadcast, listRuns } from '../../src/broadcasts/repository.js'
import { retryKeyFor, tick } from '../../src/broadcasts/tick.js'
import { listEvents } from '../../src/engagement/events.js'
import { DB_KINDS } from '../helpers/db.js'
import {
  ALL_FOLLOWERS,
  deliveredCounts,
  ORG,
  scheduled,
  seedFollowers,
  seedGroups,
  useHarness,
} from './harness.js'

describe.each(DB_KINDS)('broadcast tick, happy path (%s)', (kind) => {
  const h = useHarness(kind)

  it('sends a due broadcast to every labelled group once and records LINE’s answer', async () => {
    const groups = await seedGroups(h, 12)
    const b = await scheduled(h)
    const report = await tick(h.deps(), h.clock.now())
    expect(report).toMatchObject({ runsCreated: 1, runsExpanded: 1, sent: 12, failed: 0, runsFinished: 1 })

    const counts = deliveredCounts(h.line)
    expect([...counts.keys()].sort()).toEqual(groups)
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
    expect(h.line.delivered()[0]?.messages).toEqual([{ type: 'text', text: 'งดให้ งดรับของขวัญ' }])

    const [run] = await listRuns(h.t.db, ORG, b.id)
    expect(run?.status).toBe('sent')
    expect((await findBroadcast(h.t.db, ORG, b.id))?.status).toBe('sent')
    const rows = await listDeliveries(h.t.db, ORG, run?.id ?? '')
    expect(
      rows.every((r) => r.status === 'sent' && r.answer_status === 200 && r.request_id && r.sent_at),
    ).toBe(true)
    // The retry key sent is the one stored before the first attempt, derived from run × recipient
    // (by the database at expansion, exactly as retryKeyFor derives it in JavaScript).
    const derived = await Promise.all(rows.map((r) => retryKeyFor(run?.id ?? '', r.recipient)))
    expect(rows.map((r) => r.retry_key)).toEqual(derived)
    const sentKeys = new Set(h.line.delivered().map((d) => d.retryKey))
    expect(rows.every((r) => sentKeys.has(r.retry_key))).toBe(true)
  })

  it('a tick firing twice, or again later, sends nothing more', async () => {
    await seedGroups(h, 5)
    await scheduled(h)
    const [a, b] = await Promise.all([tick(h.deps(), h.clock.now()), tick(h.deps(), h.clock.now())])
    expect(a.runsCreated + b.runsCreated).toBe(1)
    await h.drain()
    h.clock.advance(3_600_000)
    const again = await tick(h.deps(), h.clock.now())
    expect(again).toMatchObject({ runsCreated: 0, sent: 0 })
    expect(h.line.delivered()).toHaveLength(5)
  })

  it('does nothing before run_at', async () => {
    await seedGroups(h, 2)
    await scheduled(h, { runAt: new Date(h.clock.now().getTime() + 3_600_000) })
    expect(await tick(h.deps(), h.clock.now())).toMatchObject({ runsCreated: 0, sent: 0 })
    h.clock.advance(3_600_000)
    expect(await tick(h.deps(), h.clock.now())).toMatchObject({ runsCreated: 1, sent: 2 })
  })

  it('"all followers" is one call to LINE’s broadcast endpoint', async () => {
    const users = await seedFollowers(h, 3)
    await scheduled(h, { audience: ALL_FOLLOWERS })
    await h.drain()
    const calls = h.line.requests().filter((r) => r.path === '/v2/bot/message/broadcast')
    expect(calls).toHaveLength(1)
    expect(
      h.line
        .delivered()
        .map((d) => d.to)
        .sort(),
    ).toEqual(users)
  })

  it('writes one message.sent engagement event per delivery, tied to the run and measure', async () => {
    const groups = await seedGroups(h, 4)
    const b = await scheduled(h)
    await h.drain()
    const [run] = await listRuns(h.t.db, ORG, b.id)
    const events = await listEvents(h.t.db, { orgId: ORG, refType: 'broadcast_run', refId: run?.id ?? '' })
    expect(events).toHaveLength(4)
    expect(events.every((e) => e.kind === 'message.sent' && e.measure === 'nogift')).toBe(true)
    const keys = await Promise.all(groups.map((g) => h.keyring.pseudonym('engagement', g)))
    expect(events.map((e) => e.chat_key).sort()).toEqual(keys.sort())
    expect(await countByStatus(h.t.db, run?.id ?? '')).toEqual({ pending: 0, sending: 0, sent: 4, failed: 0 })
  })
})

describe('safeTick', () => {
  it('turns a failing database into a logged null, never a crash', async () => {
    const { safeTick } = await import('../../src/broadcasts/tick.js')
    const { createLogger } = await import('../../src/core/logger.js')
    const { fixedClock } = await import('../../src/core/clock.js')
    const logs: string[] = []
    const db = {
      transaction: () => {
        throw new Error('connection refused')
      },
    } as unknown as Parameters<typeof safeTick>[0]['db']
    const r = await safeTick(
      {
        db,
        lineFor: async () => null,
        keyring: {} as Parameters<typeof safeTick>[0]['keyring'],
        clock: fixedClock(new Date()),
        log: createLogger({ level: 'info', write: (l) => logs.push(l) }),
      },
      new Date(),
    )
    expect(r).toBeNull()
    expect(logs.join()).toContain('broadcast.tick_failed')
  })
})
