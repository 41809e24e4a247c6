import { describe, expect, test, vi } from 'vitest'
import { createSerial, type Serial } from '../../src/core/serial.js'

/** A piece of work that ends when the test says so, and tells when it started. */
function held<T>(value: T) {
  let release = () => {}
  let started = false
  const done = new Promise<void>((r) => {
    release = r
  })
  return {
    work: async () => {
      started = true
      await done
      return value
    },
    release,
    started: () => started,
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0))
const roomy = () => createSerial({ waiting: 16, waitMs: 30_000 })
/** The values of pieces that got their turn. */
const valuesOf = async <T>(turns: Promise<Awaited<ReturnType<Serial['run']>>>[]) =>
  (await Promise.all(turns)).map((t) => (t.ok ? t.value : t.reason)) as T[]

describe('createSerial', () => {
  test('runs one piece at a time, in the order handed in, each with its own result', async () => {
    const serial = roomy()
    const a = held('a')
    const b = held('b')
    const c = held('c')
    const results = [serial.run(a.work), serial.run(b.work), serial.run(c.work)]
    await tick()
    expect([a.started(), b.started(), c.started()]).toEqual([true, false, false])
    expect(serial.pending).toBe(3)
    a.release()
    await tick()
    expect([b.started(), c.started()]).toEqual([true, false])
    b.release()
    c.release()
    expect(await valuesOf(results)).toEqual(['a', 'b', 'c'])
    expect(serial.pending).toBe(0)
  })

  test('a piece that fails, or throws before its first await, passes its error on and the next runs', async () => {
    const serial = roomy()
    const failed = serial.run(async () => {
      throw new Error('write failed')
    })
    const thrown = serial.run((): Promise<string> => {
      throw new Error('threw at once')
    })
    const next = serial.run(async () => 'next')
    await expect(failed).rejects.toThrow('write failed')
    await expect(thrown).rejects.toThrow('threw at once')
    expect(await next).toEqual({ ok: true, value: 'next' })
    expect(serial.pending).toBe(0)
  })

  test('an idle queue starts a piece at once: nothing waits when nothing else is writing', async () => {
    const serial = roomy()
    const a = held(1)
    const p = serial.run(a.work)
    await tick()
    expect(a.started()).toBe(true)
    a.release()
    expect(await p).toEqual({ ok: true, value: 1 })
  })
})

describe('createSerial: its bound', () => {
  test('past `waiting` pieces behind the running one, the next is busy at once and never runs', async () => {
    const serial = createSerial({ waiting: 1, waitMs: 30_000 })
    const a = held('a')
    const b = held('b')
    let ranC = false
    const first = serial.run(a.work)
    const second = serial.run(b.work)
    const third = await serial.run(async () => {
      ranC = true
      return 'c'
    })
    expect(third).toEqual({ ok: false, reason: 'busy' })
    expect(serial.pending).toBe(2)
    a.release()
    b.release()
    expect(await valuesOf([first, second])).toEqual(['a', 'b'])
    expect(ranC).toBe(false)
  })

  test('with waiting 0, only an idle queue takes a piece', async () => {
    const serial = createSerial({ waiting: 0, waitMs: 30_000 })
    const a = held('a')
    const first = serial.run(a.work)
    expect(await serial.run(async () => 'b')).toEqual({ ok: false, reason: 'busy' })
    a.release()
    await first
    expect(await serial.run(async () => 'c')).toEqual({ ok: true, value: 'c' })
  })

  test('a stuck piece: those behind it wait their limit, are busy and never run, and leave the queue', async () => {
    vi.useFakeTimers()
    try {
      const serial = createSerial({ waiting: 4, waitMs: 1000 })
      const stuck = held('stuck')
      void serial.run(stuck.work)
      let ran = 0
      const behind = [1, 2].map(() =>
        serial.run(async () => {
          ran++
          return 'x'
        }),
      )
      await vi.advanceTimersByTimeAsync(999)
      expect(serial.pending).toBe(3)
      await vi.advanceTimersByTimeAsync(1)
      expect(await valuesOf(behind)).toEqual(['busy', 'busy'])
      expect(serial.pending).toBe(1)
      // Once the stuck piece ends, the queue takes work again, and what timed out stays undone.
      stuck.release()
      await vi.advanceTimersByTimeAsync(0)
      expect(await serial.run(async () => 'after')).toEqual({ ok: true, value: 'after' })
      expect(ran).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })

  test('a piece that got its turn before its limit runs to its end, however long it takes', async () => {
    vi.useFakeTimers()
    try {
      const serial = createSerial({ waiting: 4, waitMs: 1000 })
      const a = held('a')
      const b = held('b')
      const first = serial.run(a.work)
      const second = serial.run(b.work)
      await vi.advanceTimersByTimeAsync(500)
      a.release()
      await vi.advanceTimersByTimeAsync(5000)
      expect(b.started()).toBe(true)
      b.release()
      expect(await valuesOf([first, second])).toEqual(['a', 'b'])
    } finally {
      vi.useRealTimers()
    }
  })

  test('limits that make no sense are refused when the queue is made', () => {
    expect(() => createSerial({ waiting: -1, waitMs: 1000 })).toThrow(/waiting/)
    expect(() => createSerial({ waiting: 1.5, waitMs: 1000 })).toThrow(/waiting/)
    expect(() => createSerial({ waiting: 1, waitMs: 0 })).toThrow(/waitMs/)
    expect(() => createSerial({ waiting: 1, waitMs: Number.NaN })).toThrow(/waitMs/)
  })
})
