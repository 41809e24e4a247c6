import { describe, expect, test } from 'vitest'
import { originAllowed, tokensMatch } from '../../src/console/csrf.js'
import { langHref } from '../../src/console/i18n.js'
import { hashToken, randomToken, sessionState, signCookie, unsignCookie } from '../../src/console/session.js'
import { createKeyring } from '../../src/core/keyring.js'
import { TEST_APP_SECRET, TEST_DATA_KEY } from '../helpers/app.js'

describe('session cookie signing', () => {
  test('round-trips; a changed token or signature is refused', async () => {
    const keyring = await createKeyring(TEST_APP_SECRET, TEST_DATA_KEY)
    const token = randomToken()
    const value = await signCookie(keyring, token)
    expect(await unsignCookie(keyring, value)).toBe(token)
    const [tok = '', sig = ''] = value.split('.')
    expect(await unsignCookie(keyring, `${tok}x.${sig}`)).toBeNull()
    // A last character that differs from the real one (a fixed '0' matched it 1 time in 64).
    const changed = sig.endsWith('0') ? '1' : '0'
    expect(await unsignCookie(keyring, `${tok}.${sig.slice(0, -1)}${changed}`)).toBeNull()
    expect(await unsignCookie(keyring, tok)).toBeNull()
    expect(await unsignCookie(keyring, undefined)).toBeNull()
    const other = await createKeyring(`${TEST_APP_SECRET}-other`, TEST_DATA_KEY)
    expect(await unsignCookie(other, value)).toBeNull()
  })

  test('the database key is SHA-256 of the token, not the token', async () => {
    const token = randomToken()
    expect(await hashToken(token)).toMatch(/^[0-9a-f]{64}$/)
    expect(await hashToken(token)).not.toContain(token)
  })

  test('idle and absolute expiry', () => {
    const t0 = new Date('2026-11-22T00:00:00Z')
    const s = { last_seen_at: t0, expires_at: new Date(t0.getTime() + 12 * 3600_000) }
    expect(sessionState(s, new Date(t0.getTime() + 29 * 60_000))).toBe('valid')
    expect(sessionState(s, new Date(t0.getTime() + 30 * 60_000))).toBe('idle')
    const busy = { last_seen_at: new Date(t0.getTime() + 12 * 3600_000 - 1000), expires_at: s.expires_at }
    expect(sessionState(busy, new Date(t0.getTime() + 12 * 3600_000))).toBe('expired')
  })
})

describe('CSRF checks', () => {
  test('tokens must be present and equal', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true)
    expect(tokensMatch('abc', 'abd')).toBe(false)
    expect(tokensMatch('abc', '')).toBe(false)
    expect(tokensMatch('abc', undefined)).toBe(false)
    expect(tokensMatch('', '')).toBe(false)
    expect(tokensMatch(undefined, 'abc')).toBe(false)
  })

  test('Origin: absent or same-site passes; another site does not', () => {
    expect(originAllowed(undefined, 'http://localhost/admin/login')).toBe(true)
    expect(originAllowed('http://localhost', 'http://localhost/admin/login')).toBe(true)
    expect(originAllowed('https://evil.example', 'http://localhost/admin/login')).toBe(false)
    expect(originAllowed('null', 'http://localhost/admin/login')).toBe(false)
    expect(originAllowed('https://bot.go.th', 'http://10.0.0.5/admin', 'https://bot.go.th/')).toBe(true)
  })

  test('Sec-Fetch-Site, when the browser sends it, must be same-origin (it may send Origin: null)', () => {
    expect(originAllowed('null', 'http://localhost/admin', undefined, 'same-origin')).toBe(true)
    expect(originAllowed('http://localhost', 'http://localhost/admin', undefined, 'cross-site')).toBe(false)
    expect(originAllowed('http://localhost', 'http://localhost/admin', undefined, 'same-site')).toBe(false)
    expect(originAllowed(undefined, 'http://localhost/admin', undefined, 'none')).toBe(false)
  })
})

describe('language switch link', () => {
  test('keeps the query, replaces only lang', () => {
    expect(langHref('/admin/evidence/2569/items', '', 'en')).toBe('/admin/evidence/2569/items?lang=en')
    expect(langHref('/admin/evidence/years', '?to=2569', 'en')).toBe('/admin/evidence/years?to=2569&lang=en')
    expect(langHref('/admin/gifts', '?fy=2569&lang=en', 'th')).toBe('/admin/gifts?fy=2569&lang=th')
  })

  test('a query cannot break out of the link: values stay encoded', () => {
    expect(langHref('/admin/gifts', '?fy="><script>', 'en')).toBe(
      '/admin/gifts?fy=%22%3E%3Cscript%3E&lang=en',
    )
  })
})
