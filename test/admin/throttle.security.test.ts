import { afterEach, describe, expect, test } from 'vitest'
import { ACCOUNT_MAX_DELAY_MS, accountDelayUntil } from '../../src/admin/throttle.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS, type Isolation } from '../helpers/db.js'
import { Client, PASSWORD_A, seedAccount } from './helpers.js'

// Sign-in throttling an attacker cannot turn against the people it protects: the address is
// the socket's unless TRUST_PROXY says how many proxies append to X-Forwarded-For, and an
// account under attack only makes its owner wait, never shuts them out.

const EMAIL_A = 'owner-a@agency.go.th'

/** A client at `address` that writes its own X-Forwarded-For. */
const spoofing = (c: Client, xff: string) => {
  c.headers['x-forwarded-for'] = xff
  return c
}

async function app(kind: (typeof DB_KINDS)[number], env: Record<string, string> = {}, isolation?: Isolation) {
  const t = await createTestApp(kind, { env, ...(isolation ? { isolation } : {}) })
  await seedAccount(t, 'default', EMAIL_A, 'owner', PASSWORD_A)
  return t
}

describe('the account delay (pure)', () => {
  const now = new Date('2026-11-22T03:00:00Z')
  const ago = (s: number) => new Date(now.getTime() - s * 1000)
  test('no failure: no wait; each failure in the window doubles it, from the latest', () => {
    expect(accountDelayUntil([], now)).toBeNull()
    expect(accountDelayUntil([ago(0)], now)).toEqual(new Date(now.getTime() + 1000))
    expect(accountDelayUntil([ago(0), ago(5), ago(9)], now)).toEqual(new Date(now.getTime() + 4000))
    expect(accountDelayUntil([ago(5), ago(9)], now)).toBeNull()
  })
  test('never more than the cap, however many failures', () => {
    const many = Array.from({ length: 50 }, (_, i) => ago(i))
    expect(accountDelayUntil(many, now)).toEqual(new Date(now.getTime() + ACCOUNT_MAX_DELAY_MS))
  })
  test('failures older than the window do not count', () => {
    expect(accountDelayUntil([ago(16 * 60)], now)).toBeNull()
  })
})

describe.each(DB_KINDS)('sign-in throttling (%s)', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  test('an attacker hammering one account cannot keep its owner out: refused tries do not count, the owner gets in after the delay', async () => {
    t = await app(kind)
    const attacker = new Client(t, '198.51.100.66')
    expect((await attacker.login(EMAIL_A, 'guess-0')).status).toBe(401)
    // Thirty more at once: all refused unchecked, so the wait stays at one second.
    for (let i = 1; i <= 30; i++) expect((await attacker.login(EMAIL_A, `guess-${i}`)).status).toBe(429)
    const owner = new Client(t, '203.0.113.1')
    expect((await owner.login(EMAIL_A, PASSWORD_A)).status).toBe(429)
    expect(owner.lastHtml).toContain('กรุณารอ 1 วินาที')
    t.clock.advance(1000)
    expect((await owner.login(EMAIL_A, PASSWORD_A)).status).toBe(303)

    // A patient attacker, trying each time the wait lifts: the wait grows to its cap and no
    // further, and the owner still gets in once it has passed.
    for (let i = 0; i < 12; i++) {
      t.clock.advance(ACCOUNT_MAX_DELAY_MS)
      expect((await attacker.login(EMAIL_A, `patient-${i}`)).status).toBe(401)
    }
    const later = new Client(t, '203.0.113.2')
    expect((await later.login(EMAIL_A, PASSWORD_A)).status).toBe(429)
    expect(later.lastHtml).toContain(`กรุณารอ ${ACCOUNT_MAX_DELAY_MS / 1000} วินาที`)
    t.clock.advance(ACCOUNT_MAX_DELAY_MS)
    expect((await later.login(EMAIL_A, PASSWORD_A)).status).toBe(303)
    expect(await t.deps.db.selectFrom('admin_sessions').select('account_id').execute()).toHaveLength(2)
  })

  test('parallel guesses at one account are checked one at a time: one is tried, the others wait', async () => {
    // Connections of their own (PostgreSQL: a pool of five), so the guesses really overlap.
    t = await app(kind, {}, 'connections')
    const guesses = Array.from({ length: 5 }, (_, i) => new Client(t, `198.51.100.${20 + i}`))
    const statuses = await Promise.all(guesses.map((g, i) => g.login(EMAIL_A, `parallel-${i}`)))
    expect(statuses.map((r) => r.status).sort()).toEqual([401, 429, 429, 429, 429])
  })

  test('TRUST_PROXY=0: a spoofed X-Forwarded-For does not change the address; the socket is locked after ten failures', async () => {
    t = await app(kind)
    const spoofer = new Client(t, '198.51.100.9')
    for (let i = 0; i < 10; i++) {
      spoofing(spoofer, `192.0.2.${i}`)
      // The tenth failure locks the address, and says so.
      expect((await spoofer.login(`guess${i}@agency.go.th`, 'wrong')).status).toBe(i < 9 ? 401 : 429)
    }
    spoofing(spoofer, '192.0.2.200')
    expect((await spoofer.login(EMAIL_A, PASSWORD_A)).status).toBe(429)
    expect(spoofer.lastHtml).toContain('เข้าสู่ระบบผิดหลายครั้งเกินไป')
    // Naming the spoofer's address in the header locks no one else either.
    const other = spoofing(new Client(t, '203.0.113.5'), '198.51.100.9')
    expect((await other.login(EMAIL_A, PASSWORD_A)).status).toBe(303)
    // The operator is told once that a proxy may be in front, and no address is logged.
    const warned = t.logs.filter((l) => l.includes('proxy.untrusted'))
    expect(warned).toHaveLength(1)
    expect(warned[0]).toContain('TRUST_PROXY')
    expect(t.logs.join('\n')).not.toMatch(/198\.51\.100|192\.0\.2|203\.0\.113/)
  })

  test('TRUST_PROXY=1: the right-most X-Forwarded-For entry is the address; what the client put before it is not', async () => {
    t = await app(kind, { TRUST_PROXY: '1' })
    // Every request comes from the proxy's socket; the proxy appends the client's address.
    const attacker = new Client(t, '10.0.0.1')
    for (let i = 0; i < 10; i++) {
      spoofing(attacker, `192.0.2.${i}, 198.51.100.9`)
      expect((await attacker.login(`guess${i}@agency.go.th`, 'wrong')).status).toBe(i < 9 ? 401 : 429)
    }
    spoofing(attacker, '203.0.113.77, 198.51.100.9')
    expect((await attacker.login(EMAIL_A, PASSWORD_A)).status).toBe(429)
    const owner = spoofing(new Client(t, '10.0.0.1'), '198.51.100.10')
    expect((await owner.login(EMAIL_A, PASSWORD_A)).status).toBe(303)
    expect(t.logs.join('\n')).not.toContain('proxy.untrusted')
  })

  test('global limit: past 50 failures in all, an address that failed waits; one that never failed still signs in', async () => {
    t = await app(kind)
    const typo = new Client(t, '203.0.113.50')
    expect((await typo.login(EMAIL_A, 'typo')).status).toBe(401)
    for (let i = 0; i < 49; i++) {
      const status = (await new Client(t, `198.51.100.${i}`).login(`guess${i}@agency.go.th`, 'wrong')).status
      // The fiftieth failure in all: its address is now one that failed, so it is told to wait.
      expect(status).toBe(i < 48 ? 401 : 429)
    }
    t.clock.advance(1000) // the account's own wait after the typo
    expect((await typo.login(EMAIL_A, PASSWORD_A)).status).toBe(429)
    expect(typo.lastHtml).toContain('เข้าสู่ระบบผิดหลายครั้งเกินไป ลองใหม่ได้หลัง 22 พ.ย. 2569 10:15 น.')
    expect((await new Client(t, '203.0.113.51').login(EMAIL_A, PASSWORD_A)).status).toBe(303)
    t.clock.advance(15 * 60_000)
    expect((await typo.login(EMAIL_A, PASSWORD_A)).status).toBe(303)
  })
})
