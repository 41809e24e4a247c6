import { describe, expect, it } from 'vitest'
import { saveAudience } from '../../src/broadcasts/audiences.js'
import { cancelBroadcast } from '../../src/broadcasts/lifecycle.js'
import { findBroadcast } from '../../src/broadcasts/repository.js'
import {
  type BroadcastInput,
  createDraft,
  scheduleBroadcast,
  updateBroadcast,
} from '../../src/broadcasts/service.js'
import { tick } from '../../src/broadcasts/tick.js'
import type { LineMessage } from '../../src/line/port.js'
import { DB_KINDS } from '../helpers/db.js'
import {
  ALL_FOLLOWERS,
  AUDIENCE,
  type Harness,
  ORG,
  scheduled,
  seedGroups,
  text,
  useHarness,
} from './harness.js'

const TABLES = ['broadcasts', 'broadcast_runs', 'broadcast_deliveries', 'engagement_events'] as const

async function snapshot(h: Harness) {
  const out: Record<string, unknown[]> = {}
  for (const t of TABLES) out[t] = await h.t.db.selectFrom(t).selectAll().execute()
  return out
}

const bigBubble = (): LineMessage =>
  ({
    type: 'flex',
    altText: 'งบประมาณ',
    contents: {
      type: 'bubble',
      body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'ก'.repeat(31_000) }] },
    },
  }) as LineMessage

describe.each(DB_KINDS)('broadcast service, bad input (%s)', (kind) => {
  const h = useHarness(kind)
  const deps = () => ({ db: h.t.db, clock: h.clock })
  const input = (over: Partial<BroadcastInput> = {}): BroadcastInput => ({
    timeZone: 'Asia/Bangkok',
    title: 'เตือน No Gift',
    template: 'nogift',
    messages: text('งดให้ งดรับของขวัญ'),
    audience: AUDIENCE,
    runAt: h.clock.now(),
    ...over,
  })

  const cases: [string, (h: Harness) => Partial<BroadcastInput>, string, RegExp][] = [
    ['a malformed cron expression', () => ({ recurrence: '0 9 * *' }), 'invalid_cron', /cron/],
    ['a cron value out of range', () => ({ recurrence: '0 25 * * *' }), 'invalid_cron', /cron/],
    [
      'a date in the past',
      (x) => ({ runAt: new Date(x.clock.now().getTime() - 3_600_000) }),
      'run_at_in_past',
      /past/,
    ],
    ['an audience with no groups', () => ({ audience: 'aud-empty' }), 'empty_audience', /empty/],
    ['"all followers" with no followers', () => ({ audience: ALL_FOLLOWERS }), 'empty_audience', /empty/],
    [
      'Flex JSON over LINE limits',
      () => ({ messages: [bigBubble()] }),
      'messages_over_limits',
      /LINE limits/,
    ],
    [
      'six messages in one send',
      () => ({ messages: Array(6).fill(text('x')[0]) }),
      'messages_over_limits',
      /LINE/,
    ],
    [
      'an unknown time zone',
      () => ({ recurrence: '0 9 * * 1', timeZone: 'Asia/Atlantis' }),
      'invalid_time_zone',
      /zone/,
    ],
    ['an empty title', () => ({ title: '   ' }), 'invalid_title', /title/],
  ]

  for (const [name, over, code, en] of cases) {
    it(`create: ${name} → ${code}, nothing written`, async () => {
      await seedGroups(h, 2)
      await saveAudience(h.t.db, ORG, 'aud-empty', 'ว่าง', [{ kind: 'label', value: 'ไม่มีใคร' }], h.clock.now())
      const before = await snapshot(h)
      const r = await createDraft(deps(), ORG, 'admin-1', input(over(h)))
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.error.code).toBe(code)
      expect(r.error.en).toMatch(en)
      expect(r.error.th.length).toBeGreaterThan(5)
      expect(await snapshot(h)).toEqual(before)
    })
  }

  it('Flex over limits names the problem, not the content', async () => {
    await seedGroups(h, 1)
    const r = await createDraft(deps(), ORG, 'admin-1', input({ messages: [bigBubble()] }))
    expect(r.ok ? [] : r.error.problems).toEqual(['message 1: bubble is over 30 KB'])
  })

  it('update with a malformed cron leaves the stored broadcast as it was', async () => {
    await seedGroups(h, 2)
    const b = await scheduled(h, { runAt: new Date(h.clock.now().getTime() + 3_600_000) })
    const before = await snapshot(h)
    const r = await updateBroadcast(deps(), ORG, b.id, { recurrence: 'every monday' })
    expect(r.ok ? null : r.error.code).toBe('invalid_cron')
    expect(await snapshot(h)).toEqual(before)
  })

  it('once sending has started: no edit, no cancel, no re-schedule; nothing changes', async () => {
    await seedGroups(h, 2)
    const b = await scheduled(h)
    await tick(h.deps({ options: { budgetMs: 0 } }), h.clock.now())
    expect((await findBroadcast(h.t.db, ORG, b.id))?.status).toBe('sending')
    const before = await snapshot(h)
    const edit = await updateBroadcast(deps(), ORG, b.id, { title: 'ใหม่' })
    expect(edit.ok ? null : edit.error.code).toBe('not_editable')
    const cancel = await cancelBroadcast(deps(), ORG, b.id)
    expect(cancel.ok ? null : cancel.error.code).toBe('not_cancellable')
    const again = await scheduleBroadcast(deps(), ORG, b.id)
    expect(again.ok ? null : again.error.code).toBe('not_editable')
    expect(await snapshot(h)).toEqual(before)
  })

  it('a draft whose time passed before scheduling is refused', async () => {
    await seedGroups(h, 1)
    const c = await createDraft(deps(), ORG, 'admin-1', input())
    if (!c.ok) throw new Error(c.error.code)
    h.clock.advance(3_600_000)
    const r = await scheduleBroadcast(deps(), ORG, c.value.id)
    expect(r.ok ? null : r.error.code).toBe('run_at_in_past')
    expect((await findBroadcast(h.t.db, ORG, c.value.id))?.status).toBe('draft')
  })

  it('another organization cannot see, edit or cancel it', async () => {
    await seedGroups(h, 1)
    const b = await scheduled(h, { runAt: new Date(h.clock.now().getTime() + 3_600_000) })
    const before = await snapshot(h)
    expect(await findBroadcast(h.t.db, 'other-org', b.id)).toBeUndefined()
    const edit = await updateBroadcast(deps(), 'other-org', b.id, { title: 'x' })
    expect(edit.ok ? null : edit.error.code).toBe('not_found')
    const cancel = await cancelBroadcast(deps(), 'other-org', b.id)
    expect(cancel.ok ? null : cancel.error.code).toBe('not_found')
    expect(await snapshot(h)).toEqual(before)
  })
})
