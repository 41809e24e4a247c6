/**
 * LINE accepts a reply but answers only after 12 s (every 25th chat), under 20 webhooks/s to two
 * instances. Goals: the slow chats answered once (a reply whose outcome is unknown is not followed
 * by a push), and the other chats not held up: their answers' latency (webhook sent → LINE
 * accepted the answer) stays that of a normal reply.
 */
import { startDrillLine } from './fake-line.js'
import { emptyFigures, type Figures, tallyEvents } from './report.js'
import { cluster, percentiles, SECRET, settle } from './setup.js'
import { traffic } from './webhooks.js'

const RATE = 20
const SECONDS = 20
const SLOW_MS = 12_000
/** Every 25th chat (the chat id ends in the event's number, hex). */
const slow = (chat: string) => Number.parseInt(chat.slice(5), 16) % 25 === 0

export async function slowReply(): Promise<Figures> {
  const line = await startDrillLine({ instances: 2 })
  const c = await cluster(line, 2)
  const f = emptyFigures('slow-reply')
  try {
    // A control run first: the same traffic with LINE answering at once, for this machine's noise.
    const control = traffic({ secret: SECRET, line, targets: () => c.bots.map((b) => b.url), prefix: '0c00' })
    await control.run(RATE, 8)
    await settle(line, c.bots, 3000, 60_000)
    line.slowReplies(slow, SLOW_MS)
    const t = traffic({ secret: SECRET, line, targets: () => c.bots.map((b) => b.url) })
    await t.run(RATE, SECONDS)
    await settle(line, c.bots, 5000, 90_000)
    Object.assign(f, tallyEvents(t.events, line.perChat()))
    const first = new Map<string, number>()
    for (const a of line.accepted()) if (!first.has(a.chat)) first.set(a.chat, a.at)
    const latency = (pick: boolean, events = t.events) =>
      events
        .filter((e) => slow(e.chat) === pick && first.has(e.chat))
        .map((e) => (first.get(e.chat) ?? 0) - e.sentAt)
    const others = percentiles(latency(false))
    const base = percentiles(latency(false, control.events))
    const slowEvents = t.events.filter((e) => slow(e.chat))
    const slowTwice = slowEvents.filter((e) => (line.perChat().get(e.chat) ?? 0) > 1).length
    f.extra.push(
      ['slow chats (LINE answers after 12 s)', `${slowEvents.length}; answered twice ${slowTwice}`],
      ['other chats: answer latency p50 / p99 / max (ms)', `${others.p50} / ${others.p99} / ${others.max}`],
      ['control run, no slow replies: p50 / p99 / max', `${base.p50} / ${base.p99} / ${base.max}`],
      ['answers sent as pushes', String(line.accepted().filter((a) => a.kind === 'push').length)],
    )
    f.goals.push(
      { goal: 'no event answered twice', ok: f.twice === 0 },
      { goal: 'no acknowledged event left unanswered', ok: f.none === 0 },
      {
        goal: 'other chats not held up (p99 under 5 s, never the 12 s)',
        ok: others.p99 < 5000 && others.max < SLOW_MS,
      },
    )
    return f
  } finally {
    await c.close()
    await line.close()
  }
}
