import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type CaseAccess, openAsComplainant } from '../../src/complaints/follow-access.js'
import type { FollowClient, FollowPolicy } from '../../src/complaints/follow-throttle.js'
import { createKeyring } from '../../src/core/keyring.js'
import { verifyReceiptSecret } from '../../src/core/receipt.js'
import { pbkdf2Hasher, SECRET_HASH_ITERATIONS } from '../../src/core/secret-hash.js'
import { createPgDb } from '../../src/db/pg.js'
import { createTestApp, TEST_APP_SECRET, TEST_DATA_KEY, type TestApp } from '../helpers/app.js'
import { DB_KINDS, openTestDb } from '../helpers/db.js'
import { REAL_CODE, SECRET, seedCase, throttleRows, UNKNOWN_CODE, WRONG } from './followup-helpers.js'

// Following a complaint up by code and secret must tell a guesser nothing (a code that exists
// answers like one that does not, however often it was tried) and must never lock the
// complainant out: wrong guesses slow the client that makes them, and, past a budget, everyone
// for a minute, whatever the code.

const web = (address: string): FollowClient => ({ channel: 'web', address })
const WRONG_ANSWER: CaseAccess = { kind: 'wrong' }

/** Stands in for the slow hash: right only for the seeded case; records what it was asked. */
const fakeVerify = (real: { secretHash: string; secret: string }) =>
  vi.fn(async (secret: string, hash: string) => hash === real.secretHash && secret === real.secret)

describe.each(DB_KINDS)('complaint follow-up against guessing (%s)', (kind) => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp(kind)
  })
  afterEach(async () => {
    vi.restoreAllMocks()
    await t.close()
  })

  const open = (
    client: FollowClient,
    code: string,
    secret: string,
    verify: ReturnType<typeof fakeVerify>,
    policy?: FollowPolicy,
  ) =>
    openAsComplainant(
      t.deps.db,
      t.deps.keyring,
      { orgId: 'default', client, code, secret, now: t.clock.now() },
      policy ? { verify, policy } : { verify },
    )

  const caseRow = () =>
    t.testDb.db
      .selectFrom('complaint_cases')
      .selectAll()
      .where('code', '=', REAL_CODE)
      .executeTakeFirstOrThrow()

  it('an unknown code, a stub and a wrong secret each cost one slow check; unknown codes and stubs check the decoy', async () => {
    const decoy = t.deps.keyring.secrets.decoy
    const real = await seedCase(t.deps.db, t.deps.keyring)
    const stub = await seedCase(t.deps.db, t.deps.keyring, { code: 'C-2569-PQRST2', stub: true })
    const verify = fakeVerify(real)
    const tries: [string, string, string][] = [
      [UNKNOWN_CODE, WRONG, decoy],
      [stub.code, stub.secret, decoy], // retention made it a stub: even its secret
      [REAL_CODE, WRONG, real.secretHash],
      ['', WRONG, decoy],
      [`${REAL_CODE}${'X'.repeat(40)}`, WRONG, decoy],
    ]
    for (const [code, secret, hash] of tries) {
      verify.mockClear()
      expect(await open(web('198.51.100.1'), code, secret, verify), code).toEqual(WRONG_ANSWER)
      expect(verify.mock.calls, code).toEqual([[secret, hash]])
    }
    verify.mockClear()
    const long = 'B'.repeat(100)
    expect(await open(web('198.51.100.1'), REAL_CODE, long, verify)).toEqual(WRONG_ANSWER)
    expect(verify.mock.calls).toEqual([[long.slice(0, 60), decoy]])
    verify.mockClear()
    const opened = await open(
      web('198.51.100.1'),
      ` ${REAL_CODE.toLowerCase()} `,
      SECRET.toLowerCase(),
      verify,
    )
    expect(opened.kind).toBe('ok')
    expect(verify.mock.calls).toEqual([[SECRET, real.secretHash]])
  })

  it('the decoy costs a full PBKDF2 at the real iteration count and matches no secret', async () => {
    const secrets = pbkdf2Hasher()
    expect(secrets.decoy.split('$')[1]).toBe(String(SECRET_HASH_ITERATIONS))
    const derive = vi.spyOn(crypto.subtle, 'deriveBits')
    expect(await verifyReceiptSecret(null, SECRET, secrets)).toBe(false)
    expect(await verifyReceiptSecret(null, '', secrets)).toBe(false)
    expect(derive).toHaveBeenCalledTimes(2)
    expect(derive.mock.calls[0]?.[0]).toMatchObject({ name: 'PBKDF2', iterations: SECRET_HASH_ITERATIONS })
  })

  it('a real and an unknown code answer alike after 0, 5 and 50 tries; the right secret still opens after 50 wrong ones', async () => {
    const real = await seedCase(t.deps.db, t.deps.keyring)
    const before = await caseRow()
    const verify = fakeVerify(real)
    const onReal: CaseAccess[] = []
    const onUnknown: CaseAccess[] = []
    for (let i = 0; i <= 50; i++) {
      onReal.push(await open(web('198.51.100.1'), REAL_CODE, WRONG, verify))
      onUnknown.push(await open(web('198.51.100.2'), UNKNOWN_CODE, WRONG, verify))
    }
    expect(onReal).toEqual(onUnknown)
    expect([onReal[0], onReal[5], onReal[9]]).toEqual([WRONG_ANSWER, WRONG_ANSWER, WRONG_ANSWER])
    // The client's eleventh try in a quarter of an hour waits, and so do the rest.
    expect(onReal[10]).toEqual({ kind: 'throttled', retryInMinutes: 15 })
    expect(onReal[50]).toEqual({ kind: 'throttled', retryInMinutes: 15 })
    expect(verify).toHaveBeenCalledTimes(20)
    // Fifty more wrong secrets for the real code from five other addresses, every one checked.
    for (let c = 0; c < 5; c++) {
      for (let i = 0; i < 10; i++) {
        expect(await open(web(`203.0.113.${c}`), REAL_CODE, `WRONG-${c}${i}`, verify)).toEqual(WRONG_ANSWER)
      }
    }
    const mine = await open(web('192.0.2.50'), REAL_CODE, SECRET, verify)
    expect(mine.kind === 'ok' && mine.view.code).toBe(REAL_CODE)
    // The case itself counted nothing: not one column changed.
    expect(await caseRow()).toEqual(before)
  })

  it("a client's wait counts down to the end of its quarter hour, then it may try again", async () => {
    const real = await seedCase(t.deps.db, t.deps.keyring)
    const verify = fakeVerify(real)
    for (let i = 0; i < 10; i++) await open(web('198.51.100.1'), REAL_CODE, WRONG, verify)
    t.clock.advance(7 * 60_000 + 30_000)
    expect(await open(web('198.51.100.1'), REAL_CODE, SECRET, verify)).toEqual({
      kind: 'throttled',
      retryInMinutes: 8,
    })
    // Another client, and the same person in LINE, are not slowed by it.
    expect((await open(web('198.51.100.3'), REAL_CODE, SECRET, verify)).kind).toBe('ok')
    expect((await open({ channel: 'line', sessionKey: 'k' }, REAL_CODE, SECRET, verify)).kind).toBe('ok')
    t.clock.advance(8 * 60_000)
    expect((await open(web('198.51.100.1'), REAL_CODE, SECRET, verify)).kind).toBe('ok')
  })

  it("past the organization's 100 wrong guesses a minute everyone waits a minute, right or wrong, known code or not", async () => {
    const real = await seedCase(t.deps.db, t.deps.keyring)
    const verify = fakeVerify(real)
    for (let c = 0; c < 10; c++) {
      for (let i = 0; i < 10; i++) {
        const code = i % 2 === 0 ? REAL_CODE : UNKNOWN_CODE
        expect(await open(web(`203.0.113.${c}`), code, WRONG, verify)).toEqual(WRONG_ANSWER)
      }
    }
    expect(verify).toHaveBeenCalledTimes(100)
    const wait = { kind: 'throttled', retryInMinutes: 1 }
    expect(await open(web('192.0.2.60'), REAL_CODE, SECRET, verify)).toEqual(wait)
    expect(await open(web('192.0.2.61'), UNKNOWN_CODE, WRONG, verify)).toEqual(wait)
    expect(await open({ channel: 'line', sessionKey: 'k' }, REAL_CODE, WRONG, verify)).toEqual(wait)
    expect(verify).toHaveBeenCalledTimes(100)
    t.clock.advance(60_000)
    expect((await open(web('192.0.2.60'), REAL_CODE, SECRET, verify)).kind).toBe('ok')
  })

  it('the throttle keeps one row per client and bucket: no address, session key, case or code, only the day', async () => {
    const real = await seedCase(t.deps.db, t.deps.keyring)
    const verify = fakeVerify(real)
    const ip = '203.0.113.77'
    await open(web(ip), REAL_CODE, WRONG, verify)
    await open(web(ip), UNKNOWN_CODE, WRONG, verify)
    await open({ channel: 'line', sessionKey: 'SESSION-KEY-SENTINEL' }, REAL_CODE, WRONG, verify)
    const rows = await throttleRows(t.testDb.db)
    // The address's two guesses, one at a real code and one at none, share a row: no row says
    // which codes exist. The third row is the organization's.
    expect(rows.map((r) => r.attempts).sort()).toEqual([1, 2, 3])
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(['attempts', 'day', 'key'])
      expect(r.key).toMatch(/^[0-9a-f]{32}$/)
      expect(r.day).toBe('2026-11-22')
    }
    const text = JSON.stringify(rows)
    for (const needle of [ip, Buffer.from(ip).toString('hex'), 'SESSION-KEY-SENTINEL', REAL_CODE, real.id]) {
      expect(text).not.toContain(needle)
    }
    // A right secret gives its count back; yesterday's rows go with the first guess of a new day.
    await open(web('198.51.100.9'), REAL_CODE, SECRET, verify)
    expect((await throttleRows(t.testDb.db)).map((r) => r.attempts).sort()).toEqual([0, 1, 2, 3])
    t.clock.advance(24 * 3_600_000)
    await open(web(ip), UNKNOWN_CODE, WRONG, verify)
    expect((await throttleRows(t.testDb.db)).map((r) => [r.attempts, r.day])).toEqual([
      [1, '2026-11-23'],
      [1, '2026-11-23'],
    ])
  })
})

describe('complaint follow-up budget under concurrency (postgres, two instances)', () => {
  it('concurrent wrong guesses never get past the budget: each is counted before its secret is checked', async () => {
    const testDb = await openTestDb('postgres', { isolation: 'connections' })
    const other = createPgDb(testDb.url ?? '', { max: 5 })
    try {
      const keyring = await createKeyring(TEST_APP_SECRET, TEST_DATA_KEY)
      const real = await seedCase(testDb.db, keyring)
      const policy: FollowPolicy = {
        client: { max: 4, windowMs: 15 * 60_000 },
        org: { max: 10, windowMs: 60_000 },
      }
      // A slow check, so that the attempts overlap as they would under PBKDF2.
      const verify = vi.fn(async (secret: string, hash: string) => {
        await new Promise((r) => setTimeout(r, 20))
        return hash === real.secretHash && secret === real.secret
      })
      const attempt = (i: number, client: string, now: Date) =>
        openAsComplainant(
          i % 2 === 0 ? testDb.db : other,
          keyring,
          {
            orgId: 'default',
            client: web(client),
            code: i % 3 === 0 ? UNKNOWN_CODE : REAL_CODE,
            secret: WRONG,
            now,
          },
          { verify, policy },
        )
      const tally = (answers: CaseAccess[]) => answers.map((a) => a.kind).sort()
      const start = new Date('2026-11-22T03:00:00Z')

      // Forty clients at once: the organization's ten are checked, the rest wait.
      const many = await Promise.all(
        Array.from({ length: 40 }, (_, i) => attempt(i, `198.51.100.${i}`, start)),
      )
      expect(tally(many)).toEqual([...Array(30).fill('throttled'), ...Array(10).fill('wrong')])
      expect(verify).toHaveBeenCalledTimes(10)
      const counts = (await throttleRows(testDb.db)).map((r) => r.attempts)
      expect(Math.max(...counts)).toBe(10)
      expect(counts.reduce((a, b) => a + b, 0)).toBe(20) // the organization's 10, one per checked client

      // One client thirty times at once, in the next minute: its four.
      verify.mockClear()
      const next = new Date(start.getTime() + 60_000)
      const one = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(i, '203.0.113.5', next)))
      expect(tally(one)).toEqual([...Array(26).fill('throttled'), ...Array(4).fill('wrong')])
      expect(verify).toHaveBeenCalledTimes(4)

      // The complainant, among others' guesses racing in the minute after.
      verify.mockClear()
      const later = new Date(start.getTime() + 2 * 60_000)
      const [mine] = await Promise.all([
        openAsComplainant(
          other,
          keyring,
          { orgId: 'default', client: web('192.0.2.50'), code: REAL_CODE, secret: SECRET, now: later },
          { verify, policy },
        ),
        ...Array.from({ length: 8 }, (_, i) => attempt(i, `198.51.100.${100 + i}`, later)),
      ])
      expect(mine?.kind).toBe('ok')
    } finally {
      await other.destroy()
      await testDb.close()
    }
  })
})
