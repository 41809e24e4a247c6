import { describe, expect, it } from 'vitest'
import { parseConfig } from '../src/config.js'

const KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(1)))
const LINE = { LINE_CHANNEL_SECRET: 'a'.repeat(32), LINE_CHANNEL_ACCESS_TOKEN: 't'.repeat(40) }

describe('config', () => {
  it('defaults to local mode with documented defaults', () => {
    const r = parseConfig({})
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.config.line.kind).toBe('local')
    expect(r.config.env.PORT).toBe(3000)
    expect(r.config.timeZone).toBe('Asia/Bangkok')
    expect(r.config.env.LINE_API_BASE_URL).toBe('https://api.line.me')
    expect(r.config.env.LINE_DATA_API_BASE_URL).toBe('https://api-data.line.me')
  })

  it('uses LINE mode when both credentials are set', () => {
    const r = parseConfig({ ...LINE, LINE_API_BASE_URL: 'http://127.0.0.1:9999' })
    expect(r.ok && r.config.line).toMatchObject({ kind: 'line', apiBaseUrl: 'http://127.0.0.1:9999' })
  })

  it('names the variable of every bad value', () => {
    const r = parseConfig({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      DATA_ENCRYPTION_KEY: 'c2hvcnQ=',
      TZ_DEFAULT: 'Mars/Olympus',
      LINE_CHANNEL_SECRET: 'not-hex',
    })
    expect(r.ok).toBe(false)
    const text = r.ok ? '' : r.errors.join('\n')
    for (const name of ['PORT', 'DATABASE_URL', 'DATA_ENCRYPTION_KEY', 'TZ_DEFAULT', 'LINE_CHANNEL_SECRET']) {
      expect(text).toContain(name)
    }
  })

  it('refuses half a LINE channel', () => {
    const r = parseConfig({ LINE_CHANNEL_SECRET: 'a'.repeat(32) })
    expect(r).toEqual({ ok: false, errors: [expect.stringContaining('LINE_CHANNEL_ACCESS_TOKEN')] })
  })

  it('refuses to run in production without secrets', () => {
    const r = parseConfig({ NODE_ENV: 'production' })
    expect(r.ok).toBe(false)
    const text = r.ok ? '' : r.errors.join('\n')
    for (const name of [
      'LINE_CHANNEL_SECRET',
      'LINE_CHANNEL_ACCESS_TOKEN',
      'APP_SECRET',
      'DATA_ENCRYPTION_KEY',
    ]) {
      expect(text).toContain(name)
    }
    const full = parseConfig({
      NODE_ENV: 'production',
      ...LINE,
      APP_SECRET: 's'.repeat(40),
      DATA_ENCRYPTION_KEY: KEY,
    })
    expect(full.ok).toBe(true)
  })

  it('treats blank values as unset', () => {
    const r = parseConfig({ DATABASE_URL: '  ', LINE_CHANNEL_SECRET: '' })
    expect(r.ok && r.config.env.DATABASE_URL).toBeUndefined()
  })
})
