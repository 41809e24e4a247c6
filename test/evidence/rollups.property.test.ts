import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvents, type EngagementEvent } from '../../src/engagement/events.js'
import { ACK_KINDS } from '../../src/evidence/kinds.js'
import { rawFigures } from '../../src/evidence/raw-repository.js'
import { yearQuery } from '../../src/evidence/report.js'
import { type FigureSource, rollupFigures } from '../../src/evidence/repository.js'
import { DB_KINDS, openTestDb, type TestDb } from '../helpers/db.js'
import { shippedFlows } from '../helpers/flows.js'

// The rollups (kept by the trigger) answer every question exactly as the log does, on random
// logs: several organizations and fiscal years, instants on the edges of Bangkok months and
// years, missing measures and places, a group's own key as the actor, scores that are not
// numbers, events written late (backdated) and written by concurrent statements.

/** mulberry32: the same "random" log on every run, so a failure can be replayed. */
function prng(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ORGS = ['org-a', 'org-b']
const MEASURES = ['budget', 'assets', 'nogift', null]
const KINDS = [
  'message.sent',
  'message.failed',
  'pledge',
  'guide.viewed',
  'quiz.completed',
  'postback.pressed',
  'question.asked',
]
const PEOPLE = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']
const PLACES = ['g1', 'g2', 'g3']
/** Edges in UTC of Bangkok's midnight on 1 October (year turns) and on the 1st of a month. */
const EDGES = [
  '2024-09-30T17:00:00Z',
  '2025-09-30T17:00:00Z',
  '2026-09-30T17:00:00Z',
  '2025-12-31T17:00:00Z',
  '2026-02-28T17:00:00Z',
]
const FROM = Date.parse('2024-10-01T00:00:00Z')
const SPAN = Date.parse('2026-10-05T00:00:00Z') - FROM

function randomEvents(rand: () => number, n: number): EngagementEvent[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T
  return Array.from({ length: n }, () => {
    const kind = pick(KINDS)
    const edge = rand() < 0.3
    const at = edge ? Date.parse(pick(EDGES)) + (rand() < 0.5 ? -1 : 0) : FROM + Math.floor(rand() * SPAN)
    const place = rand() < 0.5 ? pick(PLACES) : null
    // A push to a group is keyed by the group itself; questions are never keyed.
    const chat =
      kind === 'question.asked'
        ? null
        : kind.startsWith('message.') && place
          ? place
          : rand() < 0.1
            ? null
            : pick(PEOPLE)
    const data =
      kind === 'quiz.completed'
        ? rand() < 0.8
          ? { score: Math.floor(rand() * 4), total: 3 }
          : { score: 'x', total: 3 }
        : {}
    return {
      orgId: pick(ORGS),
      occurredAt: new Date(at),
      kind,
      chatKey: chat,
      placeKey: place,
      measure: pick(MEASURES),
      data,
    }
  })
}

const sorted = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).sort()

describe.each(DB_KINDS)('rollups equal the raw log on random logs (%s)', (kind) => {
  let t: TestDb
  beforeAll(async () => {
    t = await openTestDb(kind)
  })
  afterAll(() => t.close())

  it.each([1, 2, 3])('seed %i', async (seed) => {
    const rand = prng(seed)
    await t.db.deleteFrom('engagement_events').execute()
    for (const table of ['engagement_monthly', 'engagement_reach', 'engagement_first_reach'] as const) {
      await t.db.deleteFrom(table).execute()
    }
    // Statements of random sizes, some at once; the later ones reach back into earlier months.
    for (let batch = 0; batch < 6; batch++) {
      const size = 1 + Math.floor(rand() * 120)
      await Promise.all([
        appendEvents(t.db, randomEvents(rand, size)),
        appendEvents(t.db, randomEvents(rand, 20)),
      ])
    }
    const flows = shippedFlows()
    const compare = async (name: string, f: (s: FigureSource) => Promise<object[]>) => {
      const [a, b] = [await f(rollupFigures), await f(rawFigures)]
      expect(sorted(a), name).toEqual(sorted(b))
    }
    for (const org of ORGS) {
      const years = [2568, 2569, 2570].map((fy) => yearQuery(org, fy, 'Asia/Bangkok', flows))
      for (const q of years) {
        const where = `${org} ${q.fy}`
        await compare(`byKind ${where}`, (s) => s.byKind(t.db, q))
        await compare(`byMonth ${where}`, (s) => s.byMonth(t.db, q, KINDS))
        await compare(`byPlace ${where}`, (s) => s.byPlace(t.db, q))
        await compare(`people ${where}`, (s) => s.people(t.db, q))
        await compare(`newByMonth ${where}`, (s) => s.newByMonth(t.db, q))
        const measured = (rows: { measure: string }[]) => rows.filter((r) => r.measure !== '')
        // The rollups read only the measures of flows/; the raw log also has the unmeasured.
        await compare(`peopleByKind ${where}`, async (s) => measured(await s.peopleByKind(t.db, q, KINDS)))
        await compare(`peopleByPlace ${where}`, async (s) => measured(await s.peopleByPlace(t.db, q, KINDS)))
        await compare(`directReach ${where}`, async (s) => measured(await s.directReach(t.db, q, ACK_KINDS)))
      }
      await compare(`overview ${org}`, (s) => s.overview(t.db, org, years, KINDS))
      await compare(`overviewPeople ${org}`, (s) => s.overviewPeople(t.db, org, years))
    }
    const events = await t.db
      .selectFrom('engagement_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(events.n)).toBeGreaterThan(100)
  })
})
