// The webhook load of `npm run bench:evidence`, in a process of its own: when the same event
// loop also built the reports' multipart bodies, the client's own pauses showed as slow
// acknowledgments. Usage: tsx scripts/bench/acks.ts <url> <secret> <tokens.json> <every ms>:
// a webhook every <every ms>; <tokens.json> is a list of reply tokens the fake LINE issued (each event carries the next one, so the bot's
// replies are accepted as LINE accepts a fresh token, not refused and sent again as pushes);
// reads lines on stdin:
// "measure" starts a window, "stop" ends it and prints its latencies as
// one JSON line ({ ms: number[], failed: number }), "exit" ends the process.
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { bodies } from './load.js'

const [url, secret, tokensFile, every] = process.argv.slice(2)
const everyMs = Number(every)
if (!url || !secret || !tokensFile || !(everyMs > 0))
  throw new Error('usage: acks.ts <url> <secret> <tokens.json> <every ms>')
const tokens = JSON.parse(readFileSync(tokensFile, 'utf8')) as string[]
let used = 0
const source = bodies(secret, () => {
  const t = tokens[used++]
  if (t === undefined) throw new Error(`more events than the ${tokens.length} reply tokens issued`)
  return t
})

async function ack(): Promise<{ ms: number; ok: boolean }> {
  const b = source.next()
  const t0 = performance.now()
  // A server that does not answer makes the client give up: counted, at the time it waited.
  const res = await fetch(`${url}/webhook`, {
    method: 'POST',
    body: b.body,
    headers: { 'content-type': 'application/json', 'x-line-signature': b.signature },
  }).catch(() => null)
  if (res) await res.arrayBuffer()
  return { ms: performance.now() - t0, ok: res?.status === 200 }
}

// Warm up the routes and the database.
for (let i = 0; i < 20; i++) await ack()
console.log('ready')

let window: { running: boolean; done: Promise<{ ms: number[]; failed: number }> } | null = null

function measure() {
  const ms: number[] = []
  let failed = 0
  const state = { running: true }
  const run = async () => {
    const pending: Promise<void>[] = []
    while (state.running) {
      pending.push(
        ack().then((r) => {
          ms.push(r.ms)
          if (!r.ok) failed++
        }),
      )
      await new Promise((r) => setTimeout(r, everyMs))
    }
    await Promise.all(pending)
    return { ms, failed }
  }
  return Object.assign(state, { done: run() })
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'measure') window = measure()
  if (line === 'stop' && window) {
    window.running = false
    console.log(JSON.stringify(await window.done))
    window = null
  }
  if (line === 'exit') break
}
// stdin stays open while the parent lives: leave now, with the keep-alive sockets.
process.exit(0)
