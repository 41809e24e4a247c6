import { describe, expect, test } from 'vitest'
import { createSerial } from '../../src/core/serial.js'

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

describe('createSerial', () => {
  test('runs one piece at a time, in the order handed in, each with its own result', async () => {
    const serial = createSerial()
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
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c'])
    expect(serial.pending).toBe(0)
  })

  test('a piece that fails, or throws before its first await, passes its error on and the next runs', async () => {
    const serial = createSerial()
    const failed = serial.run(async () => {
      throw new Error('write failed')
    })
    const thrown = serial.run((): Promise<string> => {
      throw new Error('threw at once')
    })
    const next = serial.run(async () => 'next')
    await expect(failed).rejects.toThrow('write failed')
    await expect(thrown).rejects.toThrow('threw at once')
    expect(await next).toBe('next')
    expect(serial.pending).toBe(0)
  })

  test('an idle queue starts a piece at once: nothing waits when nothing else is writing', async () => {
    const serial = createSerial()
    const a = held(1)
    const p = serial.run(a.work)
    await tick()
    expect(a.started()).toBe(true)
    a.release()
    expect(await p).toBe(1)
  })
})
