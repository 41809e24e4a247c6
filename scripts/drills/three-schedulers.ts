/**
 * Three instances ticking at once; one broadcast to an audience of 50,000 groups; LINE allows
 * 2,000 pushes/s for the channel (429 beyond) and answers each in 10 ms. Goals: every group once
 * (0 duplicates, 0 missed) and a send rate of at least 0.8 of LINE's allowance, every instance
 * sending from the start.
 *
 * Then the same broadcast again with LINE allowing any rate (DRILL_CEILING=0 leaves it out): the
 * rate this machine reaches at all, with three bots, PostgreSQL and the fake LINE on its cores.
 * The instances still pace themselves at their own 1,900/s. A first rate near the ceiling says
 * the machine is what bounds it; a first rate well below it would point at the sending itself
 * (pacing, 429 handling).
 */
import { type DrillLine, startDrillLine } from './fake-line.js'
import { emptyFigures, type Figures, tallyRecipients } from './report.js'
import { cluster, finished, runStatus, scheduleNow, seedGroups, sleep } from './setup.js'

const GROUPS = Number(process.env.DRILL_GROUPS ?? 50_000)
const ALLOWED = 2000

interface Sent {
  groups: string[]
  rate: number
  seconds: number
  /** Accepted pushes per instance in the first 10 s, and in all. */
  first10: number[]
  all: number[]
  statuses: Map<string, number>
  resends: { sameInstance: boolean; afterMs: number }[]
  /** Scheduling to the run closed, in seconds; null when not within 300 s. */
  closedAfter: number | null
}

/** One broadcast to GROUPS groups from three instances, against `line`. */
async function sendAll(line: DrillLine, prefix: string): Promise<Sent> {
  const c = await cluster(line, 3)
  try {
    const groups = await seedGroups(c.db, prefix, GROUPS, 'drill-50k')
    const id = await scheduleNow(c.db, 'drill-50k')
    const t0 = Date.now()
    let done: number | null = null
    while (Date.now() - t0 < 300_000) {
      if (finished(await runStatus(c.db, id))) {
        done = Date.now()
        break
      }
      await sleep(500)
    }
    await sleep(1000)
    const pushes = line.accepted().filter((a) => a.chat.startsWith('C'))
    const first = pushes[0]?.at ?? t0
    const last = pushes.at(-1)?.at ?? t0
    const seconds = (last - first) / 1000
    const ports = line.urls.map((u) => Number(new URL(u).port))
    const per = (from: number, to: number) =>
      ports.map((p) => pushes.filter((a) => a.port === p && a.at >= from && a.at < to).length)
    return {
      groups,
      rate: pushes.length / Math.max(seconds, 0.001),
      seconds,
      first10: per(first, first + 10_000),
      all: per(0, Number.MAX_SAFE_INTEGER),
      statuses: line.statuses(),
      resends: line.resends(),
      closedAfter: done === null ? null : (done - t0) / 1000,
    }
  } finally {
    await c.close()
  }
}

/** "n (median after s) / m (median after s)": adapter retries against takeovers. */
function resendSplit(r: Sent['resends']): string {
  const side = (same: boolean) => {
    const ms = r
      .filter((x) => x.sameInstance === same)
      .map((x) => x.afterMs)
      .sort((a, b) => a - b)
    const mid = ms[Math.floor(ms.length / 2)]
    return mid === undefined ? '0' : `${ms.length} (median ${(mid / 1000).toFixed(1)} s after)`
  }
  return `${side(true)} / ${side(false)}`
}

export async function threeSchedulers(): Promise<Figures> {
  const f = emptyFigures('three-schedulers')
  const line = await startDrillLine({ instances: 3, pushRate: ALLOWED, pushLatencyMs: 10 })
  let s: Sent
  try {
    s = await sendAll(line, 'c3')
    Object.assign(f, tallyRecipients(s.groups, line.perChat()))
  } finally {
    await line.close()
  }
  f.recoverLabel = 's from first push to last'
  f.recoverSeconds = s.seconds
  f.extra.push(
    ['groups', String(GROUPS)],
    [
      'send rate (accepted pushes/s)',
      `${s.rate.toFixed(0)} = ${(s.rate / ALLOWED).toFixed(2)} of LINE's ${ALLOWED}/s`,
    ],
    ['pushes per instance, first 10 s', s.first10.join(' + ')],
    ['pushes per instance, in all', s.all.join(' + ')],
    [
      'answered 429 (rate) / 409 (retry key)',
      `${s.statuses.get('push 429') ?? 0} / ${s.statuses.get('push 409') ?? 0}`,
    ],
    ['409s: sent again by the same instance / by another', resendSplit(s.resends)],
    [
      's from scheduling to run finished',
      s.closedAfter === null ? 'not within 300 s' : s.closedAfter.toFixed(1),
    ],
  )
  if (process.env.DRILL_CEILING !== '0') {
    const open = await startDrillLine({ instances: 3, pushLatencyMs: 10 })
    try {
      const c = await sendAll(open, 'c4')
      f.extra.push(
        [
          'same, LINE allowing any rate (this machine)',
          `${c.rate.toFixed(0)} pushes/s; the first run reached ${(s.rate / c.rate).toFixed(2)} of it`,
        ],
        ['same, pushes per instance, first 10 s', c.first10.join(' + ')],
      )
    } finally {
      await open.close()
    }
  }
  f.goals.push(
    {
      goal: 'every group exactly once (0 twice, 0 missed)',
      ok: f.recipientsTwice === 0 && f.recipientsMissed === 0,
    },
    { goal: "at least 0.8 of LINE's rate", ok: s.rate >= 0.8 * ALLOWED },
    { goal: 'every instance sends from the start (first 10 s)', ok: s.first10.every((n) => n > 0) },
  )
  return f
}
