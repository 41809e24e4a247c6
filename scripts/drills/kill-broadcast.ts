/**
 * kill -9 one of two instances mid-broadcast (2,000 groups). Goal: every group exactly once,
 * and the broadcast finished within 30 s of the kill. The fake LINE answers each push after
 * 1.5 s, so the send lasts long enough to be cut in the middle; the instance killed is the one
 * with the most pushes in flight once a quarter of the groups are reached.
 */
import { startDrillLine } from './fake-line.js'
import { emptyFigures, type Figures, tallyRecipients } from './report.js'
import { cluster, finished, runStatus, scheduleNow, seedGroups, sleep } from './setup.js'

const GROUPS = 2000
const PATIENCE_S = Number(process.env.DRILL_PATIENCE_S ?? 200)

export async function killBroadcast(): Promise<Figures> {
  const line = await startDrillLine({ instances: 2, pushLatencyMs: 1500 })
  const c = await cluster(line, 2)
  const f = emptyFigures('kill-broadcast')
  try {
    const groups = await seedGroups(c.db, 'a1', GROUPS, 'drill-kill')
    const id = await scheduleNow(c.db, 'drill-kill')
    const reached = () => new Set(line.accepted().map((a) => a.chat)).size
    const waitStart = Date.now()
    while (reached() < GROUPS / 4) {
      if (Date.now() - waitStart > 120_000) throw new Error('the broadcast did not start within 2 minutes')
      await sleep(50)
    }
    const ports = line.urls.map((u) => Number(new URL(u).port))
    const pendingOf = (port: number) => line.pending().filter((p) => p.port === port)
    const victim = (pendingOf(ports[0] ?? 0).length >= pendingOf(ports[1] ?? 0).length ? 0 : 1) as 0 | 1
    const inFlight = pendingOf(ports[victim] ?? 0).length
    const bySender = ports.map((p) => line.accepted().filter((a) => a.port === p).length)
    const killedAt = Date.now()
    const reachedAtKill = reached()
    c.bots[victim]?.kill9()
    let allReachedAt: number | null = null
    let finishedAt: number | null = null
    while (Date.now() - killedAt < PATIENCE_S * 1000) {
      if (allReachedAt === null && reached() >= GROUPS) allReachedAt = Date.now()
      if (finishedAt === null && finished(await runStatus(c.db, id))) finishedAt = Date.now()
      if (allReachedAt !== null && finishedAt !== null) break
      await sleep(250)
    }
    await sleep(2000)
    Object.assign(f, tallyRecipients(groups, line.perChat()))
    const s = (t: number | null) => (t === null ? null : (t - killedAt) / 1000)
    f.recoverLabel = 's from kill to run finished'
    f.recoverSeconds = s(finishedAt)
    const statuses = line.statuses()
    f.extra.push(
      [
        'groups reached at the kill',
        `${reachedAtKill} (A ${bySender[0]}, B ${bySender[1]}; killed ${victim ? 'B' : 'A'})`,
      ],
      ['pushes in flight from it at the kill', String(inFlight)],
      ['s from kill to last group reached', s(allReachedAt)?.toFixed(1) ?? `not within ${PATIENCE_S} s`],
      ['re-sends answered 409', String(statuses.get('push 409') ?? 0)],
      ['run status', String(await runStatus(c.db, id))],
    )
    f.goals.push(
      {
        goal: 'every group exactly once (0 twice, 0 missed)',
        ok: f.recipientsTwice === 0 && f.recipientsMissed === 0,
      },
      { goal: 'finished within 30 s of the kill', ok: f.recoverSeconds !== null && f.recoverSeconds <= 30 },
    )
    return f
  } finally {
    await c.close()
    await line.close()
  }
}
