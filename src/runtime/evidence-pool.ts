import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import {
  BUSY,
  type Cleaned,
  crashed,
  type EvidenceCleaner,
  timedOut,
} from '../complaints/evidence/cleaner.js'
import { sanitizeEvidence } from '../complaints/evidence/sanitize.js'
import type { EvidenceHint, EvidenceLimits } from '../complaints/evidence/types.js'
import type { EvidenceJob, EvidenceReady, EvidenceReply } from './evidence-worker.js'
import { throttledLowering } from './thread-priority.js'

// Evidence cleaning on Node, off the event loop: a few worker threads, each with a V8 heap
// ceiling (resourceLimits), at most one job each, a bounded queue, a deadline per job. A file
// that runs past its deadline or its memory ends its thread only: the job is refused with a
// message, the thread replaced, and the webhook's acknowledgments never wait behind it.
//
// resourceLimits bound the JavaScript heap alone: ArrayBuffers (every decoder's output) live
// outside it. So while jobs run, the process's resident memory is watched as well, and past
// the threads' combined ceiling the running jobs' threads are ended.

export interface EvidencePoolOptions {
  /** Threads, each cleaning one file at a time (EVIDENCE_WORKERS). */
  workers: number
  /** Each thread's heap ceiling, and its share of the resident-memory ceiling (MB). */
  memoryMb: number
  /** Files waiting for a thread; one more is answered "busy" at once. */
  queue: number
  timeoutMs: number
  /**
   * The cleaning threads' nice value (EVIDENCE_NICE, Linux): 19 leaves the event loop the CPU
   * it needs while they work; 0 (the default here) lets them share it as equals.
   */
  nice?: number
  /** A thread with nothing to do ends after this long (local mode stays small). */
  idleMs?: number
  /** The thread's script; the shipped one by default. Tests give misbehaving ones. */
  workerUrl?: URL
  /** After each job cleaned by a thread (tests, the benchmark). */
  onJob?: (info: { threadId: number; ms: number }) => void
}

interface Job {
  id: number
  bytes: Uint8Array
  hint: EvidenceHint
  limits: EvidenceLimits
  resolve: (c: Cleaned) => void
}

interface Slot {
  worker: Worker
  job: Job | null
  started: number
  rssAtStart: number
  /** The thread has loaded its code: a job's deadline runs from then, not from its start-up. */
  ready: boolean
  deadline: NodeJS.Timeout | null
  idle: NodeJS.Timeout | null
  dead: boolean
}

const MB = 1024 * 1024
const WATCH_MS = 25

/** Where the thread's script is, from the sources (tsx) or from the build (dist/). */
export function evidenceWorkerUrl(): URL {
  const here = import.meta.url
  if (here.endsWith('.ts')) return new URL('./evidence-worker.ts', here)
  // esbuild writes the entry to dist/runtime/; this module lands in dist/ or in dist/chunks/.
  const candidates = ['./evidence-worker.js', './runtime/evidence-worker.js', '../runtime/evidence-worker.js']
  for (const c of candidates) {
    const url = new URL(c, here)
    if (existsSync(fileURLToPath(url))) return url
  }
  throw new Error(`evidence-worker.js not found beside ${here}: run npm run build`)
}

export function evidencePool(opts: EvidencePoolOptions): EvidenceCleaner {
  const url = opts.workerUrl ?? evidenceWorkerUrl()
  const idleMs = opts.idleMs ?? 30_000
  const nice = opts.nice ?? 0
  const slots = new Set<Slot>()
  const waiting: Job[] = []
  let nextId = 1
  let closed = false
  let watch: NodeJS.Timeout | null = null
  const lower = nice > 0 ? throttledLowering(nice) : () => {}

  const spawn = (): Slot => {
    const worker = new Worker(url, {
      name: 'evidence',
      workerData: { nice },
      // From the sources, the thread needs tsx to read TypeScript; V8 flags are per process.
      execArgv: url.pathname.endsWith('.ts') ? ['--import', 'tsx'] : [],
      resourceLimits: {
        maxOldGenerationSizeMb: opts.memoryMb,
        maxYoungGenerationSizeMb: Math.max(4, Math.min(32, Math.floor(opts.memoryMb / 8))),
        stackSizeMb: 4,
      },
    })
    const slot: Slot = {
      worker,
      job: null,
      started: 0,
      rssAtStart: 0,
      ready: false,
      deadline: null,
      idle: null,
      dead: false,
    }
    worker.on('message', (reply: EvidenceReply | EvidenceReady) => {
      if ('ready' in reply) {
        slot.ready = true
        if (slot.job) arm(slot)
        return
      }
      const job = slot.job
      if (!job || reply.id !== job.id) return
      opts.onJob?.({ threadId: reply.threadId, ms: performance.now() - slot.started })
      finish(slot, reply.result)
    })
    // An uncaught error or an out-of-memory ends the thread: its job alone is refused.
    worker.on('error', () => end(slot, crashed(opts.memoryMb)))
    worker.on('exit', () => end(slot, crashed(opts.memoryMb)))
    slots.add(slot)
    return slot
  }

  const start = (slot: Slot, job: Job) => {
    if (slot.idle) clearTimeout(slot.idle)
    slot.idle = null
    slot.job = job
    slot.started = performance.now()
    slot.rssAtStart = process.memoryUsage.rss()
    slot.worker.ref()
    // The thread, libuv's pool and libvips's threads may be new since the last start.
    lower()
    if (slot.ready) arm(slot)
    const message: EvidenceJob = { id: job.id, bytes: job.bytes, hint: job.hint, limits: job.limits }
    slot.worker.postMessage(message, [job.bytes.buffer as ArrayBuffer])
    watch ??= setInterval(watchMemory, WATCH_MS)
  }

  const arm = (slot: Slot) => {
    slot.started = performance.now()
    slot.deadline = setTimeout(() => end(slot, timedOut(Math.ceil(opts.timeoutMs / 1000))), opts.timeoutMs)
  }

  const finish = (slot: Slot, result: Cleaned) => {
    const job = slot.job
    if (slot.deadline) clearTimeout(slot.deadline)
    slot.deadline = null
    slot.job = null
    job?.resolve(result)
    const next = waiting.shift()
    if (next && !slot.dead) return start(slot, next)
    if (next) return dispatch(next)
    slot.worker.unref()
    if (!slot.dead) slot.idle = setTimeout(() => retire(slot), idleMs).unref()
    if ([...slots].every((s) => !s.job) && watch) {
      clearInterval(watch)
      watch = null
    }
  }

  /** The thread is gone or must go: its job (if any) is refused, a waiting one gets a new thread. */
  const end = (slot: Slot, result: Cleaned) => {
    if (!slot.dead) {
      slot.dead = true
      slots.delete(slot)
      void slot.worker.terminate()
    }
    if (slot.idle) clearTimeout(slot.idle)
    if (slot.job) finish(slot, result)
  }

  const retire = (slot: Slot) => {
    if (slot.job || slot.dead) return
    slot.dead = true
    slots.delete(slot)
    void slot.worker.terminate()
  }

  const watchMemory = () => {
    const running = [...slots].filter((s) => s.job)
    if (running.length === 0) return
    const base = Math.min(...running.map((s) => s.rssAtStart))
    if (process.memoryUsage.rss() - base > opts.memoryMb * MB * running.length) {
      for (const s of running) end(s, crashed(opts.memoryMb))
    }
  }

  const dispatch = (job: Job) => {
    if (closed) return job.resolve(BUSY)
    const free = [...slots].find((s) => !s.job && !s.dead)
    if (free) return start(free, job)
    if ([...slots].filter((s) => s.job).length < opts.workers) return start(spawn(), job)
    if (waiting.length < opts.queue) return void waiting.push(job)
    job.resolve(BUSY)
  }

  return {
    async clean(bytes, hint, limits) {
      // Empty or over the size limit: answered at once, without copying megabytes to a thread.
      if (bytes.length === 0 || bytes.length > limits.maxBytes) return sanitizeEvidence(bytes, hint, limits)
      // The buffer moves to the thread whole; a view into a larger one is copied out first.
      const own =
        bytes.byteOffset === 0 &&
        bytes.byteLength === bytes.buffer.byteLength &&
        bytes.buffer instanceof ArrayBuffer
      const job = { id: nextId++, bytes: own ? bytes : bytes.slice(), hint, limits }
      return new Promise<Cleaned>((resolve) => dispatch({ ...job, resolve }))
    },
    async close() {
      closed = true
      for (const job of waiting.splice(0)) job.resolve(BUSY)
      const all = [...slots]
      for (const s of all) end(s, BUSY)
      await Promise.all(all.map((s) => s.worker.terminate()))
      if (watch) clearInterval(watch)
    },
  }
}
