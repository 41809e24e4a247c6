/**
 * Three instances ticking at once; one broadcast to an audience of 50,000 groups; LINE allows
 * 2,000 pushes/s for the channel (429 beyond) and answers each in 10 ms. Goals: every group once
 * (0 duplicates, 0 missed) and a send rate of at least 0.8 of LINE's allowance, every instance
 * sending from the start.
 */
import { startDrillLine } from './fake-line.js'
import { emptyFigures, type Figures, tallyRecipients } from './report.js'
import { cluster, finished, runStatus, scheduleNow, seedGroups, sleep } from './setup.js'

const GROUPS = Number(process.env.DRILL_GROUPS ?? 50_000)
const ALLOWED = 2000

export async function threeSchedulers(): Promise<Figures> {
  const line = await startDrillLine({ instances: 3, pushRate: ALLOWED, pushLatencyMs: 10 })
  const c = await cluster(line, 3)
  const f = emptyFigures('three-schedulers')
  try {
    const groups = await seedGroups(c.db, 'c3', GROUPS, 'drill-50k')
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
    Object.assign(f, tallyRecipients(groups, line.perChat()))
    const pushes = line.accepted().filter((a) => a.chat.startsWith('C'))
    const first = pushes[0]?.at ?? t0
    const last = pushes.at(-1)?.at ?? t0
    const seconds = (last - first) / 1000
    const rate = pushes.length / Math.max(seconds, 0.001)
    const ports = line.urls.map((u) => Number(new URL(u).port))
    const per = (from: number, to: number) =>
      ports.map((p) => pushes.filter((a) => a.port === p && a.at >= from && a.at < to).length).join(' + ')
    const statuses = line.statuses()
    f.recoverLabel = 's from first push to last'
    f.recoverSeconds = seconds
    f.extra.push(
      ['groups', String(GROUPS)],
      [
        'send rate (accepted pushes/s)',
        `${rate.toFixed(0)} = ${(rate / ALLOWED).toFixed(2)} of LINE's ${ALLOWED}/s`,
      ],
      ['pushes per instance, first 10 s', per(first, first + 10_000)],
      ['pushes per instance, in all', per(0, Number.MAX_SAFE_INTEGER)],
      [
        'answered 429 (rate) / 409 (retry key)',
        `${statuses.get('push 429') ?? 0} / ${statuses.get('push 409') ?? 0}`,
      ],
      [
        's from scheduling to run finished',
        done === null ? 'not within 300 s' : ((done - t0) / 1000).toFixed(1),
      ],
    )
    const everyone = ports.every((p) => pushes.some((a) => a.port === p && a.at < first + 10_000))
    f.goals.push(
      {
        goal: 'every group exactly once (0 twice, 0 missed)',
        ok: f.recipientsTwice === 0 && f.recipientsMissed === 0,
      },
      { goal: "at least 0.8 of LINE's rate", ok: rate >= 0.8 * ALLOWED },
      { goal: 'every instance sends from the start (first 10 s)', ok: everyone },
    )
    return f
  } finally {
    await c.close()
    await line.close()
  }
}
