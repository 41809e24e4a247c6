/**
 * One of two instances runs with its wall clock 60 s ahead (a Node preload, skew-clock.mjs), under
 * 20 webhooks/s. Goals: no event answered twice or never; answers go out as free replies, not
 * pushes counted against the monthly quota; that instance's /healthz and log say it is off.
 */
import { health } from './bot.js'
import { startDrillLine } from './fake-line.js'
import { emptyFigures, type Figures, tallyEvents } from './report.js'
import { cluster, SECRET, settle } from './setup.js'
import { traffic } from './webhooks.js'

const RATE = 20
const SECONDS = 60
const SKEW_MS = 60_000

export async function clockSkew(): Promise<Figures> {
  const line = await startDrillLine({ instances: 2 })
  const c = await cluster(line, 2, (i) =>
    i === 1
      ? {
          env: { DRILL_CLOCK_SKEW_MS: String(SKEW_MS) },
          nodeArgs: ['--import', './scripts/drills/skew-clock.mjs'],
        }
      : {},
  )
  const f = emptyFigures('clock-skew')
  try {
    const t = traffic({ secret: SECRET, line, targets: () => c.bots.map((b) => b.url) })
    await t.run(RATE, SECONDS)
    await settle(line, c.bots, 5000, 90_000)
    const skewed = c.bots[1]
    const h = await health(skewed?.url ?? '')
    const ports = line.urls.map((u) => Number(new URL(u).port))
    const of = (i: number, kind: string) =>
      line.accepted().filter((a) => a.port === ports[i] && a.kind === kind).length
    const said = (skewed?.lines() ?? []).filter((l) => /clock|skew/i.test(l))
    Object.assign(f, tallyEvents(t.events, line.perChat()))
    const pushes = of(0, 'push') + of(1, 'push')
    const answers = line.accepted().length
    f.extra.push(
      ['replies / pushes, instance A (clock right)', `${of(0, 'reply')} / ${of(0, 'push')}`],
      ['replies / pushes, instance B (60 s ahead)', `${of(1, 'reply')} / ${of(1, 'push')}`],
      ['pushes counted against the quota', `${pushes} of ${answers} answers`],
      ['/healthz of B', `${h.status} ${JSON.stringify(h.body).slice(0, 200)}`],
      ['log lines of B about its clock', `${said.length}${said[0] ? `: ${said[0].slice(0, 160)}` : ''}`],
    )
    f.goals.push(
      { goal: 'no event answered twice', ok: f.twice === 0 },
      { goal: 'no acknowledged event left unanswered', ok: f.none === 0 },
      { goal: 'answers are replies (pushes under 5 %)', ok: pushes <= answers * 0.05 },
      { goal: "B's /healthz says its clock is off", ok: /clock|skew/i.test(JSON.stringify(h.body ?? {})) },
      { goal: 'B logs that its clock is off', ok: said.length > 0 },
    )
    return f
  } finally {
    await c.close()
    await line.close()
  }
}
