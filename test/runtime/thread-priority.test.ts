import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { throttledLowering } from '../../src/runtime/thread-priority.js'

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

const POOLS = ['libuv-worker', 'libvips worker']

describe.runIf(existsSync('/proc/self/task'))('evidence threads run at a lower priority (Linux)', () => {
  it('lowers the cleaning threads to EVIDENCE_NICE and leaves the event loop and V8 alone', async () => {
    const { pid, threads } = await threadsAfterCleaning(19)
    const pool = threads.filter((t) => POOLS.includes(t.name))
    // libuv's pool and libvips's threads exist after a photo, all lowered.
    expect(new Set(pool.map((t) => t.name))).toEqual(new Set(POOLS))
    for (const t of pool) expect(t, t.name).toMatchObject({ nice: 19 })
    // The one evidence thread lowered itself ("evidence" from Node 24; "node" like V8's on 22).
    const others = threads.filter((t) => !POOLS.includes(t.name) && t.tid !== pid)
    // …and every other thread (V8's helpers among them) kept the process priority.
    expect(others.filter((t) => t.nice !== 0).map((t) => t.nice)).toEqual([19])
    const main = threads.find((t) => t.tid === pid)
    expect(main?.nice).toBe(0)
  })
})

describe('throttledLowering', () => {
  it('scans at the first start, then at most once per interval', () => {
    let t = 0
    const scans: number[] = []
    const lower = throttledLowering(19, {
      everyMs: 1000,
      now: () => t,
      lower: (nice) => {
        scans.push(nice)
        return 0
      },
    })
    lower()
    t = 400
    lower()
    t = 999
    lower()
    expect(scans).toEqual([19])
    t = 1000
    lower()
    t = 1500
    lower()
    expect(scans).toEqual([19, 19])
  })
})
