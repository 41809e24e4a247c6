import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

// Evidence is cleaned at the lowest CPU priority on Linux (EVIDENCE_NICE), the event loop at
// its own: what keeps webhook acknowledgments quick while photos are cleaned.

const run = promisify(execFile)

interface Thread {
  tid: number
  name: string
  nice: number
}

async function threadsAfterCleaning(nice: number): Promise<{ pid: number; threads: Thread[] }> {
  const { stdout } = await run(process.execPath, [
    '--import',
    'tsx',
    'test/runtime/fixtures/niced-pool.ts',
    String(nice),
  ])
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}')
}

const CLEANING = ['evidence', 'libuv-worker', 'libvips worker']

describe.runIf(existsSync('/proc/self/task'))('evidence threads run at a lower priority (Linux)', () => {
  it('lowers the cleaning threads to EVIDENCE_NICE and leaves the event loop and V8 alone', async () => {
    const { pid, threads } = await threadsAfterCleaning(19)
    const cleaning = threads.filter((t) => CLEANING.includes(t.name))
    // The worker thread, libuv's pool and libvips's own threads all exist after a photo.
    expect(new Set(cleaning.map((t) => t.name))).toEqual(new Set(CLEANING))
    for (const t of cleaning) expect(t, t.name).toMatchObject({ nice: 19 })
    const main = threads.find((t) => t.tid === pid)
    expect(main?.nice).toBe(0)
    for (const t of threads.filter((t) => t.name === 'V8Worker')) expect(t.nice).toBe(0)
  })
})
