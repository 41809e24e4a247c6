import { describe, expect, test } from 'vitest'
import { BUSY } from '../../../src/complaints/evidence/index.js'
import { type EvidencePoolOptions, evidencePool } from '../../../src/runtime/evidence-pool.js'

// The pool's answers when it cannot clean a file: too many waiting, too slow. The thread is
// test/fakes/evidence-worker-hostile.ts, which misbehaves on demand (first byte H: forever).

const HOSTILE = new URL('../../fakes/evidence-worker-hostile.ts', import.meta.url)
const limits = { maxBytes: 1024 }
const file = (kind: string) => new TextEncoder().encode(`${kind} evidence`)
const hostilePool = (o: Partial<EvidencePoolOptions> = {}) =>
  evidencePool({ workers: 1, memoryMb: 64, queue: 1, timeoutMs: 60_000, workerUrl: HOSTILE, ...o })

describe('busy', () => {
  test('past the queue, a file is answered busy at once, in Thai and English', async () => {
    const pool = hostilePool()
    const running = pool.clean(file('H'), {}, limits)
    const queued = pool.clean(file('ok'), {}, limits)
    const refused = await pool.clean(file('ok'), {}, limits)
    expect(refused).toEqual(BUSY)
    expect(refused).toMatchObject({
      ok: false,
      reason: 'busy',
      message: {
        th: 'ระบบกำลังประมวลผลหลักฐานจำนวนมาก กรุณาส่งใหม่อีกครั้งในอีกสักครู่',
        en: expect.stringMatching(/^The system is processing a lot of evidence/),
      },
    })
    await pool.close()
    // Closing answers what was still running or waiting; nothing is left hanging.
    expect(await running).toMatchObject({ ok: false })
    expect(await queued).toMatchObject({ ok: false, reason: 'busy' })
  })
})

describe('timeout', () => {
  test('a file past its deadline is refused naming the limit, its thread replaced, the next one cleaned', async () => {
    const threads: number[] = []
    const pool = hostilePool({ timeoutMs: 500, onJob: (j) => threads.push(j.threadId) })
    try {
      const first = await pool.clean(file('ok'), {}, limits)
      expect(first.ok).toBe(true)
      const r = await pool.clean(file('H'), {}, limits)
      expect(r).toMatchObject({ ok: false, reason: 'timeout' })
      if (r.ok) return
      expect(r.message.th).toContain('เกินกำหนด 1 วินาที')
      expect(r.message.en).toContain('1-second limit')
      const next = await pool.clean(file('ok'), {}, limits)
      expect(next.ok).toBe(true)
      expect(threads).toHaveLength(2)
      expect(threads[1]).not.toBe(threads[0])
    } finally {
      await pool.close()
    }
  })

  test('a file waiting behind a stuck one is cleaned once the stuck one times out', async () => {
    const pool = hostilePool({ timeoutMs: 500 })
    try {
      const [stuck, waiting] = await Promise.all([
        pool.clean(file('H'), {}, limits),
        pool.clean(file('ok'), {}, limits),
      ])
      expect(stuck).toMatchObject({ ok: false, reason: 'timeout' })
      expect(waiting.ok).toBe(true)
    } finally {
      await pool.close()
    }
  })
})
