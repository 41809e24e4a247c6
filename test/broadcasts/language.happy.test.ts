import { describe, expect, it } from 'vitest'
import { budgetRunRenderer } from '../../src/budget/schedule.js'
import { currentCard } from '../../src/budget/service.js'
import { ensureCalendarReminders } from '../../src/nogift/calendar.js'
import { DB_KINDS } from '../helpers/db.js'
import { shippedFlows } from '../helpers/flows.js'
import {
  ALL_FOLLOWERS,
  AUDIENCE,
  deliveredCounts,
  ORG,
  scheduled,
  seedGroups,
  useHarness,
} from './harness.js'
import { englishOnly, leaves, seedBudget, seedLanguages } from './language.js'

// README "One language at a time": a broadcast reaches followers through LINE's broadcast
// endpoint, one copy for all of them, so it goes out in Thai, as to groups: once, whole, with
// nothing of the English copy in it, whatever each person chose or their LINE app reports.

describe.each(DB_KINDS)('broadcasts in one language (%s)', (kind) => {
  const h = useHarness(kind)
  const flows = shippedFlows()

  /** Every follower and group got exactly one copy, and it is `th` exactly. */
  const expectThaiOnce = (recipients: string[], th: unknown, en: unknown) => {
    const counts = deliveredCounts(h.line)
    expect([...counts.keys()].sort()).toEqual([...recipients].sort())
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
    const english = englishOnly(th, en)
    expect(english.length).toBeGreaterThan(0)
    for (const d of h.line.delivered()) {
      expect(d.messages).toEqual(th)
      const sent = leaves(d.messages)
      for (const s of english) expect(sent.has(s)).toBe(false)
    }
    // Nobody's LINE language was asked for: the bot has no follower's LINE id to ask with.
    expect(h.line.requests().some((r) => r.path.startsWith('/v2/bot/profile/'))).toBe(false)
  }

  it('a No Gift reminder: English chooser, English LINE, Thai chooser with English LINE, groups: one Thai copy each', async () => {
    const users = await seedLanguages(h)
    const groups = await seedGroups(h, 2)
    const render = (lang: 'th' | 'en', ref: string) =>
      flows.render('nogift.reminder', { ref }, { chat: 'group', lang })
    const toAll = await scheduled(h, { audience: ALL_FOLLOWERS, messages: render('th', 'b1') })
    await scheduled(h, { audience: AUDIENCE, messages: render('th', 'b2') })
    await h.drain()
    const counts = deliveredCounts(h.line)
    expect([...counts.keys()].sort()).toEqual([...users, ...groups].sort())
    for (const d of h.line.delivered()) {
      const ref = users.includes(d.to) ? 'b1' : 'b2'
      expect(d.messages).toEqual(render('th', ref))
      const sent = leaves(d.messages)
      for (const s of englishOnly(render('th', ref), render('en', ref))) expect(sent.has(s)).toBe(false)
    }
    expect(toAll.audience).toBe(ALL_FOLLOWERS)
    expect(h.line.delivered().filter((d) => d.via === 'broadcast')).toHaveLength(users.length)
  })

  it('the seasonal calendar reminders go to all followers in Thai', async () => {
    const users = await seedLanguages(h)
    // 22 Dec: the New Year reminder (10 days before 1 Jan) is due within the 60-day horizon.
    h.clock.set(new Date('2026-12-22T02:00:00Z'))
    expect(await ensureCalendarReminders(h.t.db, flows, ORG, h.clock.now(), 'Asia/Bangkok')).toBeGreaterThan(
      0,
    )
    const [b] = await h.t.db.selectFrom('broadcasts').selectAll().orderBy('run_at').limit(1).execute()
    if (!b) throw new Error('no reminder')
    h.clock.set(b.run_at)
    await h.drain()
    const render = (lang: 'th' | 'en') =>
      flows.render('nogift.reminder', { ref: b.id }, { chat: 'group', lang })
    expectThaiOnce(users, render('th'), render('en'))
  })

  it('the monthly budget card goes to all followers in Thai, rendered at the run', async () => {
    const users = await seedLanguages(h)
    h.clock.set(new Date('2026-04-01T02:00:00Z'))
    await seedBudget(h)
    const card = async (lang: 'th' | 'en') =>
      (await currentCard(h.t.db, flows.inLang(lang), ORG, { fiscalYear: 2569 }))?.messages
    await scheduled(h, {
      template: 'budget',
      measure: 'budget',
      audience: ALL_FOLLOWERS,
      messages: [{ type: 'text', text: 'frozen at compose time' }],
    })
    await h.drain({ renderRun: budgetRunRenderer({ flows, timeZone: 'Asia/Bangkok' }) })
    expectThaiOnce(users, await card('th'), await card('en'))
  })
})
