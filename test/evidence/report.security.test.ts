import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addLabel } from '../../src/broadcasts/audiences.js'
import { evidenceReport, yearsOverview } from '../../src/evidence/report.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { appendAs, at, ev, G, groups, ORG, OTHER, reportDeps, U } from './report-seed.js'

// One organization's report never counts another's events, groups or labels, even where the
// two share LINE users and groups (the same person in two agencies has the same key); and the
// rollups hold nothing the log does not: keys, never LINE ids.

const LINE_ID = /[UCR][0-9a-f]{32}/

describe.each(DB_KINDS)('evidence report: organizations apart (%s)', (kind) => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp(kind, { now: at('2026-11-22T03:00:00Z') })
  })
  afterEach(() => t.close())

  const report = async (org: string) => {
    const r = await evidenceReport(reportDeps(t), org, 2569)
    if (r.kind !== 'ok') throw new Error(r.kind)
    return r.report
  }

  it("another agency's year, in the same groups and with the same people, is not in ours", async () => {
    await groups(t, OTHER, [[G.g1, 40, 'สำนักงานอื่น']])
    await appendAs(t, [
      ev('message.sent', 'nogift', '2025-12-20T02:00:00Z', G.g1, G.g1, {}, OTHER),
      ev('pledge', 'nogift', '2025-12-21T03:00:00Z', U.a, G.g1, {}, OTHER),
      ev('quiz.completed', 'assets', '2026-01-10T03:00:00Z', U.b, null, { score: 3, total: 3 }, OTHER),
    ])
    const ours = await report(ORG)
    expect(ours.empty).toBe(true)
    expect(
      ours.measures.every(
        (m) =>
          m.reach.people === 0 &&
          m.reach.groups === 0 &&
          m.returned.every((r) => !r.kind.startsWith('pledge')),
      ),
    ).toBe(true)
    const overview = await yearsOverview(reportDeps(t), ORG, 2569, 2569)
    expect(
      overview.kind === 'ok' &&
        overview.years[0]?.measures.every((m) => m.people === 0 && m.deliveries === 0),
    ).toBe(true)

    // Now ours has the same group under our own label: only our label and member count apply.
    await groups(t, ORG, [[G.g1, 10, null]])
    await addLabel(t.deps.db, ORG, G.g1, 'กองคลัง')
    await appendAs(t, [ev('pledge', 'nogift', '2025-12-22T03:00:00Z', U.c, G.g1)])
    const nogift = (await report(ORG)).measures.find((m) => m.id === 'nogift')
    expect(nogift?.reach).toMatchObject({ groups: 1, people: 1, acknowledgments: 1, membersReached: 10 })
    expect(nogift?.reach.byUnit).toEqual([
      { unit: 'กองคลัง', groups: 1, delivered: 0, acknowledgments: 1, ackRate: 0.1 },
    ])
    const theirs = (await report(OTHER)).measures.find((m) => m.id === 'nogift')
    expect(theirs?.reach).toMatchObject({
      groups: 1,
      people: 1,
      deliveries: 1,
      acknowledgments: 1,
      membersReached: 40,
    })
    expect(theirs?.reach.byUnit.map((u) => u.unit)).toEqual(['สำนักงานอื่น'])
  })

  it('the rollups hold keys only: no LINE id of a user, group or room anywhere in them', async () => {
    await appendAs(t, [
      ev('pledge', 'nogift', '2025-12-21T03:00:00Z', U.a, G.g1),
      ev('message.sent', 'nogift', '2025-12-20T02:00:00Z', G.g2, G.g2),
      ev('guide.viewed', 'assets', '2026-01-10T03:00:00Z', U.b),
    ])
    for (const table of ['engagement_monthly', 'engagement_reach', 'engagement_first_reach']) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.deps.db)
      expect(rows.rows.length).toBeGreaterThan(0)
      for (const row of rows.rows) expect(JSON.stringify(row)).not.toMatch(LINE_ID)
    }
  })
})
