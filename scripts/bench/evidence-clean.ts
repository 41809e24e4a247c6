// One figure of `npm run bench:evidence`, in a process of its own (run with npm start's Node
// flags): cleans one file with the path named, and prints one JSON line: the first run's time
// (for `new` it also starts the thread and loads sharp), the median of the warm runs (`new`),
// and the process's peak resident memory above what it held before the first.
//   old: today's path, pure JS (jpeg-js, fast-png) on this thread
//   new: the worker-thread pool with sharp, from the build (dist/runtime/evidence-worker.js)
import { readFileSync } from 'node:fs'
import { inlineCleaner } from '../../src/complaints/evidence/cleaner.js'
import { evidencePool } from '../../src/runtime/evidence-pool.js'

const [path, file] = process.argv.slice(2)
if ((path !== 'old' && path !== 'new') || !file) throw new Error('usage: evidence-clean.ts old|new <file>')
const MB = 1024 * 1024
const limits = { maxBytes: 25 * MB, maxPixels: 16_000_000 }
const peakMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024
const input = new Uint8Array(readFileSync(file))
const before = process.memoryUsage.rss() / MB
const cleaner =
  path === 'old'
    ? inlineCleaner()
    : evidencePool({
        workers: 1,
        memoryMb: 256,
        queue: 1,
        timeoutMs: 600_000,
        workerUrl: new URL('../../dist/runtime/evidence-worker.js', import.meta.url),
      })
const runs: number[] = []
let ok = true
// Once today (tens of seconds); the new path once cold, then the median of three warm runs.
for (let i = 0; i < (path === 'old' ? 1 : 4); i++) {
  const t0 = performance.now()
  const r = await cleaner.clean(input.slice(), {}, limits)
  runs.push(performance.now() - t0)
  ok &&= r.ok
}
await cleaner.close()
const warm = runs.slice(1).sort((a, b) => a - b)
console.log(
  JSON.stringify({
    first: runs[0],
    second: warm[Math.floor(warm.length / 2)],
    peakMb: peakMb() - before,
    ok,
  }),
)
