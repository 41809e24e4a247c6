import { describe, expect, it } from 'vitest'
import { backoffDelay, TimeoutError, withRetries, withTimeout } from '../../src/line/retry.js'

const policy = (sleeps: number[], random = () => 0.5) => ({
  maxRetries: 3,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  random,
  sleep: async (ms: number) => {
    sleeps.push(ms)
  },
})

describe('backoffDelay', () => {
  it('doubles per retry, stays between half and all of the cap, and is capped', () => {
    const at = (retry: number, r: number) =>
      backoffDelay(retry, { baseDelayMs: 100, maxDelayMs: 1_000, random: () => r })
    expect([0, 1, 2, 3].map((n) => at(n, 0))).toEqual([50, 100, 200, 400])
    expect([0, 1, 2, 3].map((n) => at(n, 0.999))).toEqual([100, 200, 400, 800])
    expect(at(10, 0)).toBe(500)
    expect(at(10, 0.999)).toBe(1_000)
  })
})

describe('withRetries', () => {
  it('returns the first final result without sleeping', async () => {
    const sleeps: number[] = []
    const attempts: number[] = []
    const r = await withRetries(
      async (n) => {
        attempts.push(n)
        return 'ok'
      },
      (v) => v !== 'ok',
      policy(sleeps),
    )
    expect([r, attempts, sleeps]).toEqual(['ok', [0], []])
  })

  it('retries transient results up to maxRetries and returns the last one', async () => {
    const sleeps: number[] = []
    const attempts: number[] = []
    const r = await withRetries(
      async (n) => {
        attempts.push(n)
        return `fail ${n}`
      },
      () => true,
      policy(sleeps),
    )
    expect(r).toBe('fail 3')
    expect(attempts).toEqual([0, 1, 2, 3])
    expect(sleeps).toEqual([75, 150, 300])
  })

  it('stops as soon as a result is final', async () => {
    const sleeps: number[] = []
    const r = await withRetries(
      async (n) => n,
      (v) => v < 1,
      policy(sleeps),
    )
    expect(r).toBe(1)
    expect(sleeps).toHaveLength(1)
  })
})

describe('withTimeout', () => {
  it('passes a result and a rejection through', async () => {
    await expect(withTimeout(1_000, async () => 7)).resolves.toBe(7)
    await expect(withTimeout(1_000, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
  })

  it('rejects with TimeoutError when the work is slower than the limit', async () => {
    const slow = () => new Promise((resolve) => setTimeout(resolve, 500))
    await expect(withTimeout(20, slow)).rejects.toBeInstanceOf(TimeoutError)
  })

  it('turns a synchronous throw into a rejection', async () => {
    await expect(
      withTimeout(100, () => {
        throw new Error('sync')
      }),
    ).rejects.toThrow('sync')
  })
})
