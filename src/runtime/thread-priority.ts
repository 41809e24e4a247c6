import { readdirSync, readFileSync } from 'node:fs'
import { setPriority } from 'node:os'

/**
 * The threads that clean evidence, by the names Node and libvips give them: the evidence
 * worker threads (`name: 'evidence'` from Node 24; on Node 22 they are "node", like V8's, and
 * lower themselves: evidence-worker.ts), libuv's pool, where sharp runs its pipelines, and the
 * libvips threads those start. V8's own helpers (garbage collection for the event loop) and the
 * main thread are left alone.
 */
const CLEANING_THREADS = new Set(['evidence', 'libuv-worker', 'libvips worker'])

/**
 * Lowers the cleaning threads of this process to `nice`. On Linux a nice value belongs to a
 * thread, not to the process (setpriority(2), "BUGS"), and a thread started later inherits its
 * creator's: so the threads take only the CPU the event loop leaves, and a webhook is
 * acknowledged at once however many photos are being cleaned (bench:evidence, section 2).
 * Raising a nice value needs no privilege. Without /proc (macOS, Windows) it does nothing, and
 * the threads share the cores with the event loop as equals. Returns how many threads it set.
 */
export function lowerCleaningThreads(nice: number): number {
  let tids: string[]
  try {
    tids = readdirSync('/proc/self/task')
  } catch {
    return 0
  }
  let set = 0
  for (const tid of tids) {
    const id = Number(tid)
    if (id === process.pid) continue
    try {
      if (!CLEANING_THREADS.has(readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim())) continue
      setPriority(id, nice)
      set++
    } catch {
      // The thread ended since the listing.
    }
  }
  return set
}

/**
 * `lowerCleaningThreads` for a pool that starts a job per file: a scan reads every thread's
 * name, which on a busy event loop cost a tenth of a report's own work when done per file. New
 * cleaning threads are rare once the pool runs (libuv's pool is started once, and the threads
 * libvips starts inherit a lowered creator's nice value), so a scan runs at the first start and
 * then at most once per `everyMs`.
 */
export function throttledLowering(
  nice: number,
  o: { everyMs?: number; now?: () => number; lower?: (nice: number) => number } = {},
): () => void {
  const { everyMs = 1000, now = () => performance.now(), lower = lowerCleaningThreads } = o
  let last = Number.NEGATIVE_INFINITY
  return () => {
    const t = now()
    if (t - last < everyMs) return
    last = t
    lower(nice)
  }
}
