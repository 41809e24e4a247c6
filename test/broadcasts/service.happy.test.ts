import { describe, expect, it } from 'vitest'
import { addLabel, resolveRecipients, saveAudience } from '../../src/broadcasts/audiences.js'
import { cancelBroadcast } from '../../src/broadcasts/lifecycle.js'
import { estimateFromCosts, estimateQuota, judgeQuota } from '../../src/broadcasts/quota.js'
import { findBroadcast, listRuns } from '../../src/broadcasts/repository.js'
import { createDraft, scheduleBroadcast, updateBroadcast } from '../../src/broadcasts/service.js'
import { tick } from '../../src/broadcasts/tick.js'
import { DB_KINDS } from '../helpers/db.js'
import {
  AUDIENCE,
  deliveredCounts,
  groupId,
  ORG,
  scheduled,
  seedGroups,
  text,
  useHarness,
} from './harness.js'

describe('quota judgement (pure)', () => {
  const limited = (limit: number, used: number) => ({ type: 'limited' as const, limit, used })
  it('ok under 80 %, warn over it, block when the month would run out', () => {
    expect(judgeQuota(100, limited(1000, 600))).toBe('ok')
    expect(judgeQuota(201, limited(1000, 600))).toBe('warn')
    expect(judgeQuota(400, limited(1000, 600))).toBe('warn')
    expect(judgeQuota(401, limited(1000, 600))).toBe('block')
    expect(judgeQuota(1e9, { type: 'none', limit: null, used: 5 })).toBe('ok')
  })
  it('a group costs its members; an unknown count is reported and counted as 1', () => {
    expect(estimateFromCosts([40, 12, null], limited(60, 0))).toEqual({
      level: 'warn',
      recipients: 3,
      cost: 53,
      unknownCounts: 1,
      limit: 60,
      used: 0,
      remainingAfter: 7,
    })
  })
})

describe.each(DB_KINDS)('broadcast service, lifecycle (%s)', (kind) => {
  const h = useHarness(kind)
  const deps = () => ({ db: h.t.db, clock: h.clock })
  const inAnHour = () => new Date(h.clock.now().getTime() + 3_600_000)

  it('draft → scheduled → cancelled back to draft → edited → scheduled → sent', async () => {
    await seedGroups(h, 3)
    const c = await createDraft(deps(), ORG, 'admin-1', {
      timeZone: 'Asia/Bangkok',
      title: 'เตือน No Gift',
      template: 'nogift',
      messages: text('ก'),
      audience: AUDIENCE,
      measure: 'nogift',
      runAt: inAnHour(),
    })
    if (!c.ok) throw new Error(c.error.code)
    expect(c.value).toMatchObject({ status: 'draft', time_zone: 'Asia/Bangkok', next_run_at: null })
    const s = await scheduleBroadcast(deps(), ORG, c.value.id)
    expect(s.ok && s.value.status).toBe('scheduled')
    expect(s.ok && s.value.next_run_at?.toISOString()).toBe(inAnHour().toISOString())
    const x = await cancelBroadcast(deps(), ORG, c.value.id)
    expect(x.ok && x.value).toMatchObject({ status: 'draft', next_run_at: null })
    const e = await updateBroadcast(deps(), ORG, c.value.id, { messages: text('ข'), title: 'ใหม่' })
    expect(e.ok && e.value.title).toBe('ใหม่')
    await scheduleBroadcast(deps(), ORG, c.value.id)
    h.clock.advance(3_600_000)
    await h.drain()
    expect((await findBroadcast(h.t.db, ORG, c.value.id))?.status).toBe('sent')
    expect(h.line.delivered().map((d) => d.messages)).toEqual(Array(3).fill(text('ข')))
  })

  it('editing a scheduled broadcast moves its next run', async () => {
    await seedGroups(h, 1)
    const b = await scheduled(h, { runAt: inAnHour() })
    const later = new Date(h.clock.now().getTime() + 7_200_000)
    const e = await updateBroadcast(deps(), ORG, b.id, { runAt: later })
    expect(e.ok && e.value.next_run_at?.toISOString()).toBe(later.toISOString())
    h.clock.advance(3_600_000)
    expect((await tick(h.deps(), h.clock.now())).runsCreated).toBe(0)
  })

  it('"monthly on day 1 at 09:00" Bangkok: one run per occurrence at 02:00 UTC, the template editable between runs', async () => {
    await seedGroups(h, 2)
    const b = await scheduled(h, { recurrence: '0 9 1 * *' })
    expect(b.next_run_at?.toISOString()).toBe('2026-12-01T02:00:00.000Z')
    h.clock.set(new Date('2026-12-01T01:59:00Z'))
    expect((await tick(h.deps(), h.clock.now())).runsCreated).toBe(0)
    h.clock.set(new Date('2026-12-01T02:00:00Z'))
    expect(await tick(h.deps(), h.clock.now())).toMatchObject({ runsCreated: 1, sent: 2 })
    expect((await tick(h.deps(), h.clock.now())).runsCreated).toBe(0)
    // Still scheduled (recurring), so still editable; the next run carries the new text.
    const e = await updateBroadcast(deps(), ORG, b.id, { messages: text('เดือนมกราคม') })
    expect(e.ok && e.value.status).toBe('scheduled')
    h.clock.set(new Date('2027-01-01T02:00:30Z'))
    await h.drain()
    const runs = await listRuns(h.t.db, ORG, b.id)
    expect(runs.map((r) => [r.scheduled_for.toISOString(), r.status])).toEqual([
      ['2026-12-01T02:00:00.000Z', 'sent'],
      ['2027-01-01T02:00:00.000Z', 'sent'],
    ])
    expect(h.line.delivered().map((d) => (d.messages[0] as { text: string }).text)).toEqual([
      'งดให้ งดรับของขวัญ',
      'งดให้ งดรับของขวัญ',
      'เดือนมกราคม',
      'เดือนมกราคม',
    ])
    expect((await findBroadcast(h.t.db, ORG, b.id))?.next_run_at?.toISOString()).toBe(
      '2027-02-01T02:00:00.000Z',
    )
  })

  it('a recurring broadcast can be cancelled between runs, and then nothing more is sent', async () => {
    await seedGroups(h, 1)
    const b = await scheduled(h, { recurrence: '0 9 * * 1' })
    h.clock.set(new Date('2026-11-23T02:00:00Z'))
    await h.drain()
    const x = await cancelBroadcast(deps(), ORG, b.id)
    expect(x.ok && x.value.status).toBe('draft')
    h.clock.set(new Date('2026-11-30T02:00:00Z'))
    expect((await tick(h.deps(), h.clock.now())).runsCreated).toBe(0)
    expect(deliveredCounts(h.line).size).toBe(1)
  })

  it('audiences combine groups and labels, active groups only, each once', async () => {
    const groups = await seedGroups(h, 3)
    await addLabel(h.t.db, ORG, groupId(9), 'กองคลัง')
    await saveAudience(
      h.t.db,
      ORG,
      'mixed',
      'ผสม',
      [
        { kind: 'group', value: groups[0] ?? '' },
        { kind: 'label', value: 'กองคลัง' },
      ],
      h.clock.now(),
    )
    await h.t.db
      .updateTable('line_groups')
      .set({ status: 'left' })
      .where('chat_id', '=', groups[2] ?? '')
      .execute()
    const r = await resolveRecipients(h.t.db, ORG, 'mixed')
    // groupId(9) has a label but the bot is not in it: not a recipient.
    expect(r.map((x) => x.recipient)).toEqual([groups[0], groups[1]])
    expect(await resolveRecipients(h.t.db, 'other-org', 'mixed')).toEqual([])
  })

  it('quota estimate: ok, warn and block against LINE’s quota; unknown member counts are said', async () => {
    await seedGroups(h, 10, 40)
    await h.t.db
      .updateTable('line_groups')
      .set({ member_count: null })
      .where('chat_id', '=', groupId(1))
      .execute()
    const q = (limit: number, used: number) => async () => ({ type: 'limited' as const, limit, used })
    const ok = await estimateQuota(h.t.db, q(10_000, 0), ORG, AUDIENCE)
    expect(ok).toMatchObject({ level: 'ok', recipients: 10, cost: 361, unknownCounts: 1 })
    expect((await estimateQuota(h.t.db, q(1_000, 500), ORG, AUDIENCE)).level).toBe('warn')
    expect((await estimateQuota(h.t.db, q(1_000, 700), ORG, AUDIENCE)).level).toBe('block')
    // Against the fake LINE's own quota endpoints through the adapter.
    h.line.setQuota({ type: 'limited', limit: 400 }, 30)
    expect(await estimateQuota(h.t.db, () => h.api.getQuota(), ORG, AUDIENCE)).toMatchObject({
      level: 'warn',
      limit: 400,
      used: 30,
      remainingAfter: 9,
    })
  })
})

describe.each(DB_KINDS)('recurring catch-up (%s)', (kind) => {
  const h = useHarness(kind)
  it('occurrences missed while nothing ticked collapse into one run for the latest', async () => {
    await seedGroups(h, 1)
    const b = await scheduled(h, { recurrence: '0 9 * * 1' })
    // Three Mondays pass with no instance running.
    h.clock.set(new Date('2026-12-09T05:00:00Z'))
    await h.drain()
    const runs = await listRuns(h.t.db, ORG, b.id)
    expect(runs.map((r) => r.scheduled_for.toISOString())).toEqual(['2026-12-07T02:00:00.000Z'])
    expect((await findBroadcast(h.t.db, ORG, b.id))?.next_run_at?.toISOString()).toBe(
      '2026-12-14T02:00:00.000Z',
    )
    expect(h.line.delivered()).toHaveLength(1)
  })
})
