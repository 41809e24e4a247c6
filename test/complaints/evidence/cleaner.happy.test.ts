import { threadId as mainThread } from 'node:worker_threads'
import jpeg from 'jpeg-js'
import { afterAll, describe, expect, test } from 'vitest'
import { DEFAULT_MAX_BYTES } from '../../../src/complaints/evidence/index.js'
import { evidencePool } from '../../../src/runtime/evidence-pool.js'
import { phoneJpeg } from './fixtures/images.js'
import { jpegMarkersBeforeScan } from './fixtures/inspect.js'

// Node's evidence cleaner: the shipped worker thread with sharp. (The whole evidence contract
// runs through it too: the `evidence-node` project in vitest.config.ts.)

const threads: number[] = []
const pool = evidencePool({
  workers: 2,
  memoryMb: 256,
  queue: 16,
  timeoutMs: 60_000,
  onJob: ({ threadId }) => threads.push(threadId),
})
afterAll(() => pool.close())
const limits = { maxBytes: DEFAULT_MAX_BYTES }

describe('the Node evidence cleaner', () => {
  test('cleans a photo in a worker thread, not on the event loop: upright, without EXIF', async () => {
    const input = phoneJpeg({ orientation: 6 })
    const r = await pool.clean(input, { contentType: 'image/jpeg' }, limits)
    if (!r.ok) throw new Error(r.message.en)
    expect(threads).toHaveLength(1)
    expect(threads[0]).not.toBe(mainThread)
    expect(r).toMatchObject({ kind: 'image', mime: 'image/jpeg', extension: 'jpg' })
    const img = jpeg.decode(r.bytes, { useTArray: true })
    expect([img.width, img.height]).toEqual([32, 64])
    // APP1 (Exif/XMP) and APP2 (ICC) are gone: sharp wrote the picture and nothing else.
    expect(jpegMarkersBeforeScan(r.bytes)).not.toContain(0xe1)
    expect(jpegMarkersBeforeScan(r.bytes)).not.toContain(0xe2)
  })

  test('the bytes move to the thread instead of being copied: the caller’s array is emptied', async () => {
    const input = phoneJpeg({ orientation: 1 })
    const r = await pool.clean(input, {}, limits)
    expect(r.ok).toBe(true)
    expect(input.byteLength).toBe(0)
  })

  test('files at once: each is answered, by the threads of the pool', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => pool.clean(phoneJpeg({ orientation: (i % 8) + 1 }), {}, limits)),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect(new Set(threads).size).toBeLessThanOrEqual(2)
    expect(threads).not.toContain(mainThread)
  })

  test('an empty file or one over the size limit is answered without a thread', async () => {
    const before = threads.length
    const big = new Uint8Array(DEFAULT_MAX_BYTES + 1)
    expect(await pool.clean(big, {}, limits)).toMatchObject({ ok: false, reason: 'too_large' })
    expect(await pool.clean(new Uint8Array(0), {}, limits)).toMatchObject({ ok: false, reason: 'empty' })
    expect(threads.length).toBe(before)
    expect(big.byteLength).toBe(DEFAULT_MAX_BYTES + 1)
  })
})
