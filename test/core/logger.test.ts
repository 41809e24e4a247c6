import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/core/logger.js'

describe('logger', () => {
  const capture = (level: 'debug' | 'info' = 'debug') => {
    const lines: string[] = []
    return { lines, log: createLogger({ level, write: (l) => lines.push(l), now: () => new Date(0) }) }
  }

  it('writes one JSON object per line with level and event', () => {
    const { lines, log } = capture()
    log.info('webhook.accepted', { stored: 2 })
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      ts: '1970-01-01T00:00:00.000Z',
      level: 'info',
      event: 'webhook.accepted',
      stored: 2,
    })
  })

  it('redacts fields that carry text or ids, whatever the caller meant', () => {
    const { lines, log } = capture()
    log.warn('x', { text: 'ลับ', userId: 'U1', replyToken: 'r', ok: true })
    const rec = JSON.parse(lines[0] ?? '')
    expect(rec).toMatchObject({
      text: '[redacted]',
      userId: '[redacted]',
      replyToken: '[redacted]',
      ok: true,
    })
  })

  it('masks anything shaped like a LINE id inside values and event names', () => {
    const { lines, log } = capture()
    const id = `U${'0123456789abcdef'.repeat(2)}`
    log.error(`failed for ${id}`, { reason: `push to ${id} failed`, group: `C${'f'.repeat(32)}` })
    expect(lines[0]).not.toContain(id)
    expect(lines[0]).not.toContain('f'.repeat(32))
    expect(lines[0]).toContain('[line-id]')
  })

  it('drops records below the level', () => {
    const { lines, log } = capture('info')
    log.debug('noise')
    expect(lines).toHaveLength(0)
  })
})
