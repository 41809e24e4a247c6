/**
 * SIGTERM one of two instances in the middle of webhook traffic, as a rolling deploy does: first
 * under 50/s (instance A, then started again), then in a 400/s burst (instance B). A request an
 * instance refuses while it stops goes to the other (the balancer), one not answered 200 is
 * redelivered. Goals: a clean exit (code 0) within 10 s, every acknowledged event answered once.
 */
import { startDrillLine } from './fake-line.js'
import { emptyFigures, type Figures, tallyEvents } from './report.js'
import { cluster, SECRET, settle, sleep } from './setup.js'
import { traffic } from './webhooks.js'

export async function sigterm(): Promise<Figures> {
  const line = await startDrillLine({ instances: 2 })
  const c = await cluster(line, 2)
  const f = emptyFigures('sigterm')
  try {
    const t = traffic({ secret: SECRET, line, targets: () => c.bots.map((b) => b.url) })
    const exits: string[] = []
    const stops: { seconds: number; code: number | null }[] = []
    const phase = async (rate: number, seconds: number, victim: number) => {
      const load = t.run(rate, seconds)
      await sleep((seconds * 1000) / 2)
      const termAt = performance.now()
      const stopping = c.bots[victim]?.term() ?? Promise.resolve({ seconds: -1, code: null })
      await load
      const loadLeft = (performance.now() - termAt) / 1000
      const r = await stopping
      stops.push(r)
      // Clients that keep a connection alive keep it in use: the server stops taking new ones only.
      exits.push(
        `${victim === 0 ? 'A' : 'B'} at ${rate}/s: exit ${r.code} after ${r.seconds.toFixed(1)} s (traffic went on ${loadLeft.toFixed(1)} s)`,
      )
      await c.restart(victim)
    }
    await phase(50, 10, 0)
    await phase(400, 6, 1)
    const redelivered = await t.redeliver(10, 2000)
    await settle(line, c.bots, 5000, 90_000)
    Object.assign(f, tallyEvents(t.events, line.perChat()))
    const refused = t.events.filter((e) => e.statuses[0] !== 200).length
    f.recoverLabel = 'slowest exit after SIGTERM (s)'
    f.recoverSeconds = Math.max(...stops.map((s) => s.seconds))
    f.extra.push(
      ['exits', exits.join('; ')],
      ['events not acknowledged at first (redelivered)', `${refused} (${redelivered} redeliveries)`],
    )
    f.goals.push(
      { goal: 'clean exit (code 0) within 10 s', ok: stops.every((s) => s.code === 0 && s.seconds <= 10) },
      { goal: 'no acknowledged event left unanswered', ok: f.none === 0 },
      { goal: 'no event answered twice', ok: f.twice === 0 },
    )
    return f
  } finally {
    await c.close()
    await line.close()
  }
}
