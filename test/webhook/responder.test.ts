import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/core/logger.js'
import { createResponder, REPLY_TOKEN_TTL_MS } from '../../src/webhook/responder.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { fromGroup, textEvent } from '../helpers/line-events.js'

const text = [{ type: 'text' as const, text: 'สวัสดี' }]

describe('responder', () => {
  it('replies with a fresh reply token, once', async () => {
    const line = new MemoryLine()
    const ev = textEvent('x', fromGroup(), 1_000_000)
    const r = createResponder({ event: ev, line, log: silentLogger, now: new Date(1_000_500) })
    await r.reply(text)
    await r.reply(text)
    expect(line.calls.map((c) => c.op)).toEqual(['reply', 'push'])
  })

  it('pushes with the same retry key when the token has expired, however often it is retried', async () => {
    const ev = textEvent('x', fromGroup(), 1_000_000)
    const late = new Date(1_000_000 + REPLY_TOKEN_TTL_MS + 1)
    const keys: string[] = []
    for (let attempt = 0; attempt < 2; attempt++) {
      const line = new MemoryLine()
      await createResponder({ event: ev, line, log: silentLogger, now: late }).reply(text)
      const call = line.calls[0]
      expect(call?.op).toBe('push')
      if (call?.op === 'push') keys.push(call.opts.retryKey)
    }
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(keys[1]).toBe(keys[0])
  })

  it('falls back to push when LINE refuses the reply token (400)', async () => {
    const line = new MemoryLine()
    line.script.push({ kind: 'rejected', status: 400, detail: 'Invalid reply token' })
    const ev = textEvent('x', fromGroup(), 1_000_000)
    await createResponder({ event: ev, line, log: silentLogger, now: new Date(1_000_100) }).reply(text)
    expect(line.calls.map((c) => c.op)).toEqual(['reply', 'push'])
  })

  it('sends nothing in standby mode', async () => {
    const line = new MemoryLine()
    const ev = { ...textEvent('x', fromGroup(), 1_000_000), mode: 'standby' as const }
    const result = await createResponder({
      event: ev,
      line,
      log: silentLogger,
      now: new Date(1_000_100),
    }).reply(text)
    expect(line.calls).toHaveLength(0)
    expect(result?.kind).toBe('rejected')
  })
})
