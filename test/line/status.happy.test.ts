import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/core/clock.js'
import { LineApiError } from '../../src/line/outcome.js'
import type { LineMessage, LineResolver, SendResult } from '../../src/line/port.js'
import { createLineStatus, UNAVAILABLE_AFTER } from '../../src/line/status.js'
import { MemoryLine } from '../fakes/memory-line.js'

const START = new Date('2026-12-08T03:00:00Z')
const down: SendResult = { kind: 'unavailable', status: 500, detail: 'HTTP 500' }
const rate: SendResult = { kind: 'rate_limited', status: 429, detail: 'Too Many Requests' }
const quota: SendResult = {
  kind: 'quota_exhausted',
  status: 429,
  detail: 'You have reached your monthly limit.',
}
const msg: LineMessage[] = [{ type: 'text', text: 'ok' }]
const push = { retryKey: '00000000-0000-4000-8000-000000000000' }

function setup() {
  const clock = fixedClock(START)
  const status = createLineStatus(clock)
  const a = new MemoryLine()
  const b = new MemoryLine()
  const raw: LineResolver = async (org) => (org === 'a' ? a : org === 'b' ? b : null)
  return { clock, status, a, b, lines: status.track(raw) }
}

describe('LINE status', () => {
  it('is ok until LINE fails several calls in a row, then unavailable since the first', async () => {
    const { clock, status, a, lines } = setup()
    const port = await lines('a')
    a.script.push(...Array(UNAVAILABLE_AFTER).fill(down))
    for (let i = 0; i < UNAVAILABLE_AFTER - 1; i++) {
      await port?.push('C1', msg, push)
      clock.advance(1000)
    }
    expect(status.overall()).toEqual({ status: 'ok', since: null })
    await port?.push('C1', msg, push)
    expect(status.of('a')).toEqual({ status: 'unavailable', since: START })
    expect(status.overall()).toEqual({ status: 'unavailable', since: START })
    expect(status.of('b').status).toBe('ok')
    // Any answer from LINE ends it, a 400 included.
    a.script.push({ kind: 'rejected', status: 400, detail: 'bad' })
    await port?.reply('token', msg)
    expect(status.overall().status).toBe('ok')
  })

  it('counts thrown API errors and content errors without a status, and 5xx, as LINE down', async () => {
    const { status, a, lines } = setup()
    const port = await lines('a')
    a.getQuota = async () => {
      throw new LineApiError(null, 'network error: ECONNRESET')
    }
    a.getContent = async () => ({ kind: 'error', status: 503, detail: 'HTTP 503' })
    await expect(port?.getQuota()).rejects.toThrow(LineApiError)
    await port?.getContent('m1')
    await port?.getContent('m2')
    expect(status.of('a').status).toBe('unavailable')
  })

  it('says rate limited for a minute after a 429', async () => {
    const { clock, status, a, lines } = setup()
    a.script.push(rate, rate)
    await (await lines('a'))?.push('C1', msg, push)
    clock.advance(30_000)
    await (await lines('a'))?.push('C1', msg, push)
    expect(status.of('a')).toEqual({ status: 'rate_limited', since: START })
    clock.advance(60_000)
    expect(status.of('a').status).toBe('ok')
  })

  it('says quota exhausted through free replies, until a push is accepted or the month ends (UTC+9)', async () => {
    const { clock, status, a, lines } = setup()
    const port = await lines('a')
    a.script.push(quota)
    await port?.push('C1', msg, push)
    await port?.reply('token', msg)
    expect(status.of('a')).toEqual({ status: 'quota_exhausted', since: START })
    await port?.push('C1', msg, push)
    expect(status.of('a').status).toBe('ok')

    a.script.push(quota)
    await port?.push('C1', msg, push)
    clock.set(new Date('2026-12-31T14:59:00Z'))
    expect(status.of('a').status).toBe('quota_exhausted')
    clock.set(new Date('2026-12-31T15:00:00Z'))
    expect(status.of('a').status).toBe('ok')
  })

  it('reports the worst channel overall, and tracks each answer once', async () => {
    const { status, a, b, lines } = setup()
    a.script.push(rate)
    await (await lines('a'))?.push('C1', msg, push)
    b.script.push(quota)
    await (await lines('b'))?.push('C1', msg, push)
    expect(status.overall().status).toBe('quota_exhausted')
    expect(status.track(lines)).toBe(lines)
    expect(await lines('a')).toBe(await lines('a'))
    expect(await lines('none')).toBeNull()
  })
})
