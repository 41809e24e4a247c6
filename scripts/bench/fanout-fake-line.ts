// Child process of bench-fanout.ts: the fake LINE API with LINE's 2,000 req/s push limit and
// 5 % of pushes failing with 500, on its own CPU so it does not slow the sender it measures.
// Tells the parent its URL, then answers {type:'stats'} with what LINE would have delivered.
import { startFakeLine } from '../../test/fakes/fake-line-server.js'
import { createThrottle } from '../../test/fakes/fake-line-throttle.js'

const perSecond = Number(process.env.FAKE_RATE ?? 2000)
const failRatio = Number(process.env.FAKE_FAIL_RATIO ?? 0.05)
const latencyMs = Number(process.env.FAKE_LATENCY_MS ?? 10)
const throttle = createThrottle({ perSecond, failRatio })
const line = await startFakeLine({ throttle, latencyMs })

process.on('message', (m: { type?: string }) => {
  if (m.type === 'stats') {
    const perRecipient = new Map<string, number>()
    for (const d of line.delivered()) perRecipient.set(d.to, (perRecipient.get(d.to) ?? 0) + 1)
    process.send?.({
      type: 'stats',
      requests: line.requests().length,
      arrivals: line.requests().map((r) => r.at),
      delivered: line.delivered().length,
      recipients: [...perRecipient.keys()],
      duplicates: [...perRecipient.values()].reduce((s, n) => s + (n - 1), 0),
      throttle: throttle.stats(),
    })
  } else if (m.type === 'close') {
    void line.close().then(() => process.exit(0))
  }
})
process.send?.({ type: 'ready', url: line.url, token: line.token })
