import { describe, expect, test } from 'vitest'
import { DEFAULT_MAX_BYTES } from '../../../src/complaints/evidence/index.js'
import { type EvidencePoolOptions, evidencePool } from '../../../src/runtime/evidence-pool.js'
import { plainJpeg } from './fixtures/images.js'

// A file that makes its decoder eat memory ends its own thread only: the file is refused with
// a message naming the ceiling, a fresh thread takes the next file, the process lives on.
// test/fakes/evidence-worker-hostile.ts misbehaves on demand (M: heap, A: ArrayBuffers).

const HOSTILE = new URL('../../fakes/evidence-worker-hostile.ts', import.meta.url)
const limits = { maxBytes: 1024 }
const file = (kind: string) => new TextEncoder().encode(`${kind} evidence`)
const hostilePool = (o: Partial<EvidencePoolOptions> = {}) =>
  evidencePool({ workers: 1, memoryMb: 48, queue: 4, timeoutMs: 60_000, workerUrl: HOSTILE, ...o })

describe('memory', () => {
  test('a thread that fills its heap is killed (out of memory), the file refused, the next cleaned', async () => {
    const pool = hostilePool()
    try {
      const r = await pool.clean(file('M'), {}, limits)
      expect(r).toMatchObject({ ok: false, reason: 'crashed' })
      if (r.ok) return
      expect(r.message.th).toContain('หน่วยความจำเกินกำหนด 48 MB')
      expect(r.message.en).toContain('48 MB memory limit')
      expect((await pool.clean(file('ok'), {}, limits)).ok).toBe(true)
    } finally {
      await pool.close()
    }
  })

  test('ArrayBuffers beyond the ceiling (outside the JavaScript heap) end the thread too', async () => {
    const pool = hostilePool()
    try {
      const r = await pool.clean(file('A'), {}, limits)
      expect(r).toMatchObject({ ok: false, reason: 'crashed' })
      expect((await pool.clean(file('ok'), {}, limits)).ok).toBe(true)
    } finally {
      await pool.close()
    }
  })

  test('the other thread’s file is cleaned while one is killed', async () => {
    const pool = hostilePool({ workers: 2 })
    try {
      const [bomb, honest] = await Promise.all([
        pool.clean(file('M'), {}, limits),
        pool.clean(file('ok'), {}, limits),
      ])
      expect(bomb).toMatchObject({ ok: false, reason: 'crashed' })
      expect(honest.ok).toBe(true)
    } finally {
      await pool.close()
    }
  })
})

describe('the shipped thread', () => {
  test('a photo declaring 48 MP is refused from its header, before any pixel is decoded', async () => {
    const pool = evidencePool({ workers: 1, memoryMb: 64, queue: 1, timeoutMs: 60_000 })
    try {
      const jpg = plainJpeg()
      const sof = jpg.findIndex((v, i) => v === 0xff && jpg[i + 1] === 0xc0)
      jpg.set([6000 >> 8, 6000 & 255, 8000 >> 8, 8000 & 255], sof + 5)
      const r = await pool.clean(jpg, {}, { maxBytes: DEFAULT_MAX_BYTES, maxPixels: 16_000_000 })
      expect(r).toMatchObject({ ok: false, reason: 'too_large' })
    } finally {
      await pool.close()
    }
  })
})
