/**
 * kill -9 of a single instance on the embedded database (PGlite, no DATABASE_URL) with a LINE
 * channel, under 20 webhooks/s, started again at once; then the same with the instance as PID 1
 * of its own PID namespace (unshare --pid --fork --mount-proc), as in a container, where a lock
 * naming "process 1" names the new process itself. Goals: back within 15 s and the restart not
 * refused, nothing acknowledged lost (except answers in flight at the kill, counted), none
 * answered twice.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { type Bot, startBot } from './bot.js'
import { type DrillLine, startDrillLine } from './fake-line.js'
import { freePort } from './postgres.js'
import { emptyFigures, type Figures, tallyEvents } from './report.js'
import { botEnv, problemLines, SECRET, settle, sleep } from './setup.js'
import { traffic } from './webhooks.js'

const RATE = 20
const SECONDS = 20
const BACK_WITHIN_S = 15
const UNSHARE = ['unshare', '--pid', '--fork', '--mount-proc']

interface Round {
  backSeconds: number | null
  killedAt: number
  refused: string | null
  inFlight: Set<string>
  bots: Bot[]
}

/** Runs traffic at one instance, kills it at the middle, starts it again; one round. */
async function round(
  line: DrillLine,
  t: ReturnType<typeof traffic>,
  current: { bot: Bot; env: Record<string, string> },
  wrap?: string[],
) {
  const r: Round = { backSeconds: null, killedAt: 0, refused: null, inFlight: new Set(), bots: [current.bot] }
  const spec = {
    name: 'A',
    port: Number(new URL(current.bot.url).port),
    env: current.env,
    ...(wrap ? { wrap } : {}),
  }
  const load = t.run(RATE, SECONDS)
  await sleep((SECONDS * 1000) / 2)
  for (const p of line.pending()) if (p.chat) r.inFlight.add(p.chat)
  current.bot.kill9()
  r.killedAt = Date.now()
  const killedAt = performance.now()
  while (!current.bot.exited()) await sleep(20)
  let again = await startBot({ ...spec, name: "A'", noWait: true })
  r.bots.push(again)
  for (;;) {
    if (/listening on/.test(again.lines().join('\n'))) break
    const err = again.startError()
    if (err !== null) {
      if (r.refused === null && /already used by process/.test(err)) {
        // What an operator would do once they read the message: delete the lock, start again.
        r.refused = (/already used by process \d+/.exec(err) ?? [err])[0]
        rmSync(join(current.env.DATA_DIR ?? '', '.lock'), { force: true })
        again = await startBot({ ...spec, name: "A''", noWait: true })
        r.bots.push(again)
        continue
      }
      throw new Error(`restart failed: ${err}`)
    }
    if (performance.now() - killedAt > 90_000) throw new Error('restart did not listen within 90 s')
    await sleep(50)
  }
  r.backSeconds = (performance.now() - killedAt) / 1000
  current.bot = again
  await load
  await t.redeliver(10, 2000)
  await settle(line, [again], 5000, 90_000)
  return r
}

export async function pgliteKill(): Promise<Figures> {
  const line = await startDrillLine({ instances: 1 })
  const f = emptyFigures('pglite-kill')
  const everyBot: Bot[] = []
  try {
    const results: { name: string; r: Round; t: ReturnType<typeof traffic> }[] = []
    for (const [name, wrap, prefix] of [
      ['plain', undefined, '0e01'],
      ['PID 1', UNSHARE, '0e02'],
    ] as const) {
      const env = botEnv(line, 0)
      const first = await startBot({
        name: 'A',
        port: await freePort(),
        env,
        ...(wrap ? { wrap: [...wrap] } : {}),
      })
      everyBot.push(first)
      const current = { bot: first, env }
      const t = traffic({ secret: SECRET, line, targets: () => [current.bot.url], prefix })
      const r = await round(line, t, current, wrap ? [...wrap] : undefined)
      everyBot.push(...r.bots)
      results.push({ name, r, t })
      await current.bot.stop()
    }
    const perChat = line.perChat()
    const tallies = results.map((x) => ({ ...x, tally: tallyEvents(x.t.events, perChat, x.r.inFlight) }))
    for (const k of [
      'sent',
      'acknowledged',
      'once',
      'twice',
      'none',
      'noneInFlight',
      'answeredUnacked',
    ] as const)
      f[k] = tallies.reduce((n, x) => n + x.tally[k], 0)
    f.recoverLabel = 's from kill -9 to listening again (slowest)'
    f.recoverSeconds = Math.max(...results.map((x) => x.r.backSeconds ?? Number.POSITIVE_INFINITY))
    for (const x of tallies) {
      // When the unanswered were acknowledged, relative to the kill: just before it means the
      // embedded database lost a write it had confirmed.
      const lost = x.t.events
        .filter((e) => e.ackedAt !== null && (perChat.get(e.chat) ?? 0) === 0)
        .map((e) => `${(((e.ackedAt ?? 0) - x.r.killedAt) / 1000).toFixed(1)}`)
      if (lost.length > 0)
        f.extra.push([`${x.name}: unanswered, acknowledged at (s from kill)`, lost.join(', ')])
      f.extra.push([
        `${x.name}: back in / refused / twice / none (in flight)`,
        `${x.r.backSeconds?.toFixed(1)} s / ${x.r.refused ?? 'no'} / ${x.tally.twice} / ${x.tally.none} (${x.tally.noneInFlight})`,
      ])
    }
    f.extra.push(['warn/error log lines per event', problemLines(everyBot)])
    f.goals.push(
      {
        goal: `back within ${BACK_WITHIN_S} s`,
        ok: results.every((x) => (x.r.backSeconds ?? 1e9) <= BACK_WITHIN_S),
      },
      { goal: 'restart not refused (plain and as PID 1)', ok: results.every((x) => x.r.refused === null) },
      {
        goal: 'nothing acknowledged lost (but answers in flight at the kill)',
        ok: f.none === f.noneInFlight,
      },
      { goal: 'no event answered twice', ok: f.twice === 0 },
    )
    return f
  } finally {
    for (const b of everyBot) await b.stop()
    await line.close()
  }
}
