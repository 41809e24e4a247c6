/**
 * LINE answers 500 for 30 s, then 429 for 30 s, while webhooks arrive at 20/s and a broadcast
 * to 500 groups falls due (the next minute tick lands inside the 60 s of faults). Goals: no
 * acknowledged event left unanswered, none answered twice, every group once, the outage shown
 * on /healthz.
 */
import { health } from './bot.js'
import { startDrillLine } from './fake-line.js'
import { emptyFigures, type Figures, tallyEvents, tallyRecipients } from './report.js'
import { cluster, finished, runStatus, SECRET, scheduleNow, seedGroups, settle, sleep } from './setup.js'
import { traffic } from './webhooks.js'

const RATE = 20
const GROUPS = 500
const MESSAGES = /^\/v2\/bot\/message\/(reply|push|multicast)$/

export async function lineOutage(): Promise<Figures> {
  const line = await startDrillLine({ instances: 2 })
  const c = await cluster(line, 2)
  const f = emptyFigures('line-outage')
  try {
    const groups = await seedGroups(c.db, 'b2', GROUPS, 'drill-outage')
    const t = traffic({ secret: SECRET, line, targets: () => c.bots.map((b) => b.url) })
    const load = t.run(RATE, 75)
    await sleep(5000)
    const t500 = Date.now()
    const t429 = t500 + 30_000
    const back = t429 + 30_000
    line.setFault((r, now) => {
      if (!MESSAGES.test(r.path) || now >= back) return null
      return now < t429
        ? { status: 500, message: 'Internal Server Error' }
        : { status: 429, message: 'The API rate limit has been exceeded. Try again later.' }
    })
    const id = await scheduleNow(c.db, 'drill-outage')
    await sleep(20_000)
    const during = await health(c.bots[0]?.url ?? '')
    await sleep(Math.max(0, back - Date.now()))
    await load
    let allReached: number | null = null
    let runDone: number | null = null
    const reached = () => groups.filter((g) => (line.perChat().get(g) ?? 0) > 0).length
    while (Date.now() - back < 150_000 && (allReached === null || runDone === null)) {
      if (allReached === null && reached() === GROUPS) allReached = Date.now()
      if (runDone === null && finished(await runStatus(c.db, id))) runDone = Date.now()
      await sleep(500)
    }
    const lastAnswer = await settle(line, c.bots, 5000, 60_000)
    Object.assign(f, tallyEvents(t.events, line.perChat()), tallyRecipients(groups, line.perChat()))
    const s = (x: number | null) => (x === null ? 'not within 150 s' : ((x - back) / 1000).toFixed(1))
    const acceptedDuring = line.accepted().filter((a) => a.at >= t500 && a.at < back).length
    f.recoverLabel = 's from LINE back to last event answered'
    f.recoverSeconds = (lastAnswer - back) / 1000
    const kinds = line.accepted().filter((a) => !a.chat.startsWith('C'))
    f.extra.push(
      [
        'answers: replies / pushes',
        `${kinds.filter((a) => a.kind === 'reply').length} / ${kinds.filter((a) => a.kind === 'push').length}`,
      ],
      ['answers accepted during the faults', String(acceptedDuring)],
      ['s from LINE back to every group reached', s(allReached)],
      ['s from LINE back to run finished', s(runDone)],
      ['/healthz during the outage', `${during.status} ${JSON.stringify(during.body).slice(0, 160)}`],
    )
    f.goals.push(
      { goal: 'no acknowledged event left unanswered', ok: f.none === 0 },
      { goal: 'no event answered twice', ok: f.twice === 0 },
      { goal: 'every group exactly once', ok: f.recipientsTwice === 0 && f.recipientsMissed === 0 },
      { goal: '/healthz shows the LINE outage', ok: /line/i.test(JSON.stringify(during.body ?? {})) },
    )
    return f
  } finally {
    await c.close()
    await line.close()
  }
}
