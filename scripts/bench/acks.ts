// The webhook load of `npm run bench:evidence`, in a process of its own: when the same event
// loop also built the reports' multipart bodies, the client's own pauses showed as slow
// acknowledgments. Usage: tsx scripts/bench/acks.ts <url> <secret>; reads lines on stdin:
// "measure" starts a window (a webhook every 20 ms), "stop" ends it and prints its latencies as
// one JSON line ({ ms: number[], failed: number }), "exit" ends the process.
import { createInterface } from 'node:readline'
import { bodies } from './load.js'

const [url, secret] = process.argv.slice(2)
if (!url || !secret) throw new Error('usage: acks.ts <url> <secret>')
const source = bodies(secret)

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
      await new Promise((r) => setTimeout(r, 20))
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
