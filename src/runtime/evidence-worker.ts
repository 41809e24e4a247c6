import { setPriority } from 'node:os'
import { parentPort, threadId, workerData } from 'node:worker_threads'
import { sanitizeEvidence } from '../complaints/evidence/sanitize.js'
import type { EvidenceHint, EvidenceLimits, Sanitized } from '../complaints/evidence/types.js'
import { useNativeInflate } from '../core/inflate-bounded.js'
import { sharpImages } from './evidence-sharp.js'
import { nodeInflate } from './native-inflate.js'

// One evidence-cleaning thread of the pool (evidence-pool.ts): a job in, a result out, one at
// a time. Runs from the TypeScript sources under tsx (tests, `npm run chat`) and from
// dist/runtime/evidence-worker.js when built (`npm start`).

export interface EvidenceJob {
  id: number
  bytes: Uint8Array
  hint: EvidenceHint
  limits: EvidenceLimits
}

export interface EvidenceReply {
  id: number
  result: Sanitized
  /** Which thread did the work: the pool reports it (tests check the work left the main thread). */
  threadId: number
}

/** Said once, when the code is loaded: a job's deadline runs from then, not from start-up. */
export interface EvidenceReady {
  ready: true
}

const port = parentPort
if (!port) throw new Error('evidence-worker.ts runs only as a worker thread')
// This thread's own priority first, so the threads it starts inherit it: on Linux pid 0 is the
// calling thread (thread-priority.ts). Node 22 does not name worker threads, so the pool
// cannot find this one by its name.
const nice = Number((workerData as { nice?: unknown } | null)?.nice ?? 0)
if (nice > 0) {
  try {
    setPriority(0, nice)
  } catch {
    // Not allowed here (a platform without per-thread priorities): the thread runs as an equal.
  }
}
const images = sharpImages()
// zlib's own inflater in place of the pure-JS one: the threads run under --no-opt too.
useNativeInflate(nodeInflate)
port.postMessage({ ready: true } satisfies EvidenceReady)

port.on('message', async (job: EvidenceJob) => {
  const result = await sanitizeEvidence(job.bytes, job.hint, job.limits, images)
  const owned =
    result.ok &&
    result.bytes.byteOffset === 0 &&
    result.bytes.byteLength === result.bytes.buffer.byteLength &&
    result.bytes.buffer instanceof ArrayBuffer
  const reply: EvidenceReply = {
    id: job.id,
    result: result.ok && !owned ? { ...result, bytes: result.bytes.slice() } : result,
    threadId,
  }
  port.postMessage(reply, reply.result.ok ? [reply.result.bytes.buffer as ArrayBuffer] : [])
})
