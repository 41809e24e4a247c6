/**
 * The database stopped for ~20 s under 50 webhooks/s to two instances. Goals: an event is never
 * acknowledged (200) unless it was stored (every acknowledged event gets its answer), every
 * acknowledged event answered exactly once (redeliveries included), a cause logged once rather
 * than once per waiting request, both processes alive, /healthz 503 while it is down.
 */

import { health } from './bot.js'
import { startDrillLine } from './fake-line.js'
import { emptyFigures, type Figures, tallyEvents } from './report.js'
import { cluster, logPeak, problemLines, SECRET, settle, sleep } from './setup.js'
import { traffic } from './webhooks.js'

const RATE = 50
const BEFORE_S = 8
const DOWN_S = 20
const AFTER_S = 10

export async function dbOutage(): Promise<Figures> {
  const line = await startDrillLine({ instances: 2 })
  const c = await cluster(line, 2)
  const f = emptyFigures('db-outage')
  try {
    const t = traffic({ secret: SECRET, line, targets: () => c.bots.map((b) => b.url) })
    const load = t.run(RATE, BEFORE_S + DOWN_S + AFTER_S)
    await sleep(BEFORE_S * 1000)
    c.pg.stop()
    const stoppedAt = Date.now()
    await sleep(3000)
    const downHealth = await Promise.all(c.bots.map((b) => health(b.url)))
    await sleep(Math.max(0, DOWN_S * 1000 - (Date.now() - stoppedAt)))
    c.pg.start()
    const startedAt = Date.now()
    // A crashed instance is started again, as a supervisor (systemd, a container) would.
    const crashed = c.bots.map((b, i) => ({ i, reason: b.exitReason() })).filter((x) => x.reason !== null)
    for (const x of crashed) await c.restart(x.i)
    let healthyAt: number | null = null
    while (healthyAt === null && Date.now() - startedAt < 60_000) {
      const hs = await Promise.all(c.bots.map((b) => health(b.url)))
      if (hs.every((h) => h.status === 200)) healthyAt = Date.now()
      else await sleep(200)
    }
    await load
    const redelivered = await t.redeliver(10, 3000)
    const lastAnswer = await settle(line, c.bots)
    Object.assign(f, tallyEvents(t.events, line.perChat()))
    const during = t.events.filter((e) => e.sentAt >= stoppedAt && e.sentAt < startedAt)
    const byStatus = new Map<number, number>()
    for (const e of during) byStatus.set(e.statuses[0] ?? 0, (byStatus.get(e.statuses[0] ?? 0) ?? 0) + 1)
    const statusList = [...byStatus].map(([k, v]) => `${k === 0 ? 'no answer' : k} ×${v}`).join(', ')
    f.recoverLabel = 's from database back to last answer'
    f.recoverSeconds = (lastAnswer - startedAt) / 1000
    f.extra.push(
      ['database down (s)', ((startedAt - stoppedAt) / 1000).toFixed(1)],
      ['events sent while down (first answer)', `${during.length}: ${statusList}`],
      ['redelivered (LINE redelivery)', String(redelivered)],
      ['/healthz while down', downHealth.map((h) => h.status).join(', ')],
      [
        's from database back to /healthz 200',
        healthyAt === null ? 'not within 60 s' : ((healthyAt - startedAt) / 1000).toFixed(1),
      ],
      [
        'instances that crashed (restarted)',
        crashed.length === 0
          ? 'none'
          : crashed.map((x) => `${x.i === 0 ? 'A' : 'B'}: ${x.reason}`).join('; '),
      ],
      ['warn/error log lines per event', problemLines(c.everyBot())],
    )
    const peak = logPeak(c.everyBot())
    f.extra.push(['most lines of one event in one second', `${peak.perSecond} (${peak.event})`])
    f.goals.push(
      { goal: 'every acknowledged event answered (none lost)', ok: f.none === 0 },
      { goal: 'no event answered twice', ok: f.twice === 0 },
      { goal: 'both processes survive', ok: crashed.length === 0 && c.bots.every((b) => !b.exited()) },
      { goal: '/healthz 503 while the database is down', ok: downHealth.every((h) => h.status === 503) },
      // One failure, one line: a request's own failure is a line each (50/s), never one per waiter.
      { goal: 'no log flood: at most 100 lines of one event in any second', ok: peak.perSecond <= 100 },
    )
    return f
  } finally {
    await c.close()
    await line.close()
  }
}
