import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { runDailyEntry } from '../../src/complaints/entry.js'
import { friendKey } from '../../src/contacts/keys.js'
import { engagementChatKey } from '../../src/engagement/events.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { envelope, fromUser, signedRequest, simpleEvent } from '../helpers/line-events.js'
import { phoneJpeg } from './evidence/fixtures/images.js'
import { REPORT, WebClient } from './web/helpers.js'

// The database adversary of README "Complaints: who can learn what", played for real. Twenty
// people are active over two days (follows, menus, pledges, budget views, budget questions); three of them
// complain (in LINE anonymously with a photo, in LINE named with "notify me", on the web), one
// follows up and replies the next day. Then the test holds the database without the keys (A2:
// every table and system column, and for PGlite every byte of the data directory, WAL
// included) and every log line (A3), runs each attack an adversary would, and ranks the
// complainants among the people active that day. An attack that ranks a complainant first,
// ahead of everyone else, singles them out, and the test fails.
//
// The people active last before an entry are always nearest to its rows (the xmin attack
// ranks them first whoever they are); the script makes them non-complainants, so a ranking
// that points at a complainant can only come from the complaint itself. Complainants press a
// menu right before and after their intake, as people do: had the case been written when it
// was filed (checked by entering at once), the xmin attack would rank them first.

const PEOPLE = Array.from({ length: 20 }, (_, i) => `U${(0x30 + i).toString(16).repeat(16)}`)
const ANON = 3
const NAMED = 8
const WEB = 13
const COMPLAINANTS = [ANON, NAMED, WEB]
const at = (iso: string) => new Date(iso)

/** A fixed shuffle (xorshift), so a failure replays the same day. */
function shuffled<T>(items: T[], seed: number): T[] {
  let s = seed
  const next = () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 2 ** 32
  }
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

type Scores = Map<number, number>
interface Ranking {
  attack: string
  /** Per complainant: rank among the active (1 = most suspected) and how many share it. */
  ranks: { who: number; rank: number; tied: number }[]
}

/** Lower score = more suspected. Infinity = the attack says nothing about that person. */
function rank(attack: string, scores: Scores, active: number[]): Ranking {
  const score = (i: number) => scores.get(i) ?? Number.POSITIVE_INFINITY
  return {
    attack,
    ranks: COMPLAINANTS.map((who) => ({
      who,
      rank: 1 + active.filter((i) => score(i) < score(who)).length,
      tied: active.filter((i) => score(i) === score(who)).length,
    })),
  }
}

/** The same, when each complainant is ranked by the attack on their own complaint. */
function rankEach(attack: string, scoresOf: (who: number) => Scores, active: number[]): Ranking {
  return {
    attack,
    ranks: COMPLAINANTS.map((who) => {
      const r = rank(attack, scoresOf(who), active).ranks.find((x) => x.who === who)
      return r ?? { who, rank: 1, tied: active.length }
    }),
  }
}

const singledOut = (r: Ranking) => r.ranks.filter((x) => x.rank === 1 && x.tied === 1)

describe.each(DB_KINDS)('the database and log adversary (%s)', (kind) => {
  const report: string[] = []
  afterAll(() =>
    console.log(`adversary (${kind}): rank of each complainant among ${PEOPLE.length}\n${report.join('\n')}`),
  )

  it('ranks no complainant ahead of the people active the same day', async () => {
    const line = new MemoryLine()
    const t = await createTestApp(kind, {
      line,
      isolation: 'database',
      now: at('2026-11-22T02:00:00Z'),
      env: { COMPLAINT_ENTRY_TIME: '00:30' },
    })
    try {
      const receipts = await twoDays(t, line)
      expect(receipts.anon.code).toMatch(/^C-2569-/)
      const rankings = [...(await sqlAttacks(t, receipts)), ...(await byteAttacks(t)), logAttack(t)]
      for (const r of rankings)
        report.push(
          `${r.attack.padEnd(44)} ${r.ranks.map((x) => `${x.rank}/${PEOPLE.length}${x.tied > 1 ? ` (tie of ${x.tied})` : ''}`).join('  ')}`,
        )
      for (const r of rankings) expect(singledOut(r), r.attack).toEqual([])
    } finally {
      await t.close()
    }
  }, 240_000)
})

/** Day 1: everyone active, three complain; entry; day 2: a follow-up and a reply; entry. */
async function twoDays(t: TestApp, line: MemoryLine) {
  const chat = (i: number) => chatAs(t, line, fromUser(PEOPLE[i]))
  const tick = () => t.clock.advance(37_000)
  const follow = async (i: number) => {
    const res = await t.app.request(
      await signedRequest(
        envelope([simpleEvent('follow', fromUser(PEOPLE[i]), {}, t.clock.now().getTime())]),
      ),
    )
    expect(res.status).toBe(200)
    await t.settle()
  }
  const activity = (i: number, n: number) => async () => {
    const c = chat(i)
    if (n === 0) await follow(i)
    else if (n === 1 && i % 5 === 2) {
      // An anonymous budget question: another form that must stay unlinkable, asked by others.
      let step = await c.say('สอบถามงบประมาณ')
      step = await c.say(`งบครุภัณฑ์ปีนี้เหลือเท่าไร (${i})`)
      step = await c.tap(button(step, /ไม่ระบุชื่อ/))
      await c.tap(button(step, /^ส่ง$/))
    } else if (n === 1) await c.say(['งบประมาณ', 'ยืมทรัพย์สิน', 'No Gift Policy'][i % 3] ?? 'งบประมาณ')
    else await c.tap('action=pledge&m=nogift&ref=topic')
  }
  const receipts = { anon: { code: '', secret: '' }, named: { code: '', secret: '' } }
  const lineIntake = (i: number, named: boolean) => {
    const c = chat(i)
    let step: Awaited<ReturnType<typeof c.say>> = []
    return [
      async () => {
        step = await c.say('ร้องเรียน')
        step = await c.tap(button(step, /จัดซื้อจัดจ้าง/))
        step = await c.say(`ผู้ตรวจรับรับเงินจากผู้รับจ้าง ${i}`)
        step = await c.say('ต้นเดือนตุลาคม 2569')
      },
      async () => {
        step = await c.say('กองพัสดุ อาคาร 2')
        step = await c.tap(button(step, /ข้าม/))
        if (!named) {
          line.contents.set(`m-photo-${i}`, { kind: 'ok', contentType: 'image/jpeg', bytes: phoneJpeg() })
          step = await c.attach({ type: 'image', id: `m-photo-${i}` })
        }
        step = await c.tap(button(step, /เสร็จ/))
      },
      async () => {
        step = await c.tap(button(step, named ? /^ระบุตัวตน$/ : /ไม่ระบุชื่อ/))
        if (named) {
          step = await c.say('นางสาวผู้แจ้ง ตัวอย่าง')
          step = await c.say('081-234-5678')
        }
        step = await c.tap(button(step, named ? /^แจ้งเตือน$/ : /ไม่ต้องแจ้ง/))
        const done = textOf(await c.tap(button(step, /^ส่ง$/)))
        const receipt = {
          code: /C-2569-[A-Z2-9]{6}/.exec(done)?.[0] ?? '',
          secret: /รหัสลับ: ([A-Z2-9]{5}-[A-Z2-9]{5})/.exec(done)?.[1] ?? '',
        }
        receipts[named ? 'named' : 'anon'] = receipt
      },
    ]
  }
  const web = async () => {
    const w = new WebClient(t)
    await w.get('/report')
    const res = await w.post('/report', { ...REPORT })
    expect(res.status).toBe(200)
  }
  // Day 1: every person's activities and the intakes, interleaved; the intakes in order.
  const everyone = PEOPLE.flatMap((_, i) => [0, 1, 2].map((n) => ({ who: i, run: activity(i, n), n })))
  const intakes = [
    ...lineIntake(ANON, false).map((run) => ({ who: ANON, run, n: 9 })),
    ...lineIntake(NAMED, true).map((run) => ({ who: NAMED, run, n: 9 })),
    { who: WEB, run: web, n: 9 },
  ]
  const day1 = orderDay(everyone, intakes, 2026)
  for (const step of day1) {
    await step.run()
    tick()
  }
  t.clock.set(at('2026-11-22T17:31:00Z')) // 00:31 on the 23rd in Bangkok
  expect(await runDailyEntry(entryDeps(t), t.clock.now())).toMatchObject({ kind: 'entered', entered: 3 })

  // Day 2: everyone once more; the anonymous complainant follows up and replies.
  t.clock.set(at('2026-11-23T02:00:00Z'))
  const c = chat(ANON)
  const followUp = [
    async () => {
      await c.say('ติดตามเรื่องร้องเรียน')
      await c.say(receipts.anon.code)
    },
    async () => {
      const status = await c.say(receipts.anon.secret)
      const view = await c.tap(button(status, /^ส่ง$/))
      expect(textOf(view)).toContain(receipts.anon.code)
      let step = await c.tap(button(view, /ตอบเจ้าหน้าที่/))
      step = await c.say('มีสำเนาใบตรวจรับเพิ่มเติม')
      step = await c.tap(button(step, /เสร็จ/))
      await c.tap(button(step, /^ส่ง$/))
    },
  ]
  const again = PEOPLE.flatMap((_, i) => [1, 2].map((n) => ({ who: i, run: activity(i, n), n })))
  for (const step of orderDay(
    again,
    followUp.map((run) => ({ who: ANON, run, n: 9 })),
    2027,
  )) {
    await step.run()
    tick()
  }
  t.clock.set(at('2026-11-23T17:31:00Z'))
  expect(await runDailyEntry(entryDeps(t), t.clock.now())).toMatchObject({ kind: 'entered', entered: 1 })
  return receipts
}

type Step = { who: number; run: () => Promise<void>; n: number }

/**
 * Interleaves a day: people's activities shuffled, each person's follow first; the intakes'
 * steps in their order at spread positions; the day ends with non-complainants.
 */
function orderDay(activities: Step[], intakes: Step[], seed: number): Step[] {
  const follows = activities.filter((s) => s.n === 0)
  const rest = shuffled(
    activities.filter((s) => s.n !== 0),
    seed,
  )
  const tail = rest.filter((s) => !COMPLAINANTS.includes(s.who)).slice(-3)
  const middle = [...follows, ...rest.filter((s) => !tail.includes(s))]
  const gap = Math.floor(middle.length / (intakes.length + 1))
  intakes.forEach((s, k) => {
    middle.splice((k + 1) * gap + k, 0, s)
  })
  // As people do: a menu press right before the intake and the rest right after it (a person
  // with a form open types into the form), so their keyed rows sit next to their intake.
  for (const who of new Set(intakes.map((s) => s.who))) {
    const own = middle.filter((s) => s.who === who && s.n !== 9 && s.n !== 0)
    for (const s of own) middle.splice(middle.indexOf(s), 1)
    const [before, ...after] = own
    if (before)
      middle.splice(
        middle.findIndex((s) => s.who === who && s.n === 9),
        0,
        before,
      )
    middle.splice(middle.findLastIndex((s) => s.who === who && s.n === 9) + 1, 0, ...after)
  }
  return [...middle, ...tail]
}

const entryDeps = (t: TestApp) => ({
  db: t.testDb.db,
  keyring: t.deps.keyring,
  log: t.deps.log,
  config: t.deps.config,
})

/** What the test knows and the adversary does not: which key is whose. */
async function keysOf(t: TestApp) {
  const k = t.deps.keyring
  return Promise.all(
    PEOPLE.map(async (id) => ({
      engagement: await engagementChatKey(k, id),
      friend: await friendKey(k, id),
      inbox: await k.pseudonym('chat', id),
      drafts: await Promise.all(
        ['2026-11-22', '2026-11-23'].map((d) => k.pseudonym(`dialogue:${d}`, `default\u0000${id}`)),
      ),
    })),
  )
}

const all = Array.from({ length: PEOPLE.length }, (_, i) => i)

async function sqlAttacks(
  t: TestApp,
  receipts: { anon: { code: string }; named: { code: string } },
): Promise<Ranking[]> {
  const db = t.testDb.db
  const keys = await keysOf(t)
  const whose = new Map<string, number>()
  keys.forEach((k, i) => {
    whose.set(k.engagement, i)
    whose.set(k.friend, i)
    whose.set(k.inbox, i)
    for (const d of k.drafts) whose.set(d, i)
  })
  // Every person's keyed rows, with their transaction ids, serial ids and times.
  const events = (
    await sql<{ id: string; x: string; chat_key: string | null; kind: string; at: Date }>`
      select id::text, xmin::text as x, chat_key, kind, occurred_at as at from engagement_events`.execute(db)
  ).rows
  const friends = (
    await sql<{ x: string; user_id: string }>`select xmin::text as x, user_id from line_friends`.execute(db)
  ).rows
  const keyed = new Map<number, { xids: number[]; ids: number[]; times: number[] }>()
  const add = (key: string | null, x: string, id?: string, time?: Date) => {
    const who = key ? whose.get(key) : undefined
    if (who === undefined) return
    const k = keyed.get(who) ?? { xids: [], ids: [], times: [] }
    k.xids.push(Number(x))
    if (id) k.ids.push(Number(id))
    if (time) k.times.push(time.getTime())
    keyed.set(who, k)
  }
  for (const e of events) add(e.chat_key, e.x, e.id, e.at)
  for (const f of friends) add(f.user_id, f.x)
  expect(keyed.size).toBe(PEOPLE.length) // the adversary does see everyone's activity

  // The complaint store: every row of every complaint table, its xmin and its times.
  const tables = (
    await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_name like 'complaint%'`.execute(db)
  ).rows.map((r) => r.name)
  // Which case is whose: what the test knows, to score each complainant on their own case.
  const cases = await db.selectFrom('complaint_cases').select(['id', 'code', 'channel']).execute()
  const owner = new Map<string, number>()
  for (const c of cases) {
    if (c.code === receipts.anon.code) owner.set(c.id, ANON)
    else if (c.code === receipts.named.code) owner.set(c.id, NAMED)
    else if (c.channel === 'web') owner.set(c.id, WEB)
  }
  expect(owner.size).toBe(3)
  const stored: { x: number; times: number[]; who: number | undefined }[] = []
  for (const name of tables) {
    const rows = (
      await sql<{
        x: string
        j: Record<string, unknown>
      }>`select xmin::text as x, to_jsonb(r) as j from ${sql.table(name)} r`.execute(db)
    ).rows
    for (const r of rows) {
      const times = Object.values(r.j)
        .filter((v): v is string => typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v))
        .map((v) => Date.parse(v))
      const caseId = name === 'complaint_cases' ? r.j.id : r.j.case_id
      stored.push({ x: Number(r.x), times, who: typeof caseId === 'string' ? owner.get(caseId) : undefined })
    }
  }
  expect(stored.length).toBeGreaterThan(5)
  const nearest = (
    pick: (k: { xids: number[]; ids: number[]; times: number[] }) => number[],
    targets: number[],
    within = Number.POSITIVE_INFINITY,
  ): Scores => {
    const s: Scores = new Map()
    for (const [who, k] of keyed) {
      let best = Number.POSITIVE_INFINITY
      for (const v of pick(k)) for (const t0 of targets) best = Math.min(best, Math.abs(v - t0))
      if (best <= within) s.set(who, best)
    }
    return s
  }
  // Keyless complaint events among the keyed ones (serial neighbours).
  const keyless = events
    .filter((e) => e.chat_key === null && e.kind.startsWith('complaint'))
    .map((e) => Number(e.id))
  // What the inbox kept of 1:1 chats.
  const inbox = (
    await sql<{
      chat_key: string | null
      outcome: string | null
    }>`select chat_key, outcome from webhook_inbox`.execute(db)
  ).rows
  const inboxScores: Scores = new Map()
  for (const r of inbox) {
    const who = r.chat_key ? whose.get(r.chat_key) : undefined
    if (who !== undefined) inboxScores.set(who, (inboxScores.get(who) ?? 0) - 1)
  }
  return [
    rankEach(
      "A2 xmin of a case's rows next to keyed rows",
      (who) =>
        nearest(
          (k) => k.xids,
          stored.filter((r) => r.who === who).map((r) => r.x),
        ),
      all,
    ),
    rank(
      'A2 serial ids of keyless complaint events',
      nearest((k) => k.ids, keyless),
      all,
    ),
    rankEach(
      "A2 a case's times within 60 s of keyed events",
      (who) =>
        nearest(
          (k) => k.times,
          stored.filter((r) => r.who === who).flatMap((r) => r.times),
          60_000,
        ),
      all,
    ),
    rank('A2 inbox rows left of 1:1 chats', inboxScores, all),
  ]
}

/** A2 on the data directory: every byte, WAL and dead row versions included (PGlite). */
async function byteAttacks(t: TestApp): Promise<Ranking[]> {
  const pglite = t.testDb.pglite
  if (!pglite) {
    console.log(
      'adversary (postgres): the data directory belongs to the server, not readable by the test; byte scan on PGlite only',
    )
    return []
  }
  await pglite.query('checkpoint')
  const blob = await pglite.dumpDataDir('none')
  const bytes = Buffer.from(await blob.arrayBuffer())
  expect(bytes.length).toBeGreaterThan(1_000_000)
  const keys = await keysOf(t)
  const found: Scores = new Map()
  PEOPLE.forEach((id, i) => {
    const k = keys[i]
    if (!k) return
    const needles = [id, k.inbox, ...k.drafts, `m-photo-${i}`]
    const n = needles.filter((s) => bytes.includes(Buffer.from(s))).length
    if (n > 0) found.set(i, -n)
  })
  return [rank('A2 bytes: LINE ids, inbox and draft keys, message ids', found, all)]
}

/** A3: every log line, for ids, keys, and lines timed at a complainant's intake. */
function logAttack(t: TestApp): Ranking {
  const logs = t.logs.join('\n')
  const s: Scores = new Map()
  PEOPLE.forEach((id, i) => {
    if (logs.includes(id) || logs.includes(id.slice(1))) s.set(i, -1)
  })
  const intakeLines = t.logs.filter((l) => /complaint|form|intent/.test(l) && !/complaints\.entered/.test(l))
  expect(intakeLines).toEqual([])
  return rank('A3 logs: ids, or lines about an intake', s, all)
}
