import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LOGIN_FAILURES_KEPT_MS } from '../../src/admin/login-failures.js'
import { THROTTLE_WINDOW_MS } from '../../src/admin/throttle.js'
import { silentLogger } from '../../src/core/logger.js'
import { housekeeping } from '../../src/jobs/minute.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { shippedFlows } from '../helpers/flows.js'
import { Client, seedAccount } from './helpers.js'

// Failed sign-ins are the throttle's memory only: the minute's housekeeping deletes those the
// throttle no longer reads, and the throttle still counts every recent one.

const flows = shippedFlows()
const EMAIL = 'owner@agency.go.th'
const PASSWORD = 'a long enough passphrase'

describe.each(DB_KINDS)('failed sign-ins are kept only while they count (%s)', (kind) => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp(kind)
  })
  afterEach(() => t.close())

  const rows = () =>
    t.testDb.db.selectFrom('admin_login_failures').select(['key', 'at']).orderBy('at').execute()
  const tidy = (now: Date) =>
    housekeeping({ db: t.deps.db, flows, log: silentLogger, timeZone: t.deps.config.timeZone }, now)
  const login = (password: string) => new Client(t).login(EMAIL, password)

  it('deletes failures older than the kept span, keeps younger ones, and never more than that', async () => {
    const now = t.clock.now()
    const ago = (ms: number) => new Date(now.getTime() - ms)
    await t.testDb.db
      .insertInto('admin_login_failures')
      .values([
        { key: 'a:old', at: ago(LOGIN_FAILURES_KEPT_MS + 60_000) },
        { key: 'a:edge', at: ago(LOGIN_FAILURES_KEPT_MS - 60_000) },
        { key: 'a:recent', at: ago(THROTTLE_WINDOW_MS / 2) },
      ])
      .execute()
    await tidy(now)
    expect((await rows()).map((r) => r.key)).toEqual(['a:edge', 'a:recent'])
    // The kept span is longer than the window the throttle reads.
    expect(LOGIN_FAILURES_KEPT_MS).toBeGreaterThan(THROTTLE_WINDOW_MS)
  })

  it('a purge between guesses does not lift the throttle: recent failures still slow the next try', async () => {
    await seedAccount(t, 'default', EMAIL, 'owner', PASSWORD)
    for (let i = 0; i < 3; i++) await login(`wrong guess ${i}`)
    const before = (await rows()).length
    expect(before).toBeGreaterThan(0)
    await tidy(t.clock.now())
    expect((await rows()).length).toBe(before)
    // The account's delay after three failures is still there: the right password waits.
    const r = await login(PASSWORD)
    expect(r.status).toBe(429)
  })
})
