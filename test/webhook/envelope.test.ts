import { describe, expect, it } from 'vitest'
import { parseEnvelope } from '../../src/webhook/events.js'
import { fromGroup, postbackEvent, simpleEvent, textEvent } from '../helpers/line-events.js'

const env = (events: unknown[]) => ({ destination: 'U1', events })

describe('envelope validation', () => {
  it('accepts the console verify request (no events)', () => {
    expect(parseEnvelope(env([])).ok).toBe(true)
  })

  it('accepts known events and marks their types', () => {
    const r = parseEnvelope(env([textEvent('เมนู'), postbackEvent('action=menu')]))
    expect(r.ok && [...r.known.values()]).toEqual(['message', 'postback'])
  })

  it('accepts an unknown event type without knowing its fields', () => {
    const r = parseEnvelope(env([simpleEvent('futureThing', fromGroup(), { surprise: { a: 1 } })]))
    expect(r.ok).toBe(true)
    expect(r.ok && r.known.size).toBe(0)
  })

  it('refuses an event missing a base field, naming it', () => {
    const { webhookEventId: _, ...noId } = textEvent('hi')
    const r = parseEnvelope(env([noId]))
    expect(r).toEqual({ ok: false, error: expect.stringContaining('events.0.webhookEventId') })
  })

  it('refuses a known event missing its own fields', () => {
    const { message: _, ...noMessage } = textEvent('hi')
    const r = parseEnvelope(env([noMessage]))
    expect(r).toEqual({ ok: false, error: expect.stringContaining('events.0.message') })
  })

  it('refuses a body without destination or events', () => {
    expect(parseEnvelope({ events: [] }).ok).toBe(false)
    expect(parseEnvelope({ destination: 'U1' }).ok).toBe(false)
    expect(parseEnvelope([]).ok).toBe(false)
    expect(parseEnvelope(null).ok).toBe(false)
  })

  it('refuses a bad mode', () => {
    const r = parseEnvelope(env([{ ...textEvent('hi'), mode: 'sleeping' }]))
    expect(r.ok).toBe(false)
  })
})
