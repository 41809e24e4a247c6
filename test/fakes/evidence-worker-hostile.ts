import { parentPort, threadId } from 'node:worker_threads'
import type { EvidenceJob, EvidenceReply } from '../../src/runtime/evidence-worker.js'

// An evidence thread that does what a hostile file would make a decoder do, chosen by the
// file's first byte: H loops forever, M fills the JavaScript heap, A allocates ArrayBuffers
// without end (outside the heap ceiling), anything else is accepted as a text file at once.
// The pool's answer to each is what the tests check; the real thread is tested elsewhere.

const port = parentPort
if (!port) throw new Error('a worker thread only')
port.postMessage({ ready: true })

port.on('message', (job: EvidenceJob) => {
  const kind = String.fromCharCode(job.bytes[0] ?? 0)
  if (kind === 'H') for (;;) {}
  if (kind === 'M') {
    const heap: object[] = []
    for (;;) heap.push({ at: heap.length, pad: 'x'.repeat(64) + heap.length })
  }
  if (kind === 'A') {
    const held: Uint8Array[] = []
    for (;;) held.push(new Uint8Array(16 * 1024 * 1024).fill(1))
  }
  const reply: EvidenceReply = {
    id: job.id,
    result: { ok: true, kind: 'file', mime: 'text/plain; charset=utf-8', bytes: job.bytes, extension: 'txt' },
    threadId,
  }
  port.postMessage(reply, [job.bytes.buffer as ArrayBuffer])
})
